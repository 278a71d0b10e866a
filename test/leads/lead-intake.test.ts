import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Classifier } from '../../classifiers/classify.ts';
import { buildClassifier, buildSegmenter } from '../../src/app/build-classifier.ts';
import { buildLeadServices, type LeadServices } from '../../src/app/build-leads.ts';
import { ConflictError } from '../../src/errors.ts';
import { type IntakeItem, intakeItemSchema } from '../../src/leads/intake-item.ts';
import type { Lead } from '../../src/leads/lead-record.ts';
import { loadLeads } from '../../src/leads/lead-store.ts';
import { createSilentLogger } from '../../src/logger.ts';
import type { AppConfig } from '../../src/settings/load-config.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../src/store/store.ts';
import { loadProjectConfig } from '../helpers/project-config.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const hr = { name: '人社局刘科长', role: 'hr' as const };

/** An item as the intake schema hands it on (phones normalized, IDs checked). */
function item(overrides: Partial<IntakeItem> & { external_id: string }): IntakeItem {
  return intakeItemSchema.parse({
    complainant: {},
    description: '反映青禾鑫达建设工程有限公司拖欠河口镇安置房项目32名农民工工资48万元。',
    received_at: '2026-11-20T09:00:00+08:00',
    ...overrides,
  });
}

describe('lead intake: one lead per case', () => {
  let config: AppConfig;
  let classify: Classifier;
  let store: Store;
  let leads: LeadServices;
  let clock: Date;
  beforeAll(async () => {
    config = await loadProjectConfig({ WAGEWATCH_MATCH_KEY: 'test-key' });
    classify = buildClassifier(config, buildSegmenter(config));
  });
  beforeEach(async () => {
    store = createEmbeddedStore({
      file: join(await tempDir(), 'l.sqlite'),
      tokenizeForIndex: (t) => [t],
      tokenizeForQuery: (t) => [t],
    });
    clock = new Date('2026-11-20T10:00:00+08:00');
    leads = buildLeadServices(config, store, classify, createSilentLogger(), () => clock);
  });
  afterEach(() => store.close());

  const get = async (id: string) => (await store.getRecord<Lead>('lead', id))?.data as Lead;

  it('opens a lead routed to its township, and a repeat of the same report changes nothing', async () => {
    const report = item({
      external_id: 'GJ-001',
      company: '青禾鑫达建设工程有限公司',
      region: '青禾县河口镇',
    });
    const first = await leads.intake.intake('national-platform', { item: report }, '平台');
    expect(first.status).toBe('imported');
    const lead = await get(first.lead_id);
    expect(lead.work).toMatchObject({ state: 'assigned', owner_town: '河口镇' });
    expect(lead.facts).toMatchObject({ amount_yuan: 480_000, workers: 32, industry: 'construction' });
    expect(lead.facts.departments).toEqual(expect.arrayContaining(['人社', '住建']));
    // The report keeps what the rules said, without the hits that explain it (half its size).
    expect(lead.reports[0]?.classification).toMatchObject({ lead: true, level: expect.any(String) });
    expect(lead.reports[0]?.classification).not.toHaveProperty('hits');
    expect(await leads.intake.intake('national-platform', { item: report }, '平台')).toEqual({
      status: 'unchanged',
      lead_id: first.lead_id,
    });
    expect(await loadLeads(store)).toHaveLength(1);
    expect((await store.listAudit({ target_kind: 'lead' })).map((a) => a.action)).toEqual(['lead.create']);
  });

  it('merges reports of one case from four channels, keeps each, takes the largest figures with history', async () => {
    const a = await leads.intake.intake(
      'national-platform',
      {
        item: item({
          external_id: 'GJ-7',
          company: '青禾鑫达建设工程有限公司',
          workers: 20,
          amount_yuan: 300_000,
        }),
      },
      '平台',
    );
    const b = await leads.intake.intake(
      'hotline-12345',
      {
        item: item({
          external_id: '12345-88',
          company: '青禾鑫达建设有限公司',
          complainant: { name: '王建国', phone: '13812345678' },
          workers: 32,
          amount_yuan: 250_000,
          received_at: '2026-11-22T15:00:00+08:00',
          description: '王建国来电：青禾鑫达建设拖欠工资，三十多人没拿到钱。',
        }),
      },
      '热线',
    );
    const c = await leads.intake.intake(
      'petition',
      {
        item: item({
          external_id: 'XF-3',
          complainant: { name: '王建国', phone: '138 1234 5678' },
          description: '王建国来电：青禾鑫达建设拖欠工资，三十多人没拿到钱。',
          received_at: '2026-11-23T10:00:00+08:00',
        }),
      },
      '信访',
    );
    expect([a.status, b.status, c.status]).toEqual(['imported', 'merged', 'merged']);
    expect(new Set([a.lead_id, b.lead_id, c.lead_id]).size).toBe(1);
    const lead = await get(a.lead_id);
    expect(lead.reports.map((r) => r.source)).toEqual(['national-platform', 'hotline-12345', 'petition']);
    expect(lead.facts.sources).toHaveLength(3);
    expect(lead.facts.workers).toBe(32);
    expect(lead.facts.amount_yuan).toBe(300_000);
    expect(lead.facts.workers_history.map((s) => [s.source, s.value])).toEqual(
      expect.arrayContaining([
        ['national-platform', 20],
        ['hotline-12345', 32],
      ]),
    );
    // The same words from two channels are one description.
    expect(lead.facts.descriptions).toHaveLength(2);
    expect(lead.facts.complainants).toHaveLength(1);
    // No personal data in the match index: keys are hashes.
    expect(lead.facts.match_keys.join(' ')).not.toContain('13812345678');
  });

  it('keeps a report outside the window, or of another company, as a case of its own', async () => {
    const a = await leads.intake.intake(
      'national-platform',
      { item: item({ external_id: 'A', company: '甲公司', description: '甲公司拖欠二十名工人工资。' }) },
      'x',
    );
    const b = await leads.intake.intake(
      'national-platform',
      {
        item: item({
          external_id: 'B',
          company: '甲公司',
          description: '甲公司拖欠二十名工人工资。',
          received_at: '2027-04-01T09:00:00+08:00',
        }),
      },
      'x',
    );
    const c = await leads.intake.intake(
      'national-platform',
      { item: item({ external_id: 'C', company: '乙公司', description: '乙公司拖欠二十名工人工资。' }) },
      'x',
    );
    expect(new Set([a.lead_id, b.lead_id, c.lead_id]).size).toBe(3);
  });

  it("keeps two townships' projects of the same kind apart, and joins reports of one township's", async () => {
    const report = (id: string, town: string) =>
      leads.intake.intake(
        'hotline-12345',
        {
          item: item({
            external_id: id,
            project: '安置房项目',
            region: town,
            description: `${town}安置房项目拖欠十几名工人工资。`,
          }),
        },
        'x',
      );
    const hekou = await report('H1', '河口镇');
    const baisha = await report('B1', '白沙镇');
    const hekouAgain = await report('H2', '河口镇');
    expect(baisha.lead_id).not.toBe(hekou.lead_id);
    expect(hekouAgain).toMatchObject({ status: 'merged', lead_id: hekou.lead_id });
    expect((await get(baisha.lead_id)).work.owner_town).toBe('白沙镇');
  });

  it('marks a lead from outside the county for forwarding instead of routing or dropping it', async () => {
    const out = await leads.intake.intake(
      'hotline-12345',
      { item: item({ external_id: 'W-1', company: '某外地公司', region: '河南省郑州市金水区' }) },
      'x',
    );
    const lead = await get(out.lead_id);
    expect(lead.facts.outside_county).toBe('河南省郑州市金水区');
    expect(lead.work.state).toBe('new');
    const forwarded = await leads.operations.act(
      out.lead_id,
      { action: 'forward', to: '郑州市金水区人社局', note: '属地在外县' },
      hr,
    );
    expect(forwarded.work).toMatchObject({ state: 'closed', forwarded: { to: '郑州市金水区人社局' } });
  });

  it('splits a wrong merge back apart, audited, and both leads work out their facts again', async () => {
    const a = await leads.intake.intake(
      'national-platform',
      { item: item({ external_id: 'P-1', project: '滨河花园二期项目', workers: 12, region: '石桥镇' }) },
      'x',
    );
    await leads.intake.intake(
      'township-sheet',
      {
        item: item({
          external_id: 'T-9',
          project: '滨河花园二期',
          workers: 40,
          description: '另一家劳务队在滨河花园二期讨薪',
        }),
      },
      'x',
    );
    expect((await get(a.lead_id)).facts.workers).toBe(40);
    const { kept, split_off } = await leads.operations.split(
      a.lead_id,
      [{ source: 'township-sheet', external_id: 'T-9' }],
      hr,
      '不是同一劳务队',
    );
    expect(kept.facts.workers).toBe(12);
    expect(split_off.facts.workers).toBe(40);
    expect(split_off.split.from).toBe(a.lead_id);
    expect((await get(a.lead_id)).split.into).toEqual([split_off.id]);
    // A re-import of the split-off report stays with its new lead.
    const again = await leads.intake.intake(
      'township-sheet',
      {
        item: item({
          external_id: 'T-9',
          project: '滨河花园二期',
          workers: 40,
          description: '另一家劳务队在滨河花园二期讨薪',
        }),
      },
      'x',
    );
    expect(again).toEqual({ status: 'unchanged', lead_id: split_off.id });
    const audit = await store.listAudit({ actor: hr.name });
    expect(audit.map((e) => [e.action, e.reason])).toEqual([
      ['lead.split_off', '不是同一劳务队'],
      ['lead.split', '不是同一劳务队'],
    ]);
    await expect(
      leads.operations.split(
        a.lead_id,
        [{ source: 'x', external_id: 'y' }],
        { name: '某镇', role: 'unit', unit: '石桥镇' },
        '试试',
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('does not count a company whose earlier lead was found unfounded and closed as a repeat offender', async () => {
    const old = await leads.intake.intake(
      'national-platform',
      {
        item: item({
          external_id: 'FALSE',
          company: '青禾清白劳务有限公司',
          region: '柳林乡',
          received_at: '2025-12-01T09:00:00+08:00',
        }),
      },
      'x',
    );
    const unit = { name: '柳林乡干部', role: 'unit' as const, unit: '柳林乡' };
    await leads.operations.act(old.lead_id, { action: 'sign' }, unit);
    await leads.operations.act(old.lead_id, { action: 'unfound', reason: '工资已按时足额发放' }, unit);
    await leads.operations.act(old.lead_id, { action: 'close', note: '不属实，办结' }, hr);
    const fresh = await leads.intake.intake(
      'hotline-12345',
      {
        item: item({
          external_id: 'AGAIN',
          company: '青禾清白劳务公司',
          description: '青禾清白劳务公司拖欠工资',
        }),
      },
      'x',
    );
    expect((await get(fresh.lead_id)).repeat_of).toEqual([]);
  });

  it('raises the level of a company with verified arrears on record (回头看) and links the history', async () => {
    const old = await leads.intake.intake(
      'national-platform',
      {
        item: item({
          external_id: 'OLD',
          company: '青禾宏远劳务有限公司',
          region: '柳林乡',
          received_at: '2025-12-01T09:00:00+08:00',
        }),
      },
      'x',
    );
    const unit = { name: '柳林乡干部', role: 'unit' as const, unit: '柳林乡' };
    await leads.operations.act(old.lead_id, { action: 'sign' }, unit);
    await leads.operations.act(old.lead_id, { action: 'verify', note: '属实' }, unit);
    const fresh = await leads.intake.intake(
      'hotline-12345',
      {
        item: item({
          external_id: 'NEW',
          company: '青禾宏远劳务公司',
          description: '青禾宏远劳务公司拖欠工资',
          received_at: '2026-11-20T09:00:00+08:00',
        }),
      },
      'x',
    );
    expect(fresh.lead_id).not.toBe(old.lead_id);
    const lead = await get(fresh.lead_id);
    expect(lead.repeat_of).toEqual([old.lead_id]);
    // One step above what its own text would make it.
    const own = lead.reports[0]?.classification.level;
    const order = ['blue', 'yellow', 'orange', 'red'];
    expect(order.indexOf(lead.facts.level)).toBe(Math.max(0, order.indexOf(own ?? 'none')) + 1);
  });

  it('takes a batch in as one unit of work: one lead written once, and done again from the store after a conflict', async () => {
    const reports = ['GJ-101', 'GJ-102', 'GJ-103'].map((external_id) => ({
      source: 'national-platform',
      input: { item: item({ external_id, company: '青禾鑫达建设工程有限公司', region: '青禾县河口镇' }) },
      actor: '平台',
    }));
    let commits = 0;
    const racing: Store = {
      ...store,
      putRecords: async (writes) => {
        commits++;
        // The first commit finds that another writer changed a record the batch read.
        if (commits === 1) throw new ConflictError('lead GJ: changed meanwhile');
        return store.putRecords(writes);
      },
    };
    const batched = buildLeadServices(config, racing, classify, createSilentLogger(), () => clock);
    const outcomes = await batched.intake.intakeAll(reports);
    expect(commits).toBe(2);
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'merged', 'merged']);
    const lead = await get(outcomes[0]?.lead_id as string);
    expect(lead.reports.map((r) => r.external_id)).toEqual(['GJ-101', 'GJ-102', 'GJ-103']);
    // Written once, at the end: version 1, with an audit entry for each of the three changes.
    expect((await store.getRecord('lead', lead.id))?.version).toBe('1');
    expect((await store.listAudit({ target_id: lead.id })).map((e) => e.action)).toEqual([
      'lead.create',
      'lead.merge',
      'lead.merge',
    ]);
  });
});
