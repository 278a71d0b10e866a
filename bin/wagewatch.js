#!/usr/bin/env node
// Runs the bundle in dist/ (scripts/build.mjs, made by `npm ci` and `npm run setup`) while it is
// newer than every source file; otherwise runs the TypeScript directly via tsx, so an edit is
// never shadowed by a stale build and `npx wagewatch` works in any checkout.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'main.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const fresh =
  existsSync(bundle) &&
  statSync(bundle).mtimeMs >=
    Math.max(...['src', 'classifiers', 'crawlers'].map((d) => newestSource(join(root, d))));

if (fresh && process.env.WAGEWATCH_FROM_SOURCE !== '1') {
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
