import { createHash } from 'node:crypto';
import type { Classifier } from '../../classifiers/classify.ts';
import type { Classification } from '../domain/classification.ts';
import { toShanghaiIso } from '../domain/shanghai-time.ts';
import { ConflictError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { createRecordBatch } from '../store/record-batch.ts';
import type { RecordAccess, Store } from '../store/store.ts';
import type { IntakeItem } from './intake-item.ts';
import { deriveLeadFacts, type LeadFactsContext } from './lead-facts.ts';
import { createLeadIndex, type LeadIndex } from './lead-index.ts';
import { type Lead, type LeadFacts, type LeadReport, reportClassification } from './lead-record.ts';
import { emptyWork, saveLead } from './lead-store.ts';
import { findMergeTarget, verifiedEarlier } from './merge-target.ts';
import { reopenOnRepost } from './online-reopen.ts';
import { isCountedRepost, isPlainRepost, withoutRepost, withRepost } from './repost-fold.ts';

export interface LeadIntakeDeps {
  store: Pick<Store, 'getRecord' | 'putRecord' | 'putRecords'>;
  index: LeadIndex;
  classify: Classifier;
  facts: Omit<LeadFactsContext, 'repeatOffender'>;
  /** Reports of one case further apart than this start a new lead. */
  windowDays: number;
  logger: Logger;
  now?: () => Date;
}

export interface IntakeInput {
  item: IntakeItem;
  /** Already classified (an online post): the text is not classified again. */
  classification?: Classification;
  post?: LeadReport['post'];
}

export type IntakeStatus = 'imported' | 'merged' | 'unchanged';

/** One report for intakeAll. */
export interface IntakeRequest {
  source: string;
  input: IntakeInput;
  actor: string;
}

/** Tries at a whole batch of reports before the caller is told of the conflict. */
const BATCH_TRIES = 5;

export interface IntakeOutcome {
  status: IntakeStatus;
  lead_id: string;
}

/**
 * Takes reports of wage-arrears cases from any channel and keeps one lead per case: a report
 * seen before changes nothing, a report of a known case joins that lead (多头反映), anything else
 * opens a new lead, routed to its township when the place is known. Where the report went is
 * written first, so a crash halfway is finished by the next try of the same report.
 */
export function createLeadIntake(deps: LeadIntakeDeps) {
  const direct = intakeOn(deps);
  return {
    intake: direct.intake,
    /**
     * Several reports as one unit of work, in order, their record writes committed together
     * (record-batch.ts): a lead that several of them join is stored once, and nothing is written
     * unless everything is. When another writer changed one of the records meanwhile, the whole
     * batch is done again from what is stored now.
     */
    async intakeAll(requests: readonly IntakeRequest[]): Promise<IntakeOutcome[]> {
      for (let attempt = 1; ; attempt++) {
        const batch = createRecordBatch(deps.store);
        const held = intakeOn({ ...deps, store: batch.records, index: createLeadIndex(batch.records) });
        const outcomes: IntakeOutcome[] = [];
        try {
          for (const { source, input, actor } of requests)
            outcomes.push(await held.intake(source, input, actor));
          await batch.commit();
          return outcomes;
        } catch (error) {
          if (!(error instanceof ConflictError) || attempt >= BATCH_TRIES) throw error;
        }
      }
    },
  };
}

/** The intake over `deps.store`: the store itself, or a record batch over it. */
function intakeOn(deps: Omit<LeadIntakeDeps, 'store'> & { store: RecordAccess }) {
  const now = deps.now ?? (() => new Date());

  async function intake(source: string, input: IntakeInput, actor: string): Promise<IntakeOutcome> {
    const report = toReport(source, input, deps.classify, now());
    for (let attempt = 1; ; attempt++) {
      try {
        return await place(report, actor);
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= 8) throw error;
      }
    }
  }

  async function place(report: LeadReport, actor: string): Promise<IntakeOutcome> {
    const entry = await deps.index.intakeEntry(report.source, report.external_id);
    if (entry) {
      const current = await deps.store.getRecord<Lead>('lead', entry.data.lead_id);
      const known = current?.data.reports.find(
        (r) => r.source === report.source && r.external_id === report.external_id,
      );
      // A counted repost's digest is the one its entry holds (written before it was counted).
      const counted =
        current && isCountedRepost(current.data, report.external_id) && entry.data.digest === report.digest;
      if (current && (known?.digest === report.digest || counted))
        return { status: 'unchanged', lead_id: entry.data.lead_id };
      const status = await addReport(entry.data.lead_id, current, report, actor);
      await deps.index.putIntakeEntry(
        report.source,
        report.external_id,
        { lead_id: entry.data.lead_id, digest: report.digest },
        entry.version,
      );
      return { status, lead_id: entry.data.lead_id };
    }
    const alone = deriveLeadFacts([report], { ...deps.facts, repeatOffender: false });
    const target = await findMergeTarget(
      deps.store,
      deps.index,
      alone.match_keys,
      report.received_at,
      deps.windowDays,
      alone.town,
    );
    const leadId = target?.data.id ?? newLeadId(report);
    // Claim first: of two workers taking the same report, one writes this and the other re-reads.
    await deps.index.putIntakeEntry(
      report.source,
      report.external_id,
      { lead_id: leadId, digest: report.digest },
      null,
    );
    const status = await addReport(leadId, target, report, actor, alone);
    return { status, lead_id: leadId };
  }

  /**
   * Adds (or replaces) the report in lead `leadId`, creating the lead when there is none yet.
   * `alone` is the report's facts on its own, when the caller has worked them out already.
   */
  async function addReport(
    leadId: string,
    current: { data: Lead; version: string } | null,
    report: LeadReport,
    actor: string,
    alone: LeadFacts = deriveLeadFacts([report], { ...deps.facts, repeatOffender: false }),
  ): Promise<IntakeStatus> {
    const at = toShanghaiIso(now());
    const eventId = report.post?.event_id;
    if (current && eventId && isPlainRepost(current.data, report, alone)) {
      await saveLead(deps.store, withRepost(current.data, eventId, report.external_id, at), current.version, {
        actor,
        action: 'lead.repost',
        reason: `${report.source} ${report.external_id}`,
      });
      return 'merged';
    }
    const base: Lead = current?.data ?? {
      id: leadId,
      created_at: at,
      updated_at: at,
      reports: [],
      facts: alone,
      work: emptyWork(),
      split: { from: null, into: [] },
      repeat_of: [],
    };
    const reports = [
      ...base.reports.filter((r) => !(r.source === report.source && r.external_id === report.external_id)),
      report,
    ];
    const repeatOf = current
      ? base.repeat_of
      : await verifiedEarlier(deps.store, deps.index, base.facts.match_keys, leadId);
    // A new lead that repeats no earlier one has exactly the facts of its one report.
    const facts =
      !current && repeatOf.length === 0
        ? alone
        : deriveLeadFacts(reports, { ...deps.facts, repeatOffender: repeatOf.length > 0 });
    let lead: Lead = {
      ...withoutRepost(base, report.external_id),
      reports,
      facts,
      repeat_of: repeatOf,
      updated_at: at,
    };
    if (!current) lead = { ...lead, work: autoRoute(lead) };
    else lead = reopenOnRepost(current.data, lead, report, at);
    await saveLead(deps.store, lead, current?.version ?? null, {
      actor,
      action: current ? 'lead.merge' : 'lead.create',
      reason: `${report.source} ${report.external_id}`,
      before: current ? summary(current.data) : null,
      after: summary(lead),
    });
    // Keys the lead carried before point at it already; a lead of many reports has many.
    const before = new Set(current?.data.facts.match_keys ?? []);
    await deps.index.setKeys(
      lead.id,
      facts.match_keys.filter((key) => !before.has(key)),
    );
    deps.logger.info({ lead: lead.id, source: report.source, merged: !!current }, 'lead intake');
    return current ? 'merged' : 'imported';
  }

  return { intake };
}

export type LeadIntake = ReturnType<typeof createLeadIntake>;

/** A lead whose township is known goes to it at once; one outside the county waits to be forwarded. */
function autoRoute(lead: Lead): Lead['work'] {
  if (!lead.facts.town || lead.facts.outside_county) return lead.work;
  return {
    ...lead.work,
    state: 'assigned',
    owner_town: lead.facts.town,
    owner_departments: lead.facts.departments,
  };
}

function toReport(source: string, input: IntakeInput, classify: Classifier, now: Date): LeadReport {
  const { item } = input;
  const text = [item.company, item.project, item.description].filter(Boolean).join('。');
  return {
    source,
    external_id: item.external_id,
    received_at: item.received_at ?? toShanghaiIso(now),
    item,
    digest: createHash('sha256').update(JSON.stringify(item)).digest('hex').slice(0, 32),
    classification: reportClassification(input.classification ?? classify({ text })),
    ...(input.post ? { post: input.post } : {}),
  };
}

/** 「XS-20261127-3f9a1c」: short enough to say on the phone, stable for one first report. */
function newLeadId(report: LeadReport): string {
  const hash = createHash('sha256').update(`${report.source}\n${report.external_id}`).digest('hex');
  return `XS-${report.received_at.slice(0, 10).replace(/-/g, '')}-${hash.slice(0, 6)}`;
}

function summary(lead: Lead) {
  return {
    state: lead.work.state,
    reports: lead.reports.length,
    amount_yuan: lead.facts.amount_yuan,
    workers: lead.facts.workers,
    level: lead.facts.level,
    town: lead.work.owner_town,
  };
}
