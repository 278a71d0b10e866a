import { Worker } from 'node:worker_threads';
import { TransientError } from '../../errors.ts';
import { threadScript } from '../../thread-script.ts';
import type { Evidence } from '../workflow-records.ts';
import type { EvidenceAnswer, EvidenceRequest } from './evidence-thread.ts';

export interface EvidenceWriter {
  put(items: readonly Evidence[]): Promise<void>;
  /** Waits for the writes in flight, then stops the thread. */
  close(): Promise<void>;
}

interface Pending {
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Evidence written from a worker thread with its own connection to the store file. In a
 * dedicated collect worker the evidence transaction was the largest synchronous cost on the
 * event loop (a WAL checkpoint in it stalled the loop for up to 14 ms). The thread starts on the
 * first write; a bare worker thread with better-sqlite3 measured 17 MB of RSS. A SQLite error comes back with its code, so the store's
 * lock waiting and error mapping treat it as they treat their own; a thread that dies fails what
 * it held with a transient error, and the next write starts a new one.
 */
export function createEvidenceWriter(file: string): EvidenceWriter {
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, Pending>();
  const inFlight = new Set<Promise<void>>();

  const settle = (thread: Worker, id: number, error?: unknown) => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    // An idle thread must not keep a finished process alive.
    if (pending.size === 0) thread.unref();
    if (error) entry.reject(error);
    else entry.resolve();
  };
  const start = (): Worker => {
    const thread = new Worker(threadScript('evidence-thread', import.meta.url), { workerData: { file } });
    thread.on('message', ({ id, error }: EvidenceAnswer) =>
      settle(thread, id, error && Object.assign(new Error(error.message), { code: error.code })),
    );
    const lost = (why: string) => {
      if (worker === thread) worker = null;
      const error = new TransientError(`evidence writer thread ${why}`, { code: 'store_unavailable' });
      for (const id of [...pending.keys()]) settle(thread, id, error);
    };
    thread.on('error', (error) => lost(`failed: ${error.message}`));
    thread.on('exit', (code) => lost(`exited with code ${code}`));
    thread.unref();
    return thread;
  };

  return {
    put(items) {
      if (items.length === 0) return Promise.resolve();
      worker ??= start();
      const thread = worker;
      const id = nextId++;
      const written = new Promise<void>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        thread.ref();
        try {
          thread.postMessage({ id, items: items as Evidence[] } satisfies EvidenceRequest);
        } catch (error) {
          settle(thread, id, error);
        }
      });
      const tracked = written.catch(() => undefined).finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      return written;
    },
    async close() {
      await Promise.all([...inFlight]);
      const thread = worker;
      worker = null;
      await thread?.terminate();
    },
  };
}
