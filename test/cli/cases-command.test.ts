import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSegmenter } from '../../src/app/build-classifier.ts';
import { buildStore } from '../../src/app/build-store.ts';
import { CASE_KIND } from '../../src/cases/police-case.ts';
import { createSilentLogger } from '../../src/logger.ts';
import { loadProjectConfig } from '../helpers/project-config.ts';
import { runCli } from '../helpers/run-cli.ts';
import { sampleEvent } from '../helpers/sample-events.ts';
import { samplePost, stored } from '../helpers/sample-posts.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const page = Buffer.from(
  '<html><body>河口镇安置房项目农民工聚集讨薪，工头电话13812345678</body></html>',
  'utf8',
);

async function openStore(dataDir: string) {
  const config = await loadProjectConfig({ WAGEWATCH_DATA_DIR: dataDir });
  return buildStore(config, { segmenter: buildSegmenter(config), logger: createSilentLogger() });
}

/** A data dir with a gathering event whose one post has one captured page. */
async function seededDataDir(): Promise<{ dataDir: string; caseId: string }> {
  const dataDir = await tempDir();
  const store = await openStore(dataDir);
  const post = samplePost('p1', '河口镇安置房项目农民工聚集讨薪，工头电话13812345678');
  const event = sampleEvent({ risks: ['mass_gathering'], post_ids: [post.id] });
  await store.upsertPosts([stored(post)]);
  await store.putEvidence({
    post_id: post.id,
    url: post.url,
    fetched_at: post.fetched_at,
    content_type: 'text/html; charset=utf-8',
    sha256: sha(page),
    body: page,
  });
  await store.putRecord('event', event.id, event, null);
  await store.close();
  return { dataDir, caseId: `case:event:${event.id}` };
}

describe('wagewatch cases', () => {
  it('lists, decides, exports and verifies a case, refusing what it must, all audited', async () => {
    const { dataDir, caseId } = await seededDataDir();
    const env = { WAGEWATCH_DATA_DIR: dataDir };
    const police = ['--by', '刘警官', '--role', 'police'];

    const list = await runCli(['cases', '--status', 'pending'], env);
    expect(list.stderr).toBe('');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('新入队 1 件');
    expect(list.stdout).toContain(`${caseId}　【待研判】舆情事件 · `);
    expect(list.stdout).toContain('原因：存在群体聚集风险');

    const decide = [
      'cases',
      'decide',
      caseId,
      '--decision',
      'transfer',
      '--reason',
      '涉及群体聚集，移交属地',
    ];
    // Both refused before anything is written, so they may run side by side.
    const [noBody, hr] = await Promise.all([
      runCli([...decide, ...police], env),
      runCli([...decide, '--transfer-to', '河口派出所', '--by', '王科员', '--role', 'hr'], env),
    ]);
    expect(noBody.code).toBe(1);
    expect(noBody.stderr).toContain('须填写移交单位');
    expect(hr.code).toBe(1);
    expect(hr.stderr).toContain('无权研判该案件：仅公安机关或管理员可以操作');
    const done = await runCli([...decide, '--transfer-to', '河口派出所', ...police], env);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('【已研判】');
    expect(done.stdout).toContain('最近研判：移交（接收单位：河口派出所）　刘警官');

    const out = join(dataDir, 'packs');
    const [decided, exported] = await Promise.all([
      runCli(['cases', '--status', 'decided', '--json'], env),
      runCli(['cases', 'export', caseId, '--out', out, '--reason', '移交取证', ...police], env),
    ]);
    expect(JSON.parse(decided.stdout)).toMatchObject([
      { id: caseId, status: 'decided', decisions: [{ decision: 'transfer', transfer_to: '河口派出所' }] },
    ]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const packDir = join(out, caseId.replace(/[^A-Za-z0-9._-]+/g, '_'));
    expect(exported.stdout).toContain(`证据包已导出：${packDir}`);
    expect(exported.stdout).toContain(sha(await readFile(join(packDir, 'manifest.json'))));
    expect(exported.stdout).toContain('未脱敏');

    const ok = await runCli(['cases', 'verify', packDir]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('校验通过');

    const pagePath = join(packDir, 'pages', `${sha(page)}.html`);
    const tampered = Buffer.from(await readFile(pagePath));
    tampered[0] = (tampered[0] as number) ^ 1;
    await writeFile(pagePath, tampered);
    const bad = await runCli(['cases', 'verify', packDir]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`pages/${sha(page)}.html：SHA-256 与 SHA256SUMS 不符`);

    const store = await openStore(dataDir);
    const audit = await store.listAudit({ target_kind: CASE_KIND, target_id: caseId });
    await store.close();
    expect(audit.map((e) => [e.action, e.actor]).sort()).toEqual([
      ['case.decide', '刘警官'],
      ['case.export', '刘警官'],
      ['case.flag', 'system'],
    ]);
  });

  it('asks for what is missing as a usage error', async () => {
    const env = { WAGEWATCH_DATA_DIR: await tempDir() };
    const [noActor, badStatus, strayBody] = await Promise.all([
      runCli(['cases', 'decide', 'case:event:x', '--decision', 'no_case'], env),
      runCli(['cases', '--status', 'closed'], env),
      runCli(
        [
          'cases',
          'decide',
          'case:event:x',
          '--decision',
          'no_case',
          '--transfer-to',
          '某局',
          '--by',
          '刘警官',
          '--role',
          'police',
        ],
        env,
      ),
    ]);
    expect(noActor.code).toBe(2);
    expect(noActor.stderr).toContain('须填写 --by 姓名 与 --role 角色');
    expect(badStatus.code).toBe(2);
    expect(badStatus.stderr).toContain('未知状态：closed');
    expect(strayBody.code).toBe(2);
    expect(strayBody.stderr).toContain('只有 transfer（移交）需要 --transfer-to');
  });
});
