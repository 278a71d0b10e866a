import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | null = null;

/**
 * The checkout's top folder: the nearest folder above this module whose package.json is
 * wagewatch's. Found by walking up rather than by a fixed `../..`, because the same code runs
 * from `src/` under tsx and from the bundle in `dist/` (scripts/build.mjs).
 */
export function projectRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'wagewatch'
    ) {
      root = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no wagewatch package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}
