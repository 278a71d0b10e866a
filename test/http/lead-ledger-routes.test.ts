import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import * as OTPAuth from 'otpauth';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Classifier } from '../../classifiers/classify.ts';
import { buildClassifier, buildSegmenter } from '../../src/app/build-classifier.ts';
import { buildLeadServices } from '../../src/app/build-leads.ts';
import { createAccount } from '../../src/auth/accounts.ts';
import type { Role } from '../../src/domain/roles.ts';
import { buildHttpServer } from '../../src/http/server.ts';
import { clearanceView } from '../../src/leads/clearance.ts';
import { intakeItemSchema } from '../../src/leads/intake-item.ts';
import { loadLeads } from '../../src/leads/lead-store.ts';
import { createSilentLogger } from '../../src/logger.ts';
import type { AppConfig } from '../../src/settings/load-config.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../src/store/store.ts';
import { loadProjectConfig } from '../helpers/project-config.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const PASSWORD = 'Gongzi-Qingling-2027';
type Session = { cookie: Record<string, string>; csrf: string };
/** How the audit names a signed-in person (display name and user name; here the same). */
const actorName = (username: string) => `${username}（${username}）`;
/** Police and admin accounts need the second factor at login. */
const totpOf = (uri: string | null | undefined, at: Date) =>
  uri ? { totp: OTPAuth.URI.parse(uri).generate({ timestamp: at.getTime() }) } : {};

describe('the ledger over HTTP: merge, split, bulk assign, allowed actions and exports', () => {
  let config: AppConfig;
  let classify: Classifier;
  let store: Store;
  let app: FastifyInstance;
  let clock: Date;
  let intake: ReturnType<typeof buildLeadServices>['intake'];
  const sessions = new Map<string, Session>();

  beforeAll(async () => {
    config = await loadProjectConfig({ WAGEWATCH_MATCH_KEY: 'k' });
    classify = buildClassifier(config, buildSegmenter(config));
  });
  beforeEach(async () => {
    store = createEmbeddedStore({
      file: join(await tempDir(), 'l.sqlite'),
      tokenizeForIndex: (t) => [t],
      tokenizeForQuery: (t) => [t],
    });
    clock = new Date('2026-11-26T10:00:00+08:00');
    const people: [string, Role, string?][] = [
      ['liu.hr', 'hr'],
      ['zhao.hr', 'hr'],
      ['hekou', 'unit', '河口镇'],
      ['duty', 'monitor'],
      ['police', 'police'],
    ];
    totps.clear();
    for (const [username, role, unit] of people) {
      const made = await createAccount(
        store,
        {
          username,
          display_name: username,
          role,
          ...(unit ? { unit } : {}),
          password: PASSWORD,
          createdBy: 'first-run',
        },
        clock,
      );
      totps.set(username, made.totpUri);
    }
    const leads = buildLeadServices(config, store, classify, createSilentLogger(), () => clock);
    intake = leads.intake;
    app = await buildHttpServer({
      store,
      linkKey: null,
      leads: leads.operations,
      exportApprovalRows: 3,
      now: () => clock,
    });
    sessions.clear();
    for (const [username] of people) await signIn(username);
  });
  const totps = new Map<string, string | null>();
  async function signIn(username: string) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username, password: PASSWORD, ...totpOf(totps.get(username), clock) },
    });
    expect(res.statusCode, username).toBe(200);
    sessions.set(username, {
      cookie: Object.fromEntries(res.cookies.map((c) => [c.name, c.value])),
      csrf: res.json().csrf,
    });
  }
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  async function take(id: string, fields: { region?: string; company: string; phone: string; text: string }) {
    const item = intakeItemSchema.parse({
      external_id: id,
      complainant: { name: '王建国', phone: fields.phone },
      company: fields.company,
      ...(fields.region ? { region: fields.region } : {}),
      description: fields.text,
    });
    return (await intake.intake('hotline-12345', { item }, '热线')).lead_id;
  }
  function call(who: string, method: 'GET' | 'POST', url: string, payload?: unknown, csrf = true) {
    const session = sessions.get(who) as Session;
    return app.inject({
      method,
      url,
      cookies: session.cookie,
      headers: csrf ? { 'x-csrf-token': session.csrf } : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  }
  const json = (res: LightMyRequestResponse) => res.json();
  async function workbookRows(res: LightMyRequestResponse): Promise<string[][]> {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as never);
    const rows: string[][] = [];
    book.getWorksheet('线索台账')?.eachRow((row) => {
      rows.push(
        (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))),
      );
    });
    return rows;
  }

  it('merges leads the matching kept apart: reports move, the merged lead closes, new reports follow', async () => {
    const target = await take('R-1', {
      region: '河口镇',
      company: '河口镇宏达建筑公司',
      phone: '13812345678',
      text: '河口镇宏达建筑公司拖欠20名工人工资8万元。',
    });
    const other = await take('R-2', {
      region: '河口镇',
      company: '宏达建工',
      phone: '13712345678',
      text: '宏达建工在河口镇的工地欠我们30个人的工资12万元。',
    });
    expect(other).not.toBe(target);

    const res = await call('liu.hr', 'POST', `/api/leads/${target}/merge`, {
      merge: [other],
      reason: '同一工地，投诉人两次来电',
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = json(res);
    expect(body.target.reports.map((r: { external_id: string }) => r.external_id)).toEqual(['R-1', 'R-2']);
    expect(body.target.merged.from).toEqual([other]);
    expect(body.target.amount_yuan).toBe(120_000);
    expect(body.merged[0]).toMatchObject({
      state: 'closed',
      merged: { into: { id: target, by: actorName('liu.hr') } },
    });

    // A later report under the merged lead's reference lands in the lead it was merged into.
    const again = await take('R-2', {
      region: '河口镇',
      company: '宏达建工',
      phone: '13712345678',
      text: '宏达建工在河口镇的工地欠我们30个人的工资12万元，老板至今不接电话。',
    });
    expect(again).toBe(target);
    // The merged lead is not counted a second time in the clearance figures.
    const view = clearanceView(await loadLeads(store), config.leads.campaign, clock);
    expect(view.totals.leads).toBe(1);
    const audit = await store.listAudit({ target_kind: 'lead' });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['lead.merge_in', 'lead.merged_into']));
    expect(audit.find((a) => a.action === 'lead.merged_into')).toMatchObject({
      actor: actorName('liu.hr'),
      target_id: other,
      reason: '同一工地，投诉人两次来电',
    });

    // Merging again, or into itself, or by a unit, is refused with a reason.
    expect(
      json(await call('liu.hr', 'POST', `/api/leads/${target}/merge`, { merge: [target], reason: '重复' }))
        .message,
    ).toBe('线索不能并入自身');
    const third = await take('R-3', {
      region: '河口镇',
      company: '石料厂',
      phone: '13612345678',
      text: '河口镇石料厂拖欠5名工人工资。',
    });
    expect(
      (await call('liu.hr', 'POST', `/api/leads/${third}/merge`, { merge: [other], reason: '误并' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await call('hekou', 'POST', `/api/leads/${target}/merge`, { merge: [third], reason: '同一工地' }))
        .statusCode,
    ).toBe(403);
    expect((await call('liu.hr', 'POST', `/api/leads/${target}/merge`, { merge: [third] })).statusCode).toBe(
      400,
    );
    expect(
      (
        await call(
          'liu.hr',
          'POST',
          `/api/leads/${target}/merge`,
          { merge: [third], reason: '同一工地' },
          false,
        )
      ).statusCode,
    ).toBe(403);
  });

  it('splits a report off over HTTP and assigns many new leads at once, each answering for itself', async () => {
    const a = await take('B-1', {
      company: '甲公司',
      phone: '13800000001',
      text: '甲公司拖欠10名农民工工资。',
    });
    const b = await take('B-2', {
      company: '乙公司',
      phone: '13800000002',
      text: '乙公司拖欠12名农民工工资。',
    });
    const assigned = await take('B-3', {
      region: '河口镇',
      company: '丙公司',
      phone: '13800000003',
      text: '河口镇丙公司拖欠8名农民工工资。',
    });
    await call('hekou', 'POST', `/api/leads/${assigned}/actions`, { action: 'sign' });
    const res = await call('liu.hr', 'POST', '/api/leads/bulk-assign', {
      ids: [a, b, assigned, 'XS-none'],
      town: '石桥镇',
      departments: ['住建'],
    });
    expect(res.statusCode, res.body).toBe(200);
    const { assigned: ok, failed, results } = json(res);
    expect({ ok, failed }).toEqual({ ok: 2, failed: 2 });
    expect(results.find((r: { id: string }) => r.id === assigned)).toMatchObject({
      ok: false,
      code: 'invalid_state',
    });
    expect(results.find((r: { id: string }) => r.id === 'XS-none')).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(json(await call('liu.hr', 'GET', `/api/leads/${a}`))).toMatchObject({
      state: 'assigned',
      town: '石桥镇',
      departments: ['住建'],
    });
    expect(
      (await call('hekou', 'POST', '/api/leads/bulk-assign', { ids: [a], town: '河口镇' })).statusCode,
    ).toBe(403);
    expect(
      json(await call('liu.hr', 'POST', '/api/leads/bulk-assign', { ids: [], town: '河口镇' })).code,
    ).toBe('invalid_body');

    await call('liu.hr', 'POST', `/api/leads/${a}/merge`, { merge: [b], reason: '同一投诉人' });
    const split = await call('liu.hr', 'POST', `/api/leads/${a}/split`, {
      reports: [{ source: 'hotline-12345', external_id: 'B-2' }],
      reason: '合并有误',
    });
    expect(split.statusCode, split.body).toBe(200);
    expect(json(split).kept.reports).toHaveLength(1);
    expect(json(split).split_off.reports[0].external_id).toBe('B-2');
  });

  it('lists the actions each person may take on each lead', async () => {
    const fresh = await take('A-1', {
      company: '丁公司',
      phone: '13800000011',
      text: '丁公司拖欠6名工人工资。',
    });
    const hekou = await take('A-2', {
      region: '河口镇',
      company: '戊公司',
      phone: '13800000012',
      text: '河口镇戊公司拖欠9名工人工资。',
    });
    const actions = async (who: string, id: string) =>
      json(await call(who, 'GET', `/api/leads/${id}`)).allowed_actions;
    expect(await actions('liu.hr', fresh)).toEqual(['assign', 'forward', 'merge']);
    expect(await actions('hekou', hekou)).toEqual(['sign', 'return']);
    expect(await actions('duty', hekou)).toEqual([]);
    const listed = json(await call('hekou', 'GET', '/api/leads')).items;
    expect(listed.map((l: { id: string; allowed_actions: string[] }) => [l.id, l.allowed_actions])).toEqual([
      [hekou, ['sign', 'return']],
    ]);
  });

  it('exports the ledger masked, or unmasked with a reason, and audits every export', async () => {
    await take('E-1', {
      region: '河口镇',
      company: '己公司',
      phone: '13812345678',
      text: '河口镇己公司拖欠7名工人工资3万元。',
    });
    await take('E-2', {
      region: '石桥镇',
      company: '庚公司',
      phone: '13912345678',
      text: '石桥镇庚公司拖欠5名工人工资。',
    });

    const masked = await call('liu.hr', 'POST', '/api/leads/export', { reason: '周调度会' });
    expect(masked.statusCode, masked.body).toBe(200);
    expect(masked.headers['content-type']).toContain('spreadsheetml');
    const rows = await workbookRows(masked);
    expect(rows[0]?.slice(0, 3)).toEqual(['线索编号', '标题', '状态']);
    expect(rows).toHaveLength(3);
    expect(rows.flat().join(' ')).toContain('138****5678');
    expect(rows.flat().join(' ')).not.toContain('13812345678');

    const full = await call('hekou', 'POST', '/api/leads/export', { unmask: true, reason: '逐一电话回访' });
    const own = await workbookRows(full);
    expect(own).toHaveLength(2); // its own lead only
    expect(own.flat().join(' ')).toContain('13812345678');
    const audit = (await store.listAudit({ target_kind: 'lead-export' })).filter(
      (a) => a.action === 'lead.export',
    );
    expect(
      audit.map((a) => [a.actor, a.reason, (a.after as { unmask: boolean; rows: number }).rows]),
    ).toEqual(
      expect.arrayContaining([
        [actorName('liu.hr'), '周调度会', 2],
        [actorName('hekou'), '逐一电话回访', 1],
      ]),
    );
    expect((await call('police', 'POST', '/api/leads/export', { reason: '办案' })).statusCode).toBe(403);
    expect(json(await call('liu.hr', 'POST', '/api/leads/export', {})).code).toBe('invalid_body');
  });

  it('releases a bulk export only after another person approves it, within a day', async () => {
    for (let i = 1; i <= 4; i++)
      await take(`X-${i}`, {
        company: `公司${i}`,
        phone: `1380000010${i}`,
        text: `公司${i}拖欠${i + 5}名工人工资。`,
      });
    const direct = await call('liu.hr', 'POST', '/api/leads/export', { reason: '月通报' });
    expect(direct.statusCode).toBe(409);
    expect(json(direct)).toMatchObject({ code: 'approval_required', details: { rows: 4, limit: 3 } });

    const made = await call('liu.hr', 'POST', '/api/exports', { reason: '月通报' });
    expect(made.statusCode, made.body).toBe(201);
    const id = json(made).id as string;
    expect(json(await call('liu.hr', 'POST', `/api/exports/${id}/approve`, {})).message).toBe(
      '导出申请须由申请人以外的人审批',
    );
    expect((await call('liu.hr', 'POST', `/api/exports/${id}/download`)).statusCode).toBe(409);
    expect((await call('hekou', 'POST', `/api/exports/${id}/approve`, {})).statusCode).toBe(403);
    const approved = await call('zhao.hr', 'POST', `/api/exports/${id}/approve`, { note: '同意' });
    expect(json(approved)).toMatchObject({
      status: 'approved',
      decision: { by: actorName('zhao.hr'), note: '同意' },
    });
    expect((await call('zhao.hr', 'POST', `/api/exports/${id}/download`)).statusCode).toBe(403);
    const download = await call('liu.hr', 'POST', `/api/exports/${id}/download`);
    expect(download.statusCode, download.body).toBe(200);
    expect(await workbookRows(download)).toHaveLength(5);
    expect(json(await call('hekou', 'GET', '/api/exports')).items).toEqual([]);
    expect(json(await call('zhao.hr', 'GET', '/api/exports')).items).toHaveLength(1);

    clock = new Date(clock.getTime() + 25 * 3_600_000);
    await signIn('liu.hr');
    await signIn('zhao.hr');
    expect(json(await call('liu.hr', 'POST', `/api/exports/${id}/download`)).message).toContain('已过期');
    const actions = (await store.listAudit({ target_kind: 'lead-export', target_id: id })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['export.request', 'export.approve', 'lead.export']));

    const second = json(await call('liu.hr', 'POST', '/api/exports', { reason: '再导一次' })).id;
    expect(
      json(await call('zhao.hr', 'POST', `/api/exports/${second}/reject`, { note: '范围过大' })).status,
    ).toBe('rejected');
    expect(json(await call('liu.hr', 'POST', `/api/exports/${second}/download`)).message).toBe(
      '导出申请未获批准',
    );
  });
});
