import { copyFile, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportEvidencePack, verifyEvidencePack } from '../../src/cases/evidence-pack.ts';
import type { Store } from '../../src/store/store.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { openStore, packEvent, pageGbk, pageJson, seedPackStore, sha } from './case-fixtures.ts';

const tempDir = useTempDirs();
const now = new Date('2026-11-28T15:00:00+08:00');
const police = { name: '刘警官', role: 'police' } as const;
const caseId = `case:event:${packEvent.id}`;

describe('verifying an evidence pack', () => {
  let store: Store;
  let out: string;
  beforeEach(async () => {
    const dir = await tempDir();
    out = join(dir, 'out');
    store = openStore(dir);
    await seedPackStore(store, now);
  });
  afterEach(() => store.close());

  it('fails verification naming the page when one byte changes', async () => {
    const pack = await exportEvidencePack(store, caseId, out, police, { reason: '调取证据' }, now);
    const file = `pages/${sha(pageGbk)}.html`;
    const bytes = await readFile(join(pack.dir, file));
    bytes[10] = (bytes[10]! + 1) % 256;
    await writeFile(join(pack.dir, file), bytes);
    const result = await verifyEvidencePack(pack.dir);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      `${file}：SHA-256 与 SHA256SUMS 不符`,
      `${file}：SHA-256 与抓取时记录的不符`,
    ]);
  });

  it('refuses a page replaced by a symlink, even to a file with the right bytes', async () => {
    const pack = await exportEvidencePack(store, caseId, out, police, { reason: '调取证据' }, now);
    const file = `pages/${sha(pageGbk)}.html`;
    const outside = join(await tempDir(), 'copy.html');
    await copyFile(join(pack.dir, file), outside);
    await rm(join(pack.dir, file));
    await symlink(outside, join(pack.dir, file));
    const result = await verifyEvidencePack(pack.dir);
    expect(result.ok).toBe(false);
    expect(result.problems).toContain(`${file}：不是普通文件（链接或设备），证据包中不应出现`);
  });

  it('notices a missing page and a file slipped in', async () => {
    const pack = await exportEvidencePack(store, caseId, out, police, { reason: '调取证据' }, now);
    await rm(join(pack.dir, `pages/${sha(pageJson)}.json`));
    await writeFile(join(pack.dir, 'pages', 'extra.html'), 'x');
    expect((await verifyEvidencePack(pack.dir)).problems).toEqual([
      `pages/${sha(pageJson)}.json：文件缺失`,
      'pages/extra.html：未列入 SHA256SUMS',
    ]);
  });

  it('says what is wrong when SHA256SUMS or the manifest is gone', async () => {
    const pack = await exportEvidencePack(store, caseId, out, police, { reason: '调取证据' }, now);
    await rm(join(pack.dir, 'manifest.json'));
    expect((await verifyEvidencePack(pack.dir)).problems).toEqual([
      'manifest.json：文件缺失',
      'manifest.json：无法读取',
    ]);
    await rm(join(pack.dir, 'SHA256SUMS'));
    expect(await verifyEvidencePack(pack.dir)).toEqual({ ok: false, problems: ['SHA256SUMS：文件缺失'] });
  });
});
