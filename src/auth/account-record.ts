import type { Role } from '../domain/roles.ts';
import { ConflictError, PermanentError } from '../errors.ts';
import type { Store, VersionedRecord } from '../store/store.ts';

/** A person who signs in to the console; stored under its username. */
export interface Account {
  username: string;
  display_name: string;
  role: Role;
  /** The township or department a `unit` account belongs to; null for every other role. */
  unit: string | null;
  /** `scrypt$N$r$p$saltB64$hashB64`. */
  password_hash: string;
  /** Base32; when set, every login needs a code from it. */
  totp_secret: string | null;
  /** The role asks for a second factor (admin, police). */
  totp_required: boolean;
  /** The last time step whose code was accepted: a code is good once. */
  totp_last_counter: number | null;
  disabled: boolean;
  /** Consecutive failures since the last success or the end of the last lock. */
  failed_logins: number;
  locked_until: string | null;
  password_changed_at: string;
  created_at: string;
  created_by: string;
}

export const ACCOUNT_KIND = 'account';
/** Lower case, so a username cannot be told apart from another only by case. */
export const USERNAME_PATTERN = /^[a-z][a-z0-9_.-]{2,31}$/;
/** Concurrent logins and edits of one account rarely collide more than once or twice. */
const MAX_ATTEMPTS = 5;

export function readAccount(store: Store, username: string): Promise<VersionedRecord<Account> | null> {
  return store.getRecord<Account>(ACCOUNT_KIND, username);
}

/**
 * Applies `change` to the current record and writes it back at that version, re-reading and
 * re-deciding on a conflict. `change` returns the new data and what to answer, or no data to
 * leave the record alone. Throws PermanentError `not_found` for an unknown username.
 */
export async function updateAccount<R>(
  store: Store,
  username: string,
  change: (account: Account) => Promise<{ next: Account | null; result: R }>,
): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    const record = await readAccount(store, username);
    if (!record) throw new PermanentError(`没有用户“${username}”`, { code: 'not_found' });
    const { next, result } = await change(record.data);
    if (!next) return result;
    try {
      await store.putRecord<Account>(ACCOUNT_KIND, username, next, record.version);
      return result;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

/** Whether a lock is still running at `now`. */
export function isLocked(account: Account, now: Date): boolean {
  return account.locked_until !== null && Date.parse(account.locked_until) > now.getTime();
}
