import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/auth/api-tokens.ts';
import { buildHttpServer } from '../../src/http/server.ts';
import type { AppConfig } from '../../src/settings/load-config.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../src/store/store.ts';
import { loadProjectConfig } from '../helpers/project-config.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { CALENDAR, EVENTS, LEADS } from '../reports/report-fixture.ts';

const tempDir = useTempDirs();

describe('GET /api/reports/:kind', () => {
  let config: AppConfig;
  let store: Store;
  beforeAll(async () => {
    config = await loadProjectConfig();
  });
  beforeEach(async () => {
    store = createEmbeddedStore({
      file: join(await tempDir(), 'r.sqlite'),
      tokenizeForIndex: (t) => [t],
      tokenizeForQuery: (t) => [t],
    });
    for (const lead of LEADS) await store.putRecord('lead', lead.id, lead, null);
    for (const event of EVENTS) await store.putRecord('event', event.id, event, null);
  });
  afterEach(() => store.close());

  it('downloads the weekly dispatch as a workbook with a reports token, audited', async () => {
    const app = await buildHttpServer({
      store,
      linkKey: null,
      reports: { store, config, calendar: CALENDAR },
    });
    const { token } = await createApiToken(store, {
      name: '领导小组办公室',
      scopes: ['reports'],
      source: null,
      createdBy: '管理员',
    });
    const url = '/api/reports/weekly?from=2026-11-23&to=2026-11-29&format=xlsx';
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
    const bad = await app.inject({
      method: 'GET',
      url: '/api/reports/weekly?from=2026-11-29&to=2026-11-23',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bad.json()).toMatchObject({ code: 'invalid_query' });
    const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(
      encodeURIComponent('周调度_2026-11-23_2026-11-29.xlsx'),
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toContain('分乡镇');
    expect(await store.listAudit({ target_kind: 'report' })).toEqual([
      expect.objectContaining({ actor: '领导小组办公室', action: 'report.download', reason: 'xlsx' }),
    ]);
    await app.close();
  });
});
