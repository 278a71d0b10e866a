// The evidence writer thread (evidence-writer.ts): its own connection to the store file, so a
// collect worker's event loop never waits on SQLite. Messages are `{ id, items }`; each answer
// is `{ id }` or `{ id, error }` with SQLite's code kept, so the caller maps it as usual.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { Evidence } from '../workflow-records.ts';
import { createEvidenceTable } from './evidence-table.ts';
import { BUSY_TIMEOUT_MS } from './sqlite-errors.ts';

export interface EvidenceRequest {
  id: number;
  items: Evidence[];
}

export interface EvidenceAnswer {
  id: number;
  error?: { message: string; code: string | undefined };
}

const port = parentPort;
if (!port) throw new Error('evidence-thread.ts runs only as a worker thread');
const { file } = workerData as { file: string };

/** Opened on the first write, and tried again on the next while it cannot be. */
let evidence: ReturnType<typeof createEvidenceTable> | null = null;
function table(): ReturnType<typeof createEvidenceTable> {
  if (evidence) return evidence;
  const db = new Database(file);
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Per connection, like the main one's: WAL commits without fsync; checkpoints still sync.
    db.pragma('synchronous = NORMAL');
    evidence = createEvidenceTable(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return evidence;
}

port.on('message', ({ id, items }: EvidenceRequest) => {
  // Structured cloning turns Buffers into Uint8Arrays; the table hashes and compresses either.
  let written: Promise<void>;
  try {
    written = table().putMany(items);
  } catch (error) {
    written = Promise.reject(error);
  }
  written.then(
    () => port.postMessage({ id } satisfies EvidenceAnswer),
    (error: unknown) =>
      port.postMessage({
        id,
        error: {
          message: error instanceof Error ? error.message : String(error),
          code: (error as { code?: string }).code,
        },
      } satisfies EvidenceAnswer),
  );
});
