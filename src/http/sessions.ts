import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../domain/roles.ts';
import { toShanghaiIso } from '../domain/shanghai-time.ts';
import type { Store } from '../store/store.ts';

/** Who is signed in, kept on the server; the browser holds only a random id. */
export interface Session {
  username: string;
  display_name: string;
  role: Role;
  unit: string | null;
  created_at: string;
  last_seen_at: string;
  ended_at: string | null;
}

export interface SessionPolicy {
  idleMs: number;
  maxMs: number;
}

const KIND = 'session';
/** Writing `last_seen_at` on every request would make each read a write; once a minute is enough. */
const TOUCH_EVERY_MS = 60_000;

/** Only the hash of a session id is stored: a copy of the store signs nobody in. */
function recordId(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('hex');
}

/**
 * Server-side sessions: a fresh random id at every login (no fixation), idle and absolute
 * timeouts checked on every request, and logout that ends the session for good.
 */
export function createSessions(
  store: Store,
  policy: SessionPolicy,
  now: () => Date = () => new Date(),
  /** Whether the account behind a session may still use it (not disabled, password unchanged). */
  stillValid: (session: Session) => Promise<boolean> = async () => true,
) {
  return {
    async start(user: Pick<Session, 'username' | 'display_name' | 'role' | 'unit'>): Promise<string> {
      const id = randomBytes(32).toString('base64url');
      const at = toShanghaiIso(now());
      await store.putRecord<Session>(
        KIND,
        recordId(id),
        { ...user, created_at: at, last_seen_at: at, ended_at: null },
        null,
      );
      return id;
    },
    /** The live session for this id, touched; null when unknown, ended, idle too long or too old. */
    async resume(sessionId: string): Promise<Session | null> {
      if (!sessionId || sessionId.length > 100) return null;
      const record = await store.getRecord<Session>(KIND, recordId(sessionId));
      if (!record || record.data.ended_at) return null;
      const at = now().getTime();
      const idle = at - Date.parse(record.data.last_seen_at);
      if (idle > policy.idleMs || at - Date.parse(record.data.created_at) > policy.maxMs) return null;
      if (!(await stillValid(record.data))) return null;
      if (idle > TOUCH_EVERY_MS) {
        const touched = { ...record.data, last_seen_at: toShanghaiIso(now()) };
        await store.putRecord<Session>(KIND, record.id, touched, record.version).catch(() => undefined);
        return touched;
      }
      return record.data;
    },
    async end(sessionId: string): Promise<void> {
      const record = await store.getRecord<Session>(KIND, recordId(sessionId));
      if (!record || record.data.ended_at) return;
      await store.putRecord<Session>(
        KIND,
        record.id,
        { ...record.data, ended_at: toShanghaiIso(now()) },
        record.version,
      );
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
