#!/usr/bin/env node
// Runs after every install: applies `patches/` (patch-package), then rebuilds each patched native
// module whose binary is older than its patched source. npm builds native modules before the
// project's own postinstall runs, so without the rebuild the patch would sit unused in the source.
// The patches and why each exists: docs/classifier.md, "Patched dependencies".
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Native modules we patch: the source files the patch touches, and the binary built from them. */
const NATIVE = [
  {
    name: 'nodejieba',
    sources: ['lib/nodejieba.cpp', 'lib/nodejieba.h'],
    binary: 'build/Release/nodejieba.node',
  },
];

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`patch-modules: \`${command} ${args.join(' ')}\` failed in ${cwd} (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
}

run(join(root, 'node_modules', '.bin', 'patch-package'), ['--error-on-fail'], root);

for (const module of NATIVE) {
  const dir = join(root, 'node_modules', module.name);
  if (!existsSync(dir)) continue;
  const binary = join(dir, module.binary);
  const newestSource = Math.max(...module.sources.map((source) => statSync(join(dir, source)).mtimeMs));
  if (existsSync(binary) && statSync(binary).mtimeMs >= newestSource) continue;
  console.log(`patch-modules: rebuilding ${module.name} from its patched source…`);
  run(join(root, 'node_modules', '.bin', 'node-pre-gyp'), ['rebuild', '--build-from-source'], dir);
}
