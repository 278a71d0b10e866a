// Bundles the CLI into dist/ (esbuild, ESM, Node 20) so production processes run plain
// JavaScript: no TypeScript loader thread, about 60 MB less per process. bin/wagewatch.js runs
// the bundle while it is newer than every source file and falls back to the sources (via tsx)
// otherwise, so an edit is never shadowed by a stale build. Run by `npm ci` (prepare) and setup.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Bundles `entry` (relative to the project) into `outdir`. Packages stay external (they load
 * from node_modules as usual); dynamic imports become chunks, so what the code loads on first
 * use (report rendering) still loads only then.
 */
export async function bundle(entry: string, outdir: string): Promise<void> {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  await build({
    // Worker threads run scripts of their own (src/thread-script.ts): the evidence writer's
    // (src/store/embedded/evidence-writer.ts) and the stage thread's (src/app/stage-thread-host.ts).
    entryPoints: {
      main: join(ROOT, entry),
      'evidence-thread': join(ROOT, 'src/store/embedded/evidence-thread.ts'),
      'stage-thread': join(ROOT, 'src/app/stage-thread.ts'),
    },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
  });
  // Chunks are ES modules; say so for any tool that reads the folder's package.json.
  await writeFile(join(outdir, 'package.json'), '{ "type": "module" }\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await bundle('src/cli/main.ts', join(ROOT, 'dist'));
  console.log(`build: dist/main.js in ${Math.round(performance.now() - started)} ms`);
}
