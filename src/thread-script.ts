import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The script a worker thread runs. From the sources (`import.meta.url` of a `.ts` file: tests,
 * benchmarks, `WAGEWATCH_FROM_SOURCE=1`) it is `<name>-entry.mjs` beside the caller, which
 * registers tsx in the thread (a thread gets no module hooks from its parent). From the bundle it
 * is `dist/<name>.js` (scripts/build.ts), beside dist/main.js or one folder above a chunk.
 */
export function threadScript(name: string, callerUrl: string): URL {
  if (callerUrl.endsWith('.ts')) return new URL(`./${name}-entry.mjs`, callerUrl);
  for (const candidate of [`./${name}.js`, `../${name}.js`]) {
    const url = new URL(candidate, callerUrl);
    if (existsSync(fileURLToPath(url))) return url;
  }
  throw new Error(`no ${name}.js next to ${callerUrl}: rebuild with npm run build`);
}
