/**
 * The few error kinds the project distinguishes. Only the worker wiring turns them into queue
 * behaviour (give up, back off, retry); everything else is treated as transient.
 */

/** Base class: every project error has a stable machine-readable code. */
export class WagewatchError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Retrying cannot help: bad input, a 4xx answer, a payload that fails its schema. */
export class PermanentError extends WagewatchError {
  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(options?.code ?? 'permanent', message, options);
  }
}

/** The other side asked us to slow down (429, 503 with Retry-After). */
export class ThrottledError extends WagewatchError {
  readonly retryAfterMs: number;

  constructor(message: string, retryAfterMs: number, options?: { cause?: unknown }) {
    super('throttled', message, options);
    this.retryAfterMs = retryAfterMs;
  }
}

/** Something worth retrying later: a network error, a 5xx, a store that is briefly unavailable. */
export class TransientError extends WagewatchError {
  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(options?.code ?? 'transient', message, options);
  }
}

/** A write based on a stale version was refused; re-read and decide, never merge blindly. */
export class ConflictError extends WagewatchError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('conflict', message, options);
  }
}

/** One problem found in a configuration file, located as precisely as the file allows. */
export interface ConfigProblem {
  file: string;
  line: number | null;
  path: string;
  message: string;
}

/** Start-up only: the configuration is unusable. Carries every problem found, not just the first. */
export class ConfigError extends WagewatchError {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    super('config', problems.map(formatConfigProblem).join('\n'));
    this.problems = problems;
  }
}

/** `file:line: path: message`, the form editors and terminals can jump to. */
export function formatConfigProblem(problem: ConfigProblem): string {
  const where = problem.line === null ? problem.file : `${problem.file}:${problem.line}`;
  return problem.path ? `${where}: ${problem.path}: ${problem.message}` : `${where}: ${problem.message}`;
}

/** Message of any thrown value, for logs and error lines. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
