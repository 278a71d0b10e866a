import type { Classifier } from '../../classifiers/classify.ts';
import { createTownFinder } from '../../classifiers/gazetteer.ts';
import type { Channel } from '../alerts/channels/channel-plugin.ts';
import type { IntakeSource } from '../http/intake-routes.ts';
import { deadlineFor } from '../leads/deadline-policy.ts';
import { createLeadIndex } from '../leads/lead-index.ts';
import { createLeadIntake, type LeadIntake } from '../leads/lead-intake.ts';
import { createLeadOperations, type LeadOperations } from '../leads/lead-operations.ts';
import type { Lead } from '../leads/lead-record.ts';
import { createMatchKeys } from '../leads/match-keys.ts';
import { createWorkingCalendar, type WorkingCalendar } from '../leads/working-days.ts';
import type { Logger } from '../logger.ts';
import type { AppConfig } from '../settings/load-config.ts';
import type { Store } from '../store/store.ts';

/** Used only when WAGEWATCH_MATCH_KEY is unset (config check warns): hashes stay comparable. */
const FIXED_MATCH_KEY = 'wagewatch-lead-match-v1';

export interface LeadServices {
  intake: LeadIntake;
  operations: LeadOperations;
  calendar: WorkingCalendar;
  /** The deadline that starts when the owning unit signs: the tightest over the lead's sources. */
  deadlineOf(lead: Lead, signedAt: string): { days: number; due_at: string };
}

/** Wires the lead services to the configuration, the store and the classifier. */
export function buildLeadServices(
  config: AppConfig,
  store: Store,
  classify: Classifier,
  logger: Logger,
  now: () => Date = () => new Date(),
): LeadServices {
  const index = createLeadIndex(store);
  const calendar = createWorkingCalendar(config.calendar);
  const facts = {
    county: config.gazetteer.county,
    findTown: createTownFinder(config.gazetteer),
    departments: config.routing.departments,
    matchKeys: createMatchKeys(config.matchKey?.reveal() ?? FIXED_MATCH_KEY),
  };
  const deadlineOf = (lead: Lead, signedAt: string) => {
    const options = lead.facts.sources.map((source) =>
      deadlineFor(
        { level: lead.facts.level, source, signedAt: new Date(signedAt), statedDueBy: lead.facts.due_by },
        config.leads.deadlines,
        calendar,
      ),
    );
    const tightest = options.sort((a, b) => a.due_at.localeCompare(b.due_at))[0];
    if (!tightest) throw new Error(`lead ${lead.id} has no source`);
    return { days: tightest.days, due_at: tightest.due_at };
  };
  return {
    intake: createLeadIntake({
      store,
      index,
      classify,
      facts,
      windowDays: config.leads.merge.window_days,
      now,
      logger,
    }),
    operations: createLeadOperations({
      store,
      index,
      facts,
      towns: config.gazetteer.towns.map((t) => t.name),
      deadlineFor: deadlineOf,
      now,
    }),
    calendar,
    deadlineOf,
  };
}

/** The intake sources as the HTTP route needs them, with their signing keys. */
export function intakeSources(config: AppConfig): Map<string, IntakeSource> {
  return new Map(
    Object.entries(config.leads.intake.sources).map(([id, source]) => [
      id,
      {
        name: source.name,
        hmacSecret: config.intakeSecrets.get(id)?.reveal() ?? null,
        signatureRequired: source.hmac_secret_env !== undefined,
      },
    ]),
  );
}

/** The leading group's channels and those of each unit that owns the lead, each once. */
export function supervisionChannels(
  config: AppConfig,
  channels: ReadonlyMap<string, Channel>,
  lead: Lead,
): Channel[] {
  const { leading_group, units } = config.leads.supervision;
  const owners = [lead.work.owner_town, ...lead.work.owner_departments].filter((u): u is string => !!u);
  const names = new Set([...leading_group, ...owners.flatMap((unit) => units[unit] ?? [])]);
  return [...names].flatMap((name) => channels.get(name) ?? []);
}
