import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CASE_KIND, type PoliceCase } from '../../src/cases/police-case.ts';
import { decideCase, listCases, syncReviewQueue } from '../../src/cases/review-queue.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { ConflictError } from '../../src/errors.ts';
import type { Store } from '../../src/store/store.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { openStore, queueEvent, seedQueueStore } from './case-fixtures.ts';

const tempDir = useTempDirs();
const day1 = new Date('2026-11-26T10:00:00+08:00');
const day2 = new Date('2026-11-27T10:00:00+08:00');
const police: Actor = { name: '刘警官', role: 'police' };
const admin: Actor = { name: '系统管理员', role: 'admin' };
const eventCase = `case:event:${queueEvent.id}`;

describe('deciding a case', () => {
  let store: Store;
  beforeEach(async () => {
    store = openStore(await tempDir());
    await seedQueueStore(store);
    await syncReviewQueue(store, day1);
  });
  afterEach(() => store.close());

  it('records a decision with its reason, audited with before and after', async () => {
    const decided = await decideCase(
      store,
      eventCase,
      {
        decision: 'transfer',
        reason: ' 属劳动争议，未达刑事立案标准 ',
        transfer_to: '县人社局劳动保障监察大队',
      },
      police,
      day2,
    );
    expect(decided.status).toBe('decided');
    expect((await store.getRecord<PoliceCase>(CASE_KIND, eventCase))?.data.decisions).toEqual([
      {
        decision: 'transfer',
        reason: '属劳动争议，未达刑事立案标准',
        transfer_to: '县人社局劳动保障监察大队',
        by: '刘警官',
        at: '2026-11-27T10:00:00+08:00',
      },
    ]);
    await decideCase(
      store,
      eventCase,
      { decision: 'file_investigation', reason: '发现转移财产' },
      admin,
      day2,
    );
    const audit = await store.listAudit({ target_id: eventCase });
    expect(audit.slice(1)).toEqual([
      {
        at: '2026-11-27T10:00:00+08:00',
        actor: '刘警官',
        action: 'case.decide',
        target_kind: CASE_KIND,
        target_id: eventCase,
        reason: '属劳动争议，未达刑事立案标准',
        before: { status: 'pending', decision: null },
        after: { status: 'decided', decision: 'transfer', transfer_to: '县人社局劳动保障监察大队' },
      },
      {
        at: '2026-11-27T10:00:00+08:00',
        actor: '系统管理员',
        action: 'case.decide',
        target_kind: CASE_KIND,
        target_id: eventCase,
        reason: '发现转移财产',
        before: { status: 'decided', decision: 'transfer' },
        after: { status: 'decided', decision: 'file_investigation', transfer_to: null },
      },
    ]);
    expect(await listCases(store, { status: 'decided' })).toHaveLength(1);
    expect(await listCases(store, { status: 'pending' })).toHaveLength(2);
  });

  it.each<Actor>([
    { name: '值班员', role: 'monitor' },
    { name: '人社局', role: 'hr' },
    { name: '河口镇', role: 'unit', unit: '河口镇' },
    { name: 'system', role: 'system' },
  ])('refuses a decision by $role', async (actor) => {
    const attempt = decideCase(store, eventCase, { decision: 'no_case', reason: '不构成犯罪' }, actor, day2);
    await expect(attempt).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('无权'),
    });
    expect((await store.listAudit({ target_id: eventCase })).map((a) => a.action)).toEqual(['case.flag']);
    expect((await store.getRecord<PoliceCase>(CASE_KIND, eventCase))?.data.decisions).toEqual([]);
  });

  it.each([
    ['no reason', { decision: 'no_case' }, '须填写研判理由'],
    ['a blank reason', { decision: 'no_case', reason: '   ' }, '须填写研判理由'],
    ['a reason over 2000 characters', { decision: 'no_case', reason: '理'.repeat(2001) }, '不超过 2000 字'],
    ['a transfer without its receiver', { decision: 'transfer', reason: '属劳动争议' }, '须填写移交单位'],
    [
      'a receiver without a transfer',
      { decision: 'no_case', reason: '不构成', transfer_to: '县法院' },
      'transfer_to',
    ],
    ['an unknown decision', { decision: 'arrest', reason: '抓' }, 'decision'],
  ])('refuses %s as invalid_action', async (_name, input, message) => {
    const attempt = decideCase(store, eventCase, input, police, day2);
    await expect(attempt).rejects.toMatchObject({
      code: 'invalid_action',
      message: expect.stringContaining(message),
    });
    expect((await store.getRecord<PoliceCase>(CASE_KIND, eventCase))?.data.status).toBe('pending');
  });

  it('says so when the case does not exist', async () => {
    const attempt = decideCase(store, 'case:event:nope', { decision: 'no_case', reason: '无' }, police);
    await expect(attempt).rejects.toMatchObject({ code: 'unknown_case' });
  });

  it('keeps both of two decisions taken at once, the later writer re-reading after its conflict', async () => {
    let conflicts = 0;
    const counting: Store = {
      ...store,
      putRecord: (kind, id, data, version) =>
        store.putRecord(kind, id, data, version).catch((error: unknown) => {
          if (error instanceof ConflictError) conflicts++;
          throw error;
        }),
    };
    await Promise.all([
      decideCase(counting, eventCase, { decision: 'keep_watching', reason: '甲' }, police, day2),
      decideCase(counting, eventCase, { decision: 'keep_watching', reason: '乙' }, admin, day2),
    ]);
    expect(conflicts).toBeGreaterThan(0);
    const decisions = (await store.getRecord<PoliceCase>(CASE_KIND, eventCase))?.data.decisions ?? [];
    expect(decisions.map((d) => d.reason).sort()).toEqual(['乙', '甲']);
  });
});
