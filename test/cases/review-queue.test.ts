import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CASE_KIND, type PoliceCase } from '../../src/cases/police-case.ts';
import { decideCase, listCases, syncReviewQueue } from '../../src/cases/review-queue.ts';
import type { EventRecord } from '../../src/events/event-record.ts';
import type { Lead } from '../../src/leads/lead-record.ts';
import type { Store } from '../../src/store/store.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { openStore, queueEvent, seedQueueStore } from './case-fixtures.ts';

const tempDir = useTempDirs();
const day1 = new Date('2026-11-26T10:00:00+08:00');
const day2 = new Date('2026-11-27T10:00:00+08:00');
const police = { name: '刘警官', role: 'police' } as const;

describe('the public-security review queue', () => {
  let store: Store;
  const event = queueEvent;
  const eventCase = `case:event:${event.id}`;
  beforeEach(async () => {
    store = openStore(await tempDir());
    await seedQueueStore(store);
  });
  afterEach(() => store.close());

  it('flags each qualifying event and lead once, however often it runs, and audits the flag', async () => {
    expect(await syncReviewQueue(store, day1)).toEqual({ created: 3, regrown: 0, total: 3 });
    expect(await syncReviewQueue(store, day2)).toEqual({ created: 0, regrown: 0, total: 3 });
    const [a, b] = await Promise.all([syncReviewQueue(store, day2), syncReviewQueue(store, day2)]);
    expect(a.created + b.created).toBe(0);

    const cases = await listCases(store);
    expect(cases.map((c) => c.id).sort()).toEqual([
      eventCase,
      'case:lead:lead-crime',
      'case:lead:lead-extreme',
    ]);
    expect(cases.every((c) => c.status === 'pending' && c.flagged_at === '2026-11-26T10:00:00+08:00')).toBe(
      true,
    );
    expect(await store.listAudit({ target_kind: CASE_KIND })).toHaveLength(3);
    expect(await store.listAudit({ target_id: 'case:lead:lead-crime' })).toEqual([
      {
        at: '2026-11-26T10:00:00+08:00',
        actor: 'system',
        action: 'case.flag',
        target_kind: CASE_KIND,
        target_id: 'case:lead:lead-crime',
        reason: '达到拒不支付劳动报酬罪立案标准',
        before: null,
        after: { status: 'pending', reasons: ['达到拒不支付劳动报酬罪立案标准'] },
      },
    ]);
  });

  it('creates a case once when two syncs race', async () => {
    const [a, b] = await Promise.all([syncReviewQueue(store, day1), syncReviewQueue(store, day1)]);
    expect(a.created + b.created).toBe(3);
    expect(await store.listAudit({ target_kind: CASE_KIND })).toHaveLength(3);
  });

  it('sends a decided case back to pending when its subject gains risks, once, audited', async () => {
    await syncReviewQueue(store, day1);
    await decideCase(store, eventCase, { decision: 'keep_watching', reason: '尚在协商' }, police, day1);
    const current = (await store.getRecord<EventRecord>('event', event.id))!;
    const worse = { ...current.data, risks: ['mass_gathering', 'extreme'] };
    await store.putRecord('event', event.id, worse, current.version);

    expect(await syncReviewQueue(store, day2)).toEqual({ created: 0, regrown: 1, total: 3 });
    expect(await syncReviewQueue(store, day2)).toEqual({ created: 0, regrown: 0, total: 3 });
    const reopened = (await store.getRecord<PoliceCase>(CASE_KIND, eventCase))!.data;
    expect(reopened).toMatchObject({
      status: 'pending',
      risks: ['mass_gathering', 'extreme'],
      reasons: ['存在群体聚集风险', '存在极端行为风险'],
      flag_history: [
        { at: '2026-11-26T10:00:00+08:00', added: ['存在群体聚集风险'] },
        { at: '2026-11-27T10:00:00+08:00', added: ['存在极端行为风险'] },
      ],
      decisions: [{ decision: 'keep_watching', reason: '尚在协商' }],
    });
    expect((await store.listAudit({ target_id: eventCase })).at(-1)).toEqual({
      at: '2026-11-27T10:00:00+08:00',
      actor: 'system',
      action: 'case.reflag',
      target_kind: CASE_KIND,
      target_id: eventCase,
      reason: '存在极端行为风险',
      before: { status: 'decided', reasons: ['存在群体聚集风险'] },
      after: { status: 'pending', reasons: ['存在群体聚集风险', '存在极端行为风险'] },
    });
    expect((await listCases(store))[0]?.id).toBe(eventCase);
  });

  it('adds reasons to a case still pending without a second entry in the queue', async () => {
    await syncReviewQueue(store, day1);
    const current = (await store.getRecord<Lead>('lead', 'lead-crime'))!;
    const facts = { ...current.data.facts, risks: ['mass_gathering' as const] };
    await store.putRecord('lead', 'lead-crime', { ...current.data, facts }, current.version);
    expect(await syncReviewQueue(store, day2)).toEqual({ created: 0, regrown: 1, total: 3 });
    const grown = (await store.getRecord<PoliceCase>(CASE_KIND, 'case:lead:lead-crime'))!.data;
    expect(grown).toMatchObject({
      status: 'pending',
      reasons: ['达到拒不支付劳动报酬罪立案标准', '存在群体聚集风险'],
    });
    expect(
      (await store.listAudit({ target_id: 'case:lead:lead-crime' })).map((a) => [a.action, a.before]),
    ).toEqual([
      ['case.flag', null],
      ['case.reflag', { status: 'pending', reasons: ['达到拒不支付劳动报酬罪立案标准'] }],
    ]);
    expect((await listCases(store)).map((c) => c.id)).toEqual([
      'case:lead:lead-crime',
      eventCase,
      'case:lead:lead-extreme',
    ]);
  });
});
