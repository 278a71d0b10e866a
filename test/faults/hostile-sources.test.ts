import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { Redis } from 'ioredis';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSourceHealth } from '../../crawlers/source-health.ts';
import { peakRssKb } from '../../scripts/bench/measure.ts';
import { editConfigFile } from '../helpers/config-copy.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { type FaultRig, STAGES, startFaultRig } from './fault-rig.ts';

const POSTS = 300;
const GIB = 1024 ** 3;
/** Far above what a worker needs (~200 MB) and far below a decompressed gigabyte. */
const RSS_BOUND_MB = 400;
const tempDir = useTempDirs();

/** 1 GiB of zeros, gzipped (about 1 MB on the wire): what a decompression bomb sends. */
async function gzipBomb(): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let written = 0; written < GIB; written += zeros.length)
    if (!gzip.write(zeros)) await new Promise((resolve) => gzip.once('drain', resolve));
  gzip.end();
  await done;
  return Buffer.concat(chunks);
}

/**
 * A hostile site: `/slow` sends its headers and then one byte every half second for ever (a
 * slow loris); `/bomb` answers every request with the gzip bomb as `content-encoding: gzip`.
 */
async function startHostileSite(bomb: Buffer) {
  const trickles = new Set<NodeJS.Timeout>();
  let bombsServed = 0;
  const server: Server = createServer((request, response) => {
    if (request.url?.startsWith('/bomb')) {
      bombsServed++;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' });
      return void response.end(bomb);
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.write('<html><body>');
    const timer = setInterval(() => response.write(' '), 500);
    trickles.add(timer);
    response.on('close', () => {
      clearInterval(timer);
      trickles.delete(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    bombsServed: () => bombsServed,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of trickles) clearInterval(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('a slow-loris source and a 1 GiB decompression bomb', () => {
  let bomb: Buffer;
  let rig: FaultRig | null = null;
  let hostile: Awaited<ReturnType<typeof startHostileSite>> | null = null;
  beforeAll(async () => {
    bomb = await gzipBomb();
  });
  afterEach(async () => {
    await rig?.close();
    await hostile?.close();
    rig = null;
    hostile = null;
  });

  it('keeps the collector within bounded memory and collecting from the honest source meanwhile', async () => {
    hostile = await startHostileSite(bomb);
    rig = await startFaultRig(await tempDir(), { posts: POSTS, backlog: 0, perSecond: 20 });
    // Two more sources shaped like the demo forum, pointing at the hostile paths.
    const demo = await readFile(join(rig.configDir, 'sources', 'demo-site.yaml'), 'utf8');
    for (const [id, path] of [
      ['slow-loris', '/slow'],
      ['gzip-bomb', '/bomb'],
    ] as const)
      await writeFile(
        join(rig.configDir, 'sources', `${id}.yaml`),
        demo.replace('id: demo-site', `id: ${id}`).replace(/url: \S+/, `url: ${hostile.base}${path}`),
      );
    // Shorter fetch deadlines than production's 20 s + 30 s, so the test sees several passes.
    await editConfigFile(rig.configDir, 'default.yaml', 'headers_timeout_s: 20', 'headers_timeout_s: 4');
    await editConfigFile(rig.configDir, 'default.yaml', 'body_timeout_s: 30', 'body_timeout_s: 4');
    const workers = new Map(STAGES.map((stage) => [stage, rig?.spawnWorker(stage)]));
    const collector = workers.get('collect');
    const redis = new Redis(rig.redis.url, { maxRetriesPerRequest: null });
    try {
      const health = createSourceHealth(redis, 'wagewatch');
      // The honest forum publishes 20 posts a second throughout; all of them get through.
      await waitFor(
        'the bomb served and refused',
        async () => (await health.read('gzip-bomb')).consecutiveFailures >= 1,
        90_000,
      );
      await waitFor(
        'the slow loris cut off',
        async () => (await health.read('slow-loris')).consecutiveFailures >= 1,
        120_000,
      );
      await waitFor(
        'every post of the honest forum stored',
        async () => rig?.site.published() === POSTS && (await rig.store.countPosts()) === POSTS,
        120_000,
      );
      const peak = peakRssKb(collector?.child.pid as number) / 1024;
      const bombHealth = await health.read('gzip-bomb');
      const lorisHealth = await health.read('slow-loris');
      console.info(
        `hostile sources: bomb served ${hostile.bombsServed()}× (${(bomb.length / 1024).toFixed(0)} KB gzip → 1 GiB), refused with "${bombHealth.lastError}"; slow loris: "${lorisHealth.lastError}"; collector peak RSS ${peak.toFixed(0)} MB; ${POSTS} honest posts stored`,
      );
      expect(peak).toBeLessThan(RSS_BOUND_MB);
      expect(bombHealth.lastError).toMatch(/MB|size|large|大/i);
      expect(lorisHealth.lastError).toMatch(/no complete answer within/);
      expect(collector?.child.exitCode).toBeNull();
    } finally {
      await redis.quit();
    }
  });
});
