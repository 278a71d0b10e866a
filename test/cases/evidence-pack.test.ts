import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportEvidencePack, verifyEvidencePack } from '../../src/cases/evidence-pack.ts';
import { CASE_KIND } from '../../src/cases/police-case.ts';
import { syncReviewQueue } from '../../src/cases/review-queue.ts';
import type { Actor } from '../../src/domain/roles.ts';
import type { Store } from '../../src/store/store.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import {
  packEvent as event,
  openStore,
  pageGbk,
  pageHtml,
  pageJson,
  postA,
  postB,
  seedPackStore,
  sha,
} from './case-fixtures.ts';
import { sampleLead } from './sample-lead.ts';

const tempDir = useTempDirs();
const now = new Date('2026-11-28T15:00:00+08:00');
const police: Actor = { name: '刘警官', role: 'police' };
const caseId = `case:event:${event.id}`;

describe('evidence packs', () => {
  let store: Store;
  let out: string;
  beforeEach(async () => {
    const dir = await tempDir();
    out = join(dir, 'out');
    store = openStore(dir);
    await seedPackStore(store, now);
  });
  afterEach(() => store.close());

  it('writes the pages byte for byte with a manifest and SHA256SUMS that check out', async () => {
    const pack = await exportEvidencePack(store, caseId, out, police, { reason: ' 立案前调取证据 ' }, now);
    expect(pack.dir).toBe(join(out, `case_event_${event.id}`));
    const pages = [pageHtml, pageJson, pageGbk];
    expect(pack.files).toEqual(
      [
        'manifest.json',
        `pages/${sha(pageGbk)}.html`,
        `pages/${sha(pageHtml)}.html`,
        `pages/${sha(pageJson)}.json`,
      ].sort(),
    );
    expect((await readdir(pack.dir)).sort()).toEqual(['SHA256SUMS', 'manifest.json', 'pages']);
    expect(await verifyEvidencePack(pack.dir)).toEqual({ ok: true, problems: [] });

    // Independently of the code under test: every page as captured, every SHA256SUMS line right.
    for (const body of pages)
      expect(
        (await readFile(join(pack.dir, pack.files.find((f) => f.includes(sha(body)))!))).equals(body),
      ).toBe(true);
    const sums = (await readFile(join(pack.dir, 'SHA256SUMS'), 'utf8')).trimEnd().split('\n');
    expect(sums).toHaveLength(4);
    for (const line of sums) {
      const [hash, file] = line.split('  ');
      expect(sha(await readFile(join(pack.dir, file!)))).toBe(hash);
    }
    const manifestBytes = await readFile(join(pack.dir, 'manifest.json'));
    expect(sha(manifestBytes)).toBe(pack.manifest_sha256);

    const manifest = JSON.parse(manifestBytes.toString('utf8'));
    expect(manifest).toMatchObject({
      reason: '立案前调取证据',
      exported_by: { name: '刘警官', role: 'police' },
      case: { id: caseId, reasons: ['涉嫌犯罪', '达到拒不支付劳动报酬罪立案标准'] },
      subject: { kind: 'event', id: event.id, crime_threshold_hit: true, risks: ['criminal'] },
      events: [{ id: event.id }],
      missing_posts: [],
    });
    // The linked lead with its whole history; personal data unmasked, as evidence needs.
    expect(manifest.leads.map((l: { id: string }) => l.id)).toEqual(['lead-7']);
    expect(manifest.leads[0].reports).toHaveLength(2);
    expect(manifest.leads[0].work.state).toBe('new');
    expect(manifest.leads[0].reports[0].item.complainant).toEqual({
      name: '王建国',
      phone: '13812345678',
      id_number: '11010519491231002X',
    });
    expect(manifest.posts).toEqual([
      expect.objectContaining({
        id: postA.id,
        author: '河口老王',
        title: '安置房项目欠薪',
        text: postA.text,
      }),
      expect.objectContaining({ id: postB.id, author: '工地小李', url: postB.url }),
    ]);
    expect(manifest.posts[1].captures).toEqual([
      {
        file: `pages/${sha(pageGbk)}.html`,
        url: `http://forum.test/capture/${sha(pageGbk).slice(0, 6)}`,
        fetched_at: '2026-11-26T09:05:00+08:00',
        content_type: 'text/html; charset=gbk',
        sha256: sha(pageGbk),
        size: pageGbk.length,
      },
    ]);
    expect(manifest.posts[0].captures.map((c: { size: number }) => c.size)).toEqual([
      pageHtml.length,
      pageJson.length,
    ]);
  });

  it('audits the export with the reason, the file count and the manifest hash', async () => {
    const pack = await exportEvidencePack(
      store,
      caseId,
      out,
      { name: '县局管理员', role: 'admin' },
      { reason: '移送检察院' },
      now,
    );
    expect((await store.listAudit({ target_id: caseId })).at(-1)).toEqual({
      at: '2026-11-28T15:00:00+08:00',
      actor: '县局管理员',
      action: 'case.export',
      target_kind: CASE_KIND,
      target_id: caseId,
      reason: '移送检察院',
      before: null,
      after: { files: 4, manifest_sha256: pack.manifest_sha256 },
    });
  });

  it('packs a lead with its events', async () => {
    const lead = sampleLead('lead-9', { crime_threshold_reached: true, event_ids: [event.id] });
    await store.putRecord('lead', lead.id, lead, null);
    await syncReviewQueue(store, now);
    const pack = await exportEvidencePack(store, 'case:lead:lead-9', out, police, { reason: '调取' }, now);
    const manifest = JSON.parse(await readFile(join(pack.dir, 'manifest.json'), 'utf8'));
    expect(manifest.subject).toMatchObject({
      kind: 'lead',
      id: 'lead-9',
      state: 'new',
      crime_threshold_reached: true,
    });
    expect(manifest.events.map((e: { id: string }) => e.id)).toEqual([event.id]);
    expect(manifest.posts).toHaveLength(2);
    expect(await verifyEvidencePack(pack.dir)).toEqual({ ok: true, problems: [] });
  });

  it.each([
    ['role hr', { name: '人社局', role: 'hr' } as Actor, '调取', 'forbidden'],
    ['role monitor', { name: '值班员', role: 'monitor' } as Actor, '调取', 'forbidden'],
    ['a blank reason', police, '  ', 'invalid_action'],
  ])('refuses %s, writing nothing and auditing nothing', async (_name, actor, reason, code) => {
    const before = await store.listAudit({ target_id: caseId });
    await expect(exportEvidencePack(store, caseId, out, actor, { reason }, now)).rejects.toMatchObject({
      code,
    });
    expect(await readdir(out).catch(() => [])).toEqual([]);
    expect(await store.listAudit({ target_id: caseId })).toEqual(before);
  });

  it('never writes over an earlier pack', async () => {
    await exportEvidencePack(store, caseId, out, police, { reason: '调取' }, now);
    await expect(
      exportEvidencePack(store, caseId, out, police, { reason: '再次调取' }, now),
    ).rejects.toMatchObject({
      code: 'exists',
    });
    expect(await readdir(out)).toEqual([`case_event_${event.id}`]);
  });
});
