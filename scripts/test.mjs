#!/usr/bin/env node
// The project's test command: lint and format check, typecheck, then every vitest test. It ends
// with one plain line, `N passed, N failed, N skipped`, which CI reads. With `--faults` it runs
// the fault suite instead (test/faults, vitest.faults.config.ts), ending with the same line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const faults = process.argv.includes('--faults');
const extraArgs = process.argv.slice(2).filter((arg) => arg !== '--faults');
const results = faults ? 'test-results/faults.json' : 'test-results/vitest.json';
const run = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status === 0;

mkdirSync('test-results', { recursive: true });
rmSync(results, { force: true });
const checks = faults
  ? []
  : [
      ['biome check (lint + format)', run('npx', ['biome', 'check', '--error-on-warnings', '.'])],
      ['tsc --noEmit (typecheck)', run('npx', ['tsc', '--noEmit', '-p', '.'])],
    ];
const vitestOk = run('npx', [
  'vitest',
  'run',
  ...(faults ? ['--config', 'vitest.faults.config.ts'] : []),
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${results}`,
  ...extraArgs,
]);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const report = JSON.parse(readFileSync(results, 'utf8'));
  passed = report.numPassedTests;
  failed =
    report.numFailedTests +
    (report.numFailedTestSuites > 0 && report.numFailedTests === 0 ? report.numFailedTestSuites : 0);
  skipped = report.numPendingTests + report.numTodoTests;
} catch {
  failed += 1; // vitest did not even write its report
}
if (!vitestOk && failed === 0) failed = 1;
for (const [name, ok] of checks) {
  if (ok) passed++;
  else {
    failed++;
    console.error(`FAILED: ${name}`);
  }
}
if (!faults && !process.env.ELASTICSEARCH_URL) {
  console.log(
    'Elasticsearch store contract suite: skipped (ELASTICSEARCH_URL is not set; ' +
      'run `ELASTICSEARCH_URL=http://127.0.0.1:9200 npm test` against a cluster to include it)',
  );
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
