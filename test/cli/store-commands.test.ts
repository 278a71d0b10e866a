import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { buildSegmenter } from '../../src/app/build-classifier.ts';
import { buildStore } from '../../src/app/build-store.ts';
import { toShanghaiIso } from '../../src/domain/shanghai-time.ts';
import { createSilentLogger } from '../../src/logger.ts';
import { recordsFileFor } from '../../src/store/embedded/records-schema.ts';
import { loadProjectConfig } from '../helpers/project-config.ts';
import { runCli } from '../helpers/run-cli.ts';
import { sampleClassification, samplePost, stored } from '../helpers/sample-posts.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
// Relative to now, so the retention period (365 days) keeps the recent posts whatever the date.
const daysAgo = (days: number) => toShanghaiIso(new Date(Date.now() - days * 86_400_000));
const recent = [daysAgo(1), daysAgo(2)] as const;

/** A data dir whose embedded store holds three posts, written the way the pipeline writes them. */
async function seededDataDir(): Promise<string> {
  const dataDir = await tempDir();
  const config = await loadProjectConfig({ WAGEWATCH_DATA_DIR: dataDir });
  const store = await buildStore(config, { segmenter: buildSegmenter(config), logger: createSilentLogger() });
  const lead = sampleClassification({ lead: true, level: 'red', town: '河口镇', departments: ['住建'] });
  await store.upsertPosts([
    stored(samplePost('1', '河口镇工地拖欠农民工工资三个月', { published_at: recent[0] }), lead),
    stored(samplePost('2', '石桥镇食堂拖欠工资', { published_at: recent[1] })),
    stored(samplePost('3', '多年前的欠薪旧帖', { published_at: daysAgo(400) })),
  ]);
  await store.close();
  return dataDir;
}

describe('wagewatch search and retention', () => {
  it('searches with words and filters, and prints the highlighted excerpt', async () => {
    const dataDir = await seededDataDir();
    const run = await runCli(['search', '拖欠', '工资', '--level', '红', '--since', daysAgo(10)], {
      WAGEWATCH_DATA_DIR: dataDir,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('共 1 条');
    expect(run.stdout).toContain(`【红色】${recent[0].slice(0, 16).replace('T', ' ')} 河口镇`);
    expect(run.stdout).toContain('【拖欠】农民工【工资】');
  });

  it('counts by day as JSON', async () => {
    const dataDir = await seededDataDir();
    const run = await runCli(['search', '--by', 'day', '--since', daysAgo(10), '--json'], {
      WAGEWATCH_DATA_DIR: dataDir,
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      total: 2,
      buckets: [
        { key: recent[1].slice(0, 10), count: 1 },
        { key: recent[0].slice(0, 10), count: 1 },
      ],
    });
  });

  it('refuses a bad flag with exit 2 and names it', async () => {
    const run = await runCli(['search', '--level', '紫'], { WAGEWATCH_DATA_DIR: await tempDir() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--level：未知的等级：紫');
  });

  it('switches to Elasticsearch by configuration alone, and names an unreachable cluster', async () => {
    const run = await runCli(['search', '工资'], {
      WAGEWATCH_DATA_DIR: await tempDir(),
      WAGEWATCH_STORE: 'elasticsearch',
      ELASTICSEARCH_URL: 'http://127.0.0.1:1',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('无法启动：cannot reach Elasticsearch at http://127.0.0.1:1');
  });

  it('counts, then deletes, posts past the retention period and audits the run', async () => {
    const dataDir = await seededDataDir();
    const env = { WAGEWATCH_DATA_DIR: dataDir };
    const dry = await runCli(['retention', '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/之前发布的 1 条帖子将被删除/);
    const run = await runCli(['retention'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('帖子 1 条');
    const db = new Database(join(dataDir, 'wagewatch.sqlite'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM posts').get()).toEqual({ n: 2 });
    db.close();
    const records = new Database(recordsFileFor(join(dataDir, 'wagewatch.sqlite')), { readonly: true });
    expect(records.prepare("SELECT actor, action FROM audit WHERE action = 'retention'").all()).toEqual([
      { actor: 'system', action: 'retention' },
    ]);
    records.close();
  });
});
