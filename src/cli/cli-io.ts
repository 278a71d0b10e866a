import type { Writable } from 'node:stream';
import type { Environment } from '../settings/interpolate.ts';

/** What a command may touch of its process, passed in so commands stay testable. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  env: Environment;
  cwd: string;
}

/** A command takes its arguments and returns the process exit code. */
export type Command = (args: readonly string[], io: CliIo) => Promise<number>;

/** Exit codes: 0 fine, 1 failure while running, 2 the configuration or setup is wrong. */
export const EXIT = { ok: 0, failure: 1, config: 2 } as const;
