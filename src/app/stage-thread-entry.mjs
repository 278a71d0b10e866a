// Starts stage-thread.ts from the sources (tests, benchmarks, `WAGEWATCH_FROM_SOURCE=1`): a
// worker thread gets no module hooks from its parent, so it registers tsx for itself. The
// bundle runs dist/stage-thread.js instead (scripts/build.ts).
import { register } from 'tsx/esm/api';

register();
await import('./stage-thread.ts');
