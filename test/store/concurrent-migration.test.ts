import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/store/embedded/schema.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const CHILD = join(import.meta.dirname, 'children', 'open-store.ts');
const PROCESSES = 6;

interface Opener {
  ready: Promise<void>;
  go(): void;
  exited: Promise<{ code: number | null; stderr: string }>;
}

function opener(file: string, id: string): Opener {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, id], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return {
    ready: new Promise((resolve) => child.stdout.once('data', () => resolve())),
    go: () => child.stdin.write('go\n'),
    exited: new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr }))),
  };
}

describe('a new store file created by several processes at once', () => {
  // `wagewatch worker <stage>` processes started together on a fresh data dir all migrate it.
  it('is migrated once, and every process opens it and writes', async () => {
    for (let round = 0; round < 8; round++) {
      const file = join(await tempDir(), 'wagewatch.sqlite');
      const openers = Array.from({ length: PROCESSES }, (_, i) => opener(file, `r${round}p${i}`));
      await Promise.all(openers.map((o) => o.ready));
      for (const o of openers) o.go();
      const runs = await Promise.all(openers.map((o) => o.exited));
      for (const run of runs) expect(run, run.stderr).toMatchObject({ code: 0, stderr: '' });
      const db = new Database(file, { readonly: true });
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.prepare('SELECT count(*) AS n FROM posts').get()).toEqual({ n: PROCESSES });
      db.close();
    }
  }, 120_000);
});
