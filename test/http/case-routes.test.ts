import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import * as OTPAuth from 'otpauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/auth/accounts.ts';
import { buildHttpServer } from '../../src/http/server.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../src/store/store.ts';
import { sampleEvent } from '../helpers/sample-events.ts';
import { samplePost, stored } from '../helpers/sample-posts.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const PASSWORD = 'Gongzi-Qingling-2027';
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('案件研判 over HTTP', () => {
  let store: Store;
  let app: FastifyInstance;
  let police: { cookies: Record<string, string>; csrf: string };
  let caseId: string;
  beforeEach(async () => {
    store = createEmbeddedStore({
      file: join(await tempDir(), 'c.sqlite'),
      tokenizeForIndex: (t) => [t],
      tokenizeForQuery: (t) => [t],
    });
    const post = samplePost('g1', '三十多名工人堵住项目部大门讨薪，电话13812345678。');
    await store.upsertPosts([stored(post)]);
    const page = Buffer.from('<html><body>三十多名工人堵住项目部大门讨薪</body></html>');
    await store.putEvidence({
      post_id: post.id,
      url: post.url,
      fetched_at: post.fetched_at,
      content_type: 'text/html',
      sha256: sha(page),
      body: page,
    });
    const event = { ...sampleEvent({ level: 'red' }), risks: ['mass_gathering'], post_ids: [post.id] };
    await store.putRecord('event', event.id, event, null);
    caseId = `case:event:${event.id}`;
    const made = await createAccount(store, {
      username: 'liu.police',
      display_name: '刘警官',
      role: 'police',
      password: PASSWORD,
      createdBy: 'first-run',
    });
    app = await buildHttpServer({ store, linkKey: null });
    const totp = (OTPAuth.URI.parse(made.totpUri as string) as OTPAuth.TOTP).generate();
    const res = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: 'liu.police', password: PASSWORD, totp },
    });
    police = {
      cookies: Object.fromEntries(res.cookies.map((c) => [c.name, c.value])),
      csrf: res.json().csrf,
    };
  });
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  const post = (url: string, payload: object) =>
    app.inject({
      method: 'POST',
      url,
      payload,
      cookies: police.cookies,
      headers: { 'x-csrf-token': police.csrf },
    });

  it('lists the queue, records a decision, and downloads an evidence pack whose sums hold, audited', async () => {
    const queue = (
      await app.inject({ method: 'GET', url: '/api/cases?status=pending', cookies: police.cookies })
    ).json();
    expect(queue.items.map((c: { id: string }) => c.id)).toEqual([caseId]);
    const path = `/api/cases/${encodeURIComponent(caseId)}`;
    expect(
      (await post(`${path}/decide`, { decision: 'transfer', reason: '涉嫌聚众扰乱秩序' })).statusCode,
    ).toBe(400);
    const decided = (
      await post(`${path}/decide`, {
        decision: 'transfer',
        reason: '涉嫌聚众扰乱秩序',
        transfer_to: '县公安局治安大队',
      })
    ).json();
    expect(decided).toMatchObject({ status: 'decided' });

    expect((await post(`${path}/evidence-pack`, {})).json()).toMatchObject({ code: 'reason_required' });
    const res = await post(`${path}/evidence-pack`, { reason: '移交治安大队' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const zip = await JSZip.loadAsync(res.rawPayload);
    const sums = await zip.file('SHA256SUMS')?.async('string');
    const lines = (sums ?? '').trim().split('\n');
    expect(lines.length).toBe(2);
    for (const line of lines) {
      const [hash, file] = line.split(/\s+/);
      expect(sha(await (zip.file(file as string) as JSZip.JSZipObject).async('nodebuffer')), file).toBe(hash);
    }
    const manifest = JSON.parse((await zip.file('manifest.json')?.async('string')) ?? '{}');
    expect(JSON.stringify(manifest)).toContain('13812345678'); // evidence is not masked
    const actions = (await store.listAudit({ target_kind: 'police-case' })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['case.decide', 'case.export']));
  });
});
