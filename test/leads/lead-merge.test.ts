import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Classifier } from '../../classifiers/classify.ts';
import { buildClassifier, buildSegmenter } from '../../src/app/build-classifier.ts';
import { buildLeadServices, type LeadServices } from '../../src/app/build-leads.ts';
import { intakeItemSchema } from '../../src/leads/intake-item.ts';
import type { Lead } from '../../src/leads/lead-record.ts';
import { loadLeads } from '../../src/leads/lead-store.ts';
import { repeatOffenders } from '../../src/leads/repeat-offenders.ts';
import { isVerifiedCase } from '../../src/leads/verified-case.ts';
import { createSilentLogger } from '../../src/logger.ts';
import type { AppConfig } from '../../src/settings/load-config.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../src/store/store.ts';
import { loadProjectConfig } from '../helpers/project-config.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const hr = { name: '人社局刘科长', role: 'hr' as const };

describe('merging leads by hand', () => {
  let config: AppConfig;
  let classify: Classifier;
  let store: Store;
  let leads: LeadServices;
  /** The id of a lead whose next write fails once, as if the process died there. */
  let failWriteOf: string | null = null;
  beforeAll(async () => {
    config = await loadProjectConfig({ WAGEWATCH_MATCH_KEY: 'test-key' });
    classify = buildClassifier(config, buildSegmenter(config));
  });
  beforeEach(async () => {
    store = createEmbeddedStore({
      file: join(await tempDir(), 'm.sqlite'),
      tokenizeForIndex: (t) => [t],
      tokenizeForQuery: (t) => [t],
    });
    const flaky: Store = {
      ...store,
      putRecord: async (kind, id, data, version) => {
        if (kind === 'lead' && id === failWriteOf) {
          failWriteOf = null;
          throw new Error('写入失败（模拟进程中断）');
        }
        return store.putRecord(kind, id, data, version);
      },
    };
    const clock = new Date('2026-11-20T10:00:00+08:00');
    leads = buildLeadServices(config, flaky, classify, createSilentLogger(), () => clock);
  });
  afterEach(() => store.close());

  const take = async (id: string, company: string, phone: string) =>
    (
      await leads.intake.intake(
        'hotline-12345',
        {
          item: intakeItemSchema.parse({
            external_id: id,
            complainant: { phone },
            company,
            region: '河口镇',
            description: `${company}拖欠河口镇工人工资。`,
          }),
        },
        '热线',
      )
    ).lead_id;
  const get = async (id: string) => (await store.getRecord<Lead>('lead', id))?.data as Lead;

  it('finishes a merge interrupted after the target was written, without doubling any report', async () => {
    const target = await take('M-1', '青禾鑫达建设工程有限公司', '13812345678');
    const other = await take('M-2', '鑫达建工', '13712345678');
    failWriteOf = other;
    await expect(leads.operations.merge(target, [other], hr, '同一项目')).rejects.toThrow('模拟进程中断');
    expect((await get(target)).reports).toHaveLength(2);
    expect((await get(other)).work.state).toBe('assigned');

    const { target: merged } = await leads.operations.merge(target, [other], hr, '同一项目');
    expect(merged.reports.map((r) => r.external_id)).toEqual(['M-1', 'M-2']);
    expect((await get(other)).work).toMatchObject({ state: 'closed', merged_into: { id: target } });
    // A retry of a finished merge changes nothing.
    const again = await leads.operations.merge(target, [other], hr, '同一项目');
    expect(again.target.reports).toHaveLength(2);
  });

  it('keeps a merged lead out of repeat-offender counts and cannot split or merge it again', async () => {
    const target = await take('M-3', '青禾鑫达建设工程有限公司', '13812345670');
    const other = await take('M-4', '鑫达建工', '13712345670');
    await leads.operations.merge(target, [other], hr, '同一项目');
    // Both companies now name the one lead: neither counts twice as a repeat complaint.
    expect(
      repeatOffenders(await loadLeads(store), config.leads.blacklist, new Date('2026-11-21T00:00:00+08:00')),
    ).toEqual([]);
    const closed = await get(other);
    expect(
      isVerifiedCase({ ...closed, work: { ...closed.work, verification: { note: '', by: '', at: '' } } }),
    ).toBe(false);
    await expect(
      leads.operations.split(other, [{ source: 'hotline-12345', external_id: 'M-4' }], hr, '误并'),
    ).rejects.toThrow('已并入');
    const third = await take('M-5', '石料厂', '13612345670');
    await expect(leads.operations.merge(third, [other], hr, '误并')).rejects.toThrow('不能再合并');
    await expect(
      leads.operations.merge(target, [third], { name: '河口镇', role: 'unit', unit: '河口镇' }, '同一项目'),
    ).rejects.toThrow('只有人社局或管理员');
  });
});
