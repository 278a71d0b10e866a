import { setTimeout as sleep } from 'node:timers/promises';
import { errorMessage, TransientError } from '../../errors.ts';
import type { Store } from '../store.ts';

/**
 * How long SQLite itself waits for another connection's lock (`busy_timeout`). better-sqlite3 is
 * synchronous: that wait blocks the whole process, so it is kept short. Concurrent jobs each
 * waiting 10 s in turn once froze a worker past its BullMQ lock renewals.
 */
export const BUSY_TIMEOUT_MS = 100;
/** How long one store call waits in all for a lock held elsewhere, retrying between short waits. */
export const LOCK_WAIT_MS = 10_000;

/**
 * SQLite's answers that mean "the file cannot be used right now": locked by another process,
 * an I/O error, a full or read-only disk. Other errors (a constraint, a bug) pass unchanged.
 */
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|READONLY|CANTOPEN|PROTOCOL|NOMEM)/;

/** The project's error for a SQLite error, so callers and the system watch see an outage as one. */
export function toStoreError(what: string, error: unknown): unknown {
  if (!isUnavailable(error)) return error;
  const code = (error as { code: string }).code;
  return new TransientError(`store ${what}: ${code}: ${errorMessage(error)}`, {
    cause: error,
    code: 'store_unavailable',
  });
}

/** A SQLite error about the file as a whole (locked, I/O, full), not about one statement's data. */
export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && UNAVAILABLE.test(code);
}

export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/**
 * The store with every promise-returning method retried while another connection holds the lock
 * (up to `waitMs`, pausing between tries so other work goes on), and SQLite errors mapped by
 * `toStoreError`. A retry is safe: each method writes in one statement or one transaction, which
 * a busy answer leaves undone (retention's batches are each one, and deleting again is harmless).
 */
export function withStoreErrors(store: Store, waitMs = LOCK_WAIT_MS): Store {
  const guarded: Record<string, unknown> = { ...store };
  for (const [name, method] of Object.entries(store)) {
    // scanPosts is an async generator, not a promise: its errors surface while iterating.
    if (typeof method !== 'function' || name === 'scanPosts' || name === 'close') continue;
    guarded[name] = async (...args: unknown[]) => {
      const deadline = Date.now() + waitMs;
      for (let pause = 20; ; pause = Math.min(pause * 2, 500)) {
        try {
          return await method(...args);
        } catch (error) {
          if (!isBusy(error) || Date.now() + pause > deadline) throw toStoreError(name, error);
          await sleep(pause);
        }
      }
    };
  }
  return guarded as unknown as Store;
}
