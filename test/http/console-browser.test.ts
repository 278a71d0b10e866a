import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import * as OTPAuth from 'otpauth';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Classifier } from '../../classifiers/classify.ts';
import type { LiveAlerts } from '../../src/alerts/live-feed.ts';
import type { AlertNotification } from '../../src/alerts/notification.ts';
import { buildClassifier, buildSegmenter } from '../../src/app/build-classifier.ts';
import { buildLeadServices } from '../../src/app/build-leads.ts';
import { buildSystemDeps } from '../../src/app/system-deps.ts';
import { createAccount } from '../../src/auth/accounts.ts';
import type { EventRecord } from '../../src/events/event-record.ts';
import { buildHttpServer } from '../../src/http/server.ts';
import { intakeItemSchema } from '../../src/leads/intake-item.ts';
import { onlineIntake } from '../../src/leads/online-lead.ts';
import { KEPT_POSTS_PER_EVENT } from '../../src/leads/repost-fold.ts';
import { createSilentLogger } from '../../src/logger.ts';
import type { AppConfig } from '../../src/settings/load-config.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../src/store/store.ts';
import { loadProjectConfig } from '../helpers/project-config.ts';
import { sampleEvent } from '../helpers/sample-events.ts';
import { redNotification } from '../helpers/sample-notifications.ts';
import {
  hekouLeadClassification,
  sampleClassification,
  samplePost,
  stored,
} from '../helpers/sample-posts.ts';
import { testTokenizers } from '../helpers/search-tokenizers.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const PASSWORD = 'Gongzi-Qingling-2027';
const NOW = new Date('2026-11-26T10:00:00+08:00');
const RESULTS = fileURLToPath(new URL('../../test-results/', import.meta.url));

/** The live feed without Redis: what the server streams is whatever the test publishes. */
function memoryLive(): LiveAlerts & { publish(notification: AlertNotification): void } {
  const listeners = new Set<(notification: AlertNotification) => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
    },
    publish(notification) {
      for (const listener of listeners) listener(notification);
    },
  };
}

describe('the console in a browser', () => {
  let config: AppConfig;
  let classify: Classifier;
  let browser: Browser;
  let store: Store;
  let live: ReturnType<typeof memoryLive>;
  let app: FastifyInstance;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let requests: string[];
  let pageErrors: string[];
  let event: EventRecord;
  let intake: ReturnType<typeof buildLeadServices>['intake'];

  beforeAll(async () => {
    config = await loadProjectConfig({ WAGEWATCH_MATCH_KEY: 'k' });
    classify = buildClassifier(config, buildSegmenter(config));
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    await mkdir(RESULTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    // 舆情检索 needs real Chinese words; jieba loads once per process.
    const { forIndex, forQuery } = testTokenizers();
    store = createEmbeddedStore({
      file: join(await tempDir(), 'c.sqlite'),
      tokenizeForIndex: forIndex,
      tokenizeForQuery: forQuery,
    });
    const add = (username: string, display_name: string, role: 'hr' | 'unit' | 'monitor', unit?: string) =>
      createAccount(
        store,
        {
          username,
          display_name,
          role,
          ...(unit ? { unit } : {}),
          password: PASSWORD,
          createdBy: 'first-run',
        },
        NOW,
      );
    await add('liu.hr', '刘科长', 'hr');
    await add('zhao.hr', '赵科员', 'hr');
    await add('hekou', '河口镇张干事', 'unit', '河口镇');
    await add('duty', '值班员', 'monitor');
    const leads = buildLeadServices(config, store, classify, createSilentLogger(), () => NOW);
    intake = leads.intake;
    await leads.intake.intake(
      'hotline-12345',
      {
        item: intakeItemSchema.parse({
          external_id: 'R-1',
          complainant: { name: '王建国', phone: '13812345678' },
          company: '河口镇某建筑公司',
          region: '河口镇',
          description: '王建国反映河口镇某建筑公司拖欠20名工人工资，电话13812345678。',
        }),
      },
      '热线',
    );
    event = sampleEvent();
    await store.putRecord('event', event.id, event, null);
    live = memoryLive();
    app = await buildHttpServer({
      store,
      linkKey: null,
      leads: leads.operations,
      live,
      campaign: config.leads.campaign,
      // Low, so one browser test sees both a direct export and one needing a second approver.
      exportApprovalRows: 1,
      reports: { store, config, calendar: leads.calendar },
      system: buildSystemDeps(config, { health: null }),
      now: () => NOW,
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    page = await context.newPage();
    await page.clock.setFixedTime(NOW);
    requests = [];
    pageErrors = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterEach(async () => {
    expect(pageErrors).toEqual([]);
    // The browser first: the alert stream holds a connection open until its page goes.
    await context?.close();
    await app.close();
    await live.close();
    await store.close();
  });

  async function signIn(username: string) {
    await page.locator('#login-form').waitFor();
    await page.fill('#login-username', username);
    await page.fill('#login-password', PASSWORD);
    await page.press('#login-password', 'Enter');
    await page.locator('#shell').waitFor();
  }

  function offSite(): string[] {
    return requests.filter((url) => !url.startsWith('data:') && new URL(url).hostname !== '127.0.0.1');
  }

  it('lets a unit sign its lead and the HR bureau unmask it for a stated reason', async () => {
    await page.goto(base);
    await page.locator('#login-form').waitFor();
    await page.fill('#login-username', 'hekou');
    await page.fill('#login-password', 'wrong-password');
    await page.press('#login-password', 'Enter');
    await page.locator('#login-error', { hasText: '用户名或密码错误' }).waitFor();
    await page.screenshot({ path: join(RESULTS, 'console-login.png') });
    await page.fill('#login-password', PASSWORD);
    await page.press('#login-password', 'Enter');
    await page.locator('#shell').waitFor();
    expect(await page.textContent('#who-name')).toBe('河口镇张干事');
    expect(await page.textContent('#who-role')).toBe('责任单位 · 河口镇');
    // A unit works its own leads: the watchers' and reviewers' pages are not offered to it.
    const offered = (await page.locator('.sidenav a:visible:not(.disabled)').allTextContents()).map((t) =>
      t.trim(),
    );
    for (const name of ['舆情检索', '事件', '案件研判', '统计', '系统']) expect(offered).not.toContain(name);
    expect(offered).toContain('线索台账');

    await page.getByRole('link', { name: '线索台账' }).click();
    const row = page.locator('.leads-table tbody tr', { hasText: '138****5678' });
    await row.waitFor();
    expect(await row.locator('.state-tag').textContent()).toBe('已分派');
    expect(await page.content()).not.toContain('13812345678');
    await page.screenshot({ path: join(RESULTS, 'console-leads.png') });

    await row.locator('button.link').click();
    const detail = page.locator('aside.detail');
    await detail.locator('.mono', { hasText: '138****5678' }).waitFor();
    await detail.getByRole('button', { name: '签收', exact: true }).click();
    await detail.getByRole('button', { name: '确认签收' }).click();
    await detail.locator('.state-tag', { hasText: '核查中' }).waitFor();
    await row.locator('.state-tag', { hasText: '核查中' }).waitFor();
    expect(await detail.locator('.deadline').textContent()).toMatch(/^剩 \d+ 天$/);
    // A unit may not close a lead, so 办结 is not offered; verifying needs a note the server checks.
    expect(await detail.locator('.action-buttons button').allTextContents()).toEqual(['核实', '不属实']);
    await page.screenshot({ path: join(RESULTS, 'console-detail.png') });

    await page.getByRole('button', { name: '退出' }).click();
    await signIn('liu.hr');
    await page.getByRole('link', { name: '线索台账' }).click();
    await page.locator('.leads-table button.link').first().click();
    await detail.getByRole('button', { name: '查看完整信息' }).click();
    await detail.getByLabel('查看事由').fill('电话回访核实');
    await detail.getByLabel('查看事由').press('Enter');
    await detail.locator('.mono', { hasText: '13812345678' }).waitFor();
    await detail.locator('.notice', { hasText: '记入审计' }).waitFor();
    const audit = (await store.listAudit({ actor: '刘科长（liu.hr）' })).filter(
      (entry) => entry.action === 'lead.unmask',
    );
    expect(audit.map((entry) => entry.reason)).toEqual(['电话回访核实']);

    await page.getByRole('link', { name: '清零进度' }).click();
    await page.locator('.chart canvas').waitFor();
    await page.locator('.stat-label', { hasText: '清零率' }).waitFor();
    await page.screenshot({ path: join(RESULTS, 'console-clearance.png') });
    // The monthly bulletin for November as a workbook, downloaded from the console.
    await page.selectOption('#report-kind', 'monthly');
    await page.selectOption('#report-format', 'xlsx');
    await page.fill('#report-from', '2026-11-01');
    await page.fill('#report-to', '2026-11-30');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#report-link')]);
    expect(download.suggestedFilename()).toBe('月通报_2026-11-01_2026-11-30.xlsx');
    const saved = await readFile((await download.path()) as string);
    expect(saved.subarray(0, 2).toString()).toBe('PK');
    expect((await store.listAudit({ target_kind: 'report' })).map((a) => [a.actor, a.action])).toEqual([
      ['刘科长（liu.hr）', 'report.download'],
    ]);
    expect(offSite()).toEqual([]);
  }, 60_000);

  it('puts a live red alert on top, beeps, and acknowledges and resolves it', async () => {
    await page.addInitScript(() => {
      // Counts beeps: each one is an oscillator started on the page's AudioContext.
      const scope = globalThis as unknown as { beeps: number; AudioContext: { prototype: object } };
      scope.beeps = 0;
      const proto = scope.AudioContext.prototype as { createOscillator: () => unknown };
      const original = proto.createOscillator;
      proto.createOscillator = function (this: unknown) {
        scope.beeps += 1;
        return original.call(this);
      };
    });
    await page.goto(base);
    await signIn('duty');
    const list = page.locator('.event-list');
    await list.locator('li.event', { hasText: event.title }).waitFor();
    await page.locator('.feed-pill[data-status="live"]').waitFor();

    const alert = redNotification({ event_id: 'evt-live-1', key: 'evt-live-1:red:1' });
    await store.putRecord('event', alert.event_id, { ...event, id: alert.event_id, level: 'red' }, null);
    live.publish(alert);
    const top = list.locator('li.event').first();
    await top.locator('.new-tag', { hasText: '新预警' }).waitFor();
    expect(await top.getAttribute('class')).toContain('fresh');
    expect(await top.textContent()).toContain(alert.title);
    await page.waitForFunction(() => (globalThis as unknown as { beeps: number }).beeps > 0);
    await page.screenshot({ path: join(RESULTS, 'console-alerts.png') });

    await page.selectOption('#alert-level', 'red');
    expect(await list.locator('li.event').count()).toBe(1);
    // Words narrow the list on the server and among the live alerts alike.
    await page.fill('#alert-q', '没有这个词');
    await page.press('#alert-q', 'Enter');
    await list.locator('li.empty', { hasText: '没有符合条件的事件' }).waitFor();
    await page.fill('#alert-q', '');
    await page.press('#alert-q', 'Enter');
    await list.locator('li.event').first().waitFor();
    await top.getByRole('button', { name: '确认' }).click();
    await top.locator('.status-tag', { hasText: '已确认' }).waitFor();
    await top.getByRole('button', { name: '处置' }).click();
    await top.getByLabel('处置情况').fill('已联系施工方，约定本周内支付');
    await top.getByLabel('处置情况').press('Enter');
    await top.locator('.status-tag', { hasText: '已处置' }).waitFor();
    expect((await store.getRecord<EventRecord>('event', alert.event_id))?.data.status).toBe('resolved');
    expect(offSite()).toEqual([]);
  }, 60_000);

  it('silences an event from its row, ends the silence from the list, and says why 升级 is not possible here', async () => {
    await page.goto(base);
    await signIn('duty');
    const row = page.locator(`li.event[data-id="${event.id}"]`);
    await row.waitFor();
    await page.locator('.pager [role="status"]', { hasText: '共 1 条' }).waitFor();
    await row.getByRole('button', { name: '静默' }).click();
    await row.getByLabel('静默时长').selectOption('240');
    await row.getByLabel('静默原因').fill('住建局已到场处置');
    await row.getByRole('button', { name: '开始静默' }).click();
    await row.locator('.event-title', { hasText: '已静默至' }).waitFor();
    const silenced = page.locator('.silence-list li', { hasText: '住建局已到场处置' });
    await silenced.waitFor();
    await page.screenshot({ path: join(RESULTS, 'console-silence.png') });
    const [added] = await store.listAudit({ target_kind: 'silence' });
    expect(added).toMatchObject({
      action: 'silence.add',
      actor: '值班员（duty）',
      reason: '住建局已到场处置',
    });
    expect((added?.after as { ends_at: string }).ends_at).toBe('2026-11-26T14:00:00+08:00');

    await silenced.getByRole('button', { name: '结束' }).click();
    await page.locator('.silence-list li', { hasText: '当前没有生效的静默' }).waitFor();
    await row.locator('.event-title', { hasText: '已静默至' }).waitFor({ state: 'detached' });
    expect((await store.listAudit({ target_kind: 'silence' })).map((a) => a.action)).toEqual([
      'silence.add',
      'silence.end',
    ]);

    // This server has no alert queue: 升级 is refused with the reason, on the row.
    await row.getByRole('button', { name: '升级' }).click();
    await row.getByLabel('升级原因').fill('值班员电话未接通');
    await row.getByLabel('升级原因').press('Enter');
    await row.locator('.form-error', { hasText: '任务队列' }).waitFor();
    expect(offSite()).toEqual([]);
  }, 60_000);

  it('searches the posts, marks the words, and opens one masked with its rules and captured page', async () => {
    await store.upsertPosts([
      stored(
        samplePost('a', '河口镇安置房项目三十名农民工讨薪，联系电话13812345678。', {
          published_at: '2026-11-25T09:00:00+08:00',
        }),
        sampleClassification({
          lead: true,
          level: 'orange',
          town: '河口镇',
          workers: 30,
          departments: ['县人社局'],
          hits: [{ rule: '欠薪诉求', terms: ['讨薪'], score: 3 }],
        }),
      ),
      stored(
        samplePost('b', '县人社局召开根治欠薪冬季专项行动部署会。', {
          published_at: '2026-11-24T09:00:00+08:00',
        }),
      ),
    ]);
    const body = Buffer.from('<html>讨薪</html>');
    const sha256 = createHash('sha256').update(body).digest('hex');
    await store.putEvidence({
      post_id: 'forum:a',
      url: 'http://forum.test/posts/a',
      fetched_at: '2026-11-25T09:01:00+08:00',
      content_type: 'text/html',
      sha256,
      body,
    });
    await page.goto(base);
    await signIn('duty');
    await page.getByRole('link', { name: '舆情检索' }).click();
    const results = page.locator('.search-results');
    await results.locator('li.search-hit').nth(1).waitFor();
    await page.fill('#search-q', '讨薪');
    await page.press('#search-q', 'Enter');
    await page.locator('.search-summary', { hasText: '共找到 1 条' }).waitFor();
    const hit = results.locator('li.search-hit');
    expect(await hit.count()).toBe(1);
    expect(await hit.locator('mark').allTextContents()).toContain('讨薪');
    expect(await hit.locator('.level-tag').textContent()).toBe('橙色');
    expect(await hit.textContent()).toContain('138****5678');
    expect(await page.content()).not.toContain('13812345678');

    await hit.locator('button.link').click();
    const detail = page.locator('aside.detail');
    await detail.locator('.description', { hasText: '138****5678' }).waitFor();
    expect(await detail.textContent()).not.toContain('13812345678');
    await detail.locator('.rule-hits td', { hasText: '欠薪诉求' }).waitFor();
    await detail.locator('.evidence-list .sha', { hasText: sha256 }).waitFor();
    const original = detail.getByRole('link', { name: /查看原文/ });
    expect(await original.getAttribute('href')).toBe('http://forum.test/posts/a');
    expect(await original.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await original.getAttribute('target')).toBe('_blank');
    await detail.locator('.evidence-list').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(RESULTS, 'console-search.png') });

    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'hidden' });
    await page.fill('#search-q', '不存在的词语');
    await page.press('#search-q', 'Enter');
    await results.locator('.empty', { hasText: '没有找到匹配的帖子' }).waitFor();
    expect(offSite()).toEqual([]);
  }, 60_000);

  it('lets police decide a flagged case, see statistics and the event, and the admin read the audit', async () => {
    const person = async (username: string, display_name: string, role: 'police' | 'admin') => {
      const { totpUri } = await createAccount(
        store,
        { username, display_name, role, password: PASSWORD, createdBy: 'first-run' },
        NOW,
      );
      // The server checks the code against its own clock, which is NOW in these tests.
      return (OTPAuth.URI.parse(totpUri ?? '') as OTPAuth.TOTP).generate({ timestamp: NOW.getTime() });
    };
    const policeCode = await person('zhao.gongan', '赵警官', 'police');
    const adminCode = await person('root', '系统管理员', 'admin');
    const withTotp = async (username: string, code: string) => {
      await page.locator('#login-form').waitFor();
      await page.fill('#login-username', username);
      await page.fill('#login-password', PASSWORD);
      await page.press('#login-password', 'Enter');
      await page.locator('#login-totp').waitFor();
      await page.fill('#login-totp', code);
      await page.press('#login-totp', 'Enter');
      await page.locator('#shell').waitFor();
    };
    const gathering = sampleClassification({
      lead: true,
      level: 'orange',
      town: '河口镇',
      industry: 'construction',
      categories: ['wage_arrears'],
      risks: ['mass_gathering'],
    });
    await store.upsertPosts([
      stored(
        samplePost('g1', '河口镇安置房项目三十名农民工被拖欠工资，联系电话13812345678。', {
          published_at: '2026-11-26T08:10:00+08:00',
        }),
        gathering,
      ),
      stored(
        samplePost('g2', '农民工明天要去县政府门口聚集讨薪。', { published_at: '2026-11-26T09:30:00+08:00' }),
        gathering,
      ),
    ]);
    const flagged = sampleEvent({
      id: 'ev-20261126-gathering',
      title: '河口镇安置房项目农民工聚集讨薪',
      risks: ['mass_gathering'],
      post_ids: ['forum:g1', 'forum:g2'],
      post_count: 2,
      first_seen: '2026-11-26T08:10:00+08:00',
      last_seen: '2026-11-26T09:30:00+08:00',
      hourly: [
        ['2026-11-26T08', 1],
        ['2026-11-26T09', 1],
      ],
      level_reasons: ['帖子最高等级为橙色', '涉及群体聚集风险'],
    });
    await store.putRecord('event', flagged.id, flagged, null);

    await page.goto(base);
    await withTotp('zhao.gongan', policeCode);
    // 实时预警 rows open their event; police may open 案件研判 but not 系统.
    const row = page.locator('li.event', { hasText: flagged.title });
    expect(await row.locator('a.detail-link').getAttribute('href')).toBe(`#/events/${flagged.id}`);
    expect(await page.locator('.sidenav a[href]').allTextContents()).toEqual(
      expect.arrayContaining(['事件', '案件研判', '统计']),
    );
    expect(await page.locator('.sidenav li:not([hidden]) a', { hasText: '系统' }).count()).toBe(0);

    await page.getByRole('link', { name: '案件研判' }).click();
    const item = page.locator('li.case', { hasText: flagged.title });
    await item.locator('.status-tag', { hasText: '待研判' }).waitFor();
    expect(await item.locator('.warn-tag').allTextContents()).toEqual(['存在群体聚集风险']);
    // The evidence pack downloads as a zip once a reason is given, and the export is audited.
    await item.locator('summary', { hasText: '下载证据包' }).click();
    await item.getByRole('button', { name: '下载', exact: true }).click();
    await item.locator('.form-error', { hasText: '请填写导出事由' }).waitFor();
    await item.getByLabel('导出事由').fill('移送派出所核查');
    const [pack] = await Promise.all([
      page.waitForEvent('download'),
      item.getByRole('button', { name: '下载', exact: true }).click(),
    ]);
    expect(pack.suggestedFilename()).toMatch(/\.zip$/);
    expect((await readFile((await pack.path()) as string)).subarray(0, 2).toString()).toBe('PK');
    expect(
      (await store.listAudit({ target_kind: 'police-case' })).map((a) => [a.action, a.reason]),
    ).toContainEqual(['case.export', '移送派出所核查']);
    await item.getByRole('button', { name: '研判', exact: true }).click();
    await item.getByLabel('研判结论').selectOption('keep_watching');
    await item.getByLabel('研判理由').fill('已联系属地派出所掌握动态，暂未发现过激行为');
    await item.getByRole('button', { name: '提交研判' }).click();
    await item.locator('.status-tag', { hasText: '已研判' }).waitFor();
    expect(await item.locator('.timeline').textContent()).toContain('持续关注');
    await page.getByRole('button', { name: '已研判' }).click();
    await page.locator('li.case .status-tag', { hasText: '已研判' }).waitFor();
    expect(await page.locator('li.case').count()).toBe(1);
    await page.screenshot({ path: join(RESULTS, 'console-cases.png') });

    await page.locator('li.case').getByRole('link', { name: '查看事件' }).click();
    await page.locator('#event-title', { hasText: flagged.title }).waitFor();
    const posts = page.locator('.post-timeline li.post-item');
    await posts.nth(1).waitFor();
    expect(await posts.first().textContent()).toContain('138****5678');
    expect(await posts.nth(1).textContent()).toContain('聚集讨薪');
    expect(await page.content()).not.toContain('13812345678');
    await page.locator('.level-reasons li', { hasText: '涉及群体聚集风险' }).waitFor();
    await page.locator('.event-page .chart canvas').waitFor();
    await page.screenshot({ path: join(RESULTS, 'console-event.png') });

    await page.getByRole('link', { name: '统计' }).click();
    for (const by of ['day', 'level', 'town', 'industry'])
      await page.locator(`.chart-card[data-by="${by}"] .chart canvas`).waitFor();
    await page.locator('.page-head [role="status"]', { hasText: '帖子共 2 条' }).waitFor();
    const levels = page.locator('.chart-card[data-by="level"] .chart-data th[scope="row"]');
    expect(await levels.allTextContents()).toEqual(['橙色']);
    const industries = page.locator('.chart-card[data-by="industry"] .chart-data th[scope="row"]');
    expect(await industries.allTextContents()).toEqual(['建筑施工']);
    await page.check('#stats-leads');
    await page.locator('.page-head [role="status"]', { hasText: '线索共 2 条' }).waitFor();
    await page.screenshot({ path: join(RESULTS, 'console-stats.png') });

    await page.getByRole('button', { name: '退出' }).click();
    await withTotp('root', adminCode);
    await page.getByRole('link', { name: '系统' }).click();
    const users = page.locator('.users-table tbody tr');
    await users.filter({ hasText: 'zhao.gongan' }).waitFor();
    expect(await users.filter({ hasText: 'hekou' }).textContent()).toContain('河口镇');
    const decided = page.locator('.audit-table tr[data-action="case.decide"]');
    await decided.waitFor();
    expect(await decided.textContent()).toContain('已联系属地派出所掌握动态');
    expect(await decided.textContent()).toContain('赵警官');
    await page.selectOption('#audit-kind', 'police-case');
    await page.press('#audit-actor', 'Enter');
    // The unfiltered table also has case.flag rows: wait for the filtered one, without logins.
    await page.locator('.audit-table tr[data-action="login"]').first().waitFor({ state: 'detached' });
    await page.locator('.audit-table tbody tr[data-action="case.flag"]').waitFor();
    expect(await page.locator('.audit-table tr[data-action="login"]').count()).toBe(0);
    // Read only: nothing on the page edits or deletes.
    expect(
      await page
        .locator('.page')
        .getByRole('button', { name: /删除|编辑|修改/ })
        .count(),
    ).toBe(0);
    await page.screenshot({ path: join(RESULTS, 'console-system.png') });

    // 数据源, 规则 with a backtest, and 值班表: sections behind buttons, usable from the keyboard.
    await page.getByRole('button', { name: '数据源', exact: true }).click();
    await page.locator('.sources-table tbody tr[data-source]').first().waitFor();
    await page.locator('.notice', { hasText: 'Redis' }).waitFor();
    await page.screenshot({ path: join(RESULTS, 'console-system-sources.png') });
    await page.getByRole('button', { name: '规则', exact: true }).click();
    await page.locator('details.rule-file').first().waitFor();
    await page.locator('.backtest-result', { hasText: '尚未进行规则回测' }).waitFor();
    await page.getByRole('button', { name: '回测', exact: true }).press('Enter');
    await page.locator('.backtest-stats .stat-label', { hasText: '新增线索' }).waitFor();
    expect(await page.locator('.backtest-stats .stat-value').first().textContent()).toBe('2');
    expect((await store.listAudit({ target_kind: 'rules' })).map((a) => a.action)).toEqual([
      'rules.backtest',
    ]);
    await page.locator('.backtest-table').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(RESULTS, 'console-system-rules.png') });
    await page.getByRole('button', { name: '值班表', exact: true }).press('Enter');
    await page.locator('.oncall-table tbody tr[aria-current="true"]').waitFor();
    expect(page.url()).toMatch(/#\/system\/oncall$/);
    await page.screenshot({ path: join(RESULTS, 'console-system-oncall.png') });
    expect(offSite()).toEqual([]);
  }, 90_000);

  it("shows a viral event's lead with its kept posts listed and the plain reposts counted", async () => {
    const eventId = 'ev-20261126-viral00001';
    const text = '河口镇安置房项目三十多名农民工被拖欠工资五个月，包工头失联。';
    const classification = hekouLeadClassification();
    let leadId = '';
    for (let i = 0; i < KEPT_POSTS_PER_EVENT + 3; i++) {
      const post = samplePost(`viral${i}`, `转发${i}：${text}`, { author: `网友${i}` });
      leadId = (
        await intake.intake('online:forum', onlineIntake(post, classification, eventId), '系统（网络舆情）')
      ).lead_id;
    }
    await page.goto(base);
    await signIn('liu.hr');
    await page.getByRole('link', { name: '线索台账' }).click();
    await page.locator(`[data-lead="${leadId}"]`).click();
    const detail = page.locator('aside.detail');
    await detail.locator('.multi-tag', { hasText: `多头反映 ×${KEPT_POSTS_PER_EVENT + 3}` }).waitFor();
    await detail.locator('li', { hasText: `事件 ${eventId} 另有 3 条转发` }).waitFor();
    expect(await detail.locator('li', { hasText: 'online:forum' }).count()).toBe(KEPT_POSTS_PER_EVENT);
  }, 60_000);

  it('lets the HR bureau bulk-assign, merge, split and export the ledger, a large export only once approved', async () => {
    const newLead = async (id: string, company: string, phone: string) =>
      (
        await intake.intake(
          'hotline-12345',
          {
            item: intakeItemSchema.parse({
              external_id: id,
              complainant: { phone },
              company,
              description: `${company}拖欠8名工人工资。`,
            }),
          },
          '热线',
        )
      ).lead_id;
    const first = await newLead('B-1', '甲建筑劳务公司', '13800000001');
    const second = await newLead('B-2', '乙装饰工程公司', '13800000002');
    await page.goto(base);
    await signIn('liu.hr');
    await page.getByRole('link', { name: '线索台账' }).click();
    await page.locator(`[data-tick="${first}"]`).check();
    await page.locator(`[data-tick="${second}"]`).check();
    await page.fill('#bulk-town', '石桥镇');
    await page.click('#bulk-assign');
    await page.locator('#toast', { hasText: '已分派 2 条' }).waitFor();
    await page.locator('.leads-table tbody tr', { hasText: '石桥镇' }).nth(1).waitFor();

    const detail = page.locator('aside.detail');
    await page.locator(`[data-lead="${first}"]`).click();
    await detail.getByRole('button', { name: '合并', exact: true }).click();
    await detail.getByLabel('并入本线索的线索编号').fill(second);
    await detail.getByLabel('合并原因').fill('同一工地，同一批工人');
    await detail.getByRole('button', { name: '确认合并' }).click();
    await detail.locator('.multi-tag', { hasText: '并入 1 条线索' }).waitFor();
    await page.screenshot({ path: join(RESULTS, 'console-merge.png') });
    await detail.getByRole('button', { name: '拆分', exact: true }).click();
    await detail.getByLabel('hotline-12345 B-2').check();
    await detail.getByLabel('拆分原因').fill('合并有误');
    await detail.getByRole('button', { name: '确认拆分' }).click();
    await detail.locator('.multi-tag', { hasText: '多头反映' }).waitFor({ state: 'detached' });
    expect((await store.listAudit({ target_kind: 'lead' })).map((a) => a.action)).toEqual(
      expect.arrayContaining(['lead.merge_in', 'lead.merged_into', 'lead.split', 'lead.split_off']),
    );
    await detail.getByRole('button', { name: '关闭详情' }).click();

    // One township's single lead goes out at once; the whole ledger needs a second person.
    await page.fill('#lead-town', '河口镇');
    // The unfiltered ledger has 河口镇 rows too: wait for the filtered answer itself, so that on
    // a loaded machine the export cannot go out before the page has taken the filter.
    await Promise.all([
      page.waitForResponse(
        (response) =>
          response.url().includes('/api/leads?') &&
          decodeURIComponent(response.url()).includes('town=河口镇'),
      ),
      page.getByRole('button', { name: '查询' }).click(),
    ]);
    await page.locator('.leads-table tbody tr', { hasText: '河口镇' }).first().waitFor();
    await page.fill('#export-reason', '周调度会');
    const [direct] = await Promise.all([page.waitForEvent('download'), page.click('#export-xlsx')]);
    expect(direct.suggestedFilename()).toBe('线索台账-2026-11-26.xlsx');
    await page.getByRole('button', { name: '重置' }).click();
    await page.click('#export-xlsx');
    await page.locator('.page-message', { hasText: '须另一人审批' }).waitFor();
    await page.click('#export-request');
    await page.locator('.export-requests tr', { hasText: '待审批' }).waitFor();
    expect(await page.locator('.export-requests [data-approve]').count()).toBe(0);
    await page.screenshot({ path: join(RESULTS, 'console-export-request.png') });

    await page.getByRole('button', { name: '退出' }).click();
    await signIn('zhao.hr');
    await page.getByRole('link', { name: '线索台账' }).click();
    await page.locator('.export-requests [data-approve]').click();
    await page.locator('.export-requests tr', { hasText: '已批准' }).waitFor();
    await page.getByRole('button', { name: '退出' }).click();
    await signIn('liu.hr');
    await page.getByRole('link', { name: '线索台账' }).click();
    const [approved] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.export-requests [data-download]').click(),
    ]);
    const saved = await readFile((await approved.path()) as string);
    expect(saved.subarray(0, 2).toString()).toBe('PK');
    const exports = (await store.listAudit({ target_kind: 'lead-export' })).map((a) => a.action);
    expect(exports).toEqual(['lead.export', 'export.request', 'export.approve', 'lead.export']);
  });

  it('serves the console and the bundled ECharts with a same-origin policy, and nothing else', async () => {
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await index.text()).toContain('根治欠薪监测控制台');
    const script = await fetch(`${base}/console/app.js`);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    const echarts = await fetch(`${base}/console/vendor/echarts.min.js`);
    expect(echarts.status).toBe(200);
    expect((await echarts.text()).length).toBeGreaterThan(500_000);
    expect((await fetch(`${base}/console/%2e%2e/console-routes.ts`)).status).toBeGreaterThanOrEqual(400);
    expect((await fetch(`${base}/console/vendor/echarts.js`)).status).toBe(404);
  });
});
