import { toShanghaiIso } from '../domain/shanghai-time.ts';
import { PermanentError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { ACCOUNT_KIND, type Account, isLocked, USERNAME_PATTERN, updateAccount } from './account-record.ts';
import { spendPasswordTime, verifyPassword } from './password.ts';
import { matchTotp } from './totp.ts';

/** Five wrong passwords or codes in a row lock the account for fifteen minutes. */
export const LOCKOUT = { failures: 5, minutes: 15 } as const;

/**
 * `unknown` and `bad_password` must look the same to the person signing in; they differ here
 * only for the audit log. `locked_until` is set when the account is (or has just become) locked.
 */
export type LoginResult =
  | { ok: true; account: Account }
  | {
      ok: false;
      reason: 'unknown' | 'bad_password' | 'locked' | 'disabled' | 'totp_required' | 'bad_totp';
      locked_until?: string;
    };

type Decision = { next: Account | null; result: { login: LoginResult; lockedNow: boolean } };

const refuse = (login: LoginResult): Decision => ({ next: null, result: { login, lockedNow: false } });

/** One more failure; the lock starts at the fifth, and a lock that has run out starts the count again. */
function failure(account: Account, reason: 'bad_password' | 'bad_totp', now: Date): Decision {
  const failed = (account.locked_until === null ? account.failed_logins : 0) + 1;
  const lockedUntil =
    failed >= LOCKOUT.failures ? toShanghaiIso(new Date(now.getTime() + LOCKOUT.minutes * 60_000)) : null;
  const next = { ...account, failed_logins: failed, locked_until: lockedUntil };
  const login: LoginResult = { ok: false, reason, ...(lockedUntil ? { locked_until: lockedUntil } : {}) };
  return { next, result: { login, lockedNow: lockedUntil !== null } };
}

function success(account: Account, totpCounter: number | null): Decision {
  const next = { ...account, failed_logins: 0, locked_until: null, totp_last_counter: totpCounter };
  const unchanged =
    account.failed_logins === 0 && account.locked_until === null && account.totp_last_counter === totpCounter;
  return { next: unchanged ? null : next, result: { login: { ok: true, account: next }, lockedNow: false } };
}

/**
 * Checks a password and, when the account has a TOTP secret, a code. A locked account is refused
 * before its password is looked at; a disabled one only after, so that its state is told only to
 * someone who knows the password. An unknown user costs one scrypt as well.
 */
export async function verifyLogin(
  store: Store,
  username: string,
  password: string,
  totpCode: string | null,
  now: Date = new Date(),
): Promise<LoginResult> {
  const checked = new Map<string, boolean>();
  const passwordMatches = async (hash: string) => {
    if (!checked.has(hash)) checked.set(hash, await verifyPassword(password, hash));
    return checked.get(hash) === true;
  };
  const decide = async (account: Account): Promise<Decision> => {
    if (isLocked(account, now))
      return refuse({ ok: false, reason: 'locked', locked_until: account.locked_until as string });
    if (!(await passwordMatches(account.password_hash))) return failure(account, 'bad_password', now);
    if (account.disabled) return refuse({ ok: false, reason: 'disabled' });
    // A role that needs a second factor but has no secret cannot sign in until `user totp-reset`.
    if (account.totp_required && !account.totp_secret) return refuse({ ok: false, reason: 'totp_required' });
    if (!account.totp_secret) return success(account, account.totp_last_counter);
    if (!totpCode) return refuse({ ok: false, reason: 'totp_required' });
    const counter = matchTotp(account.totp_secret, totpCode, now, account.totp_last_counter);
    return counter === null ? failure(account, 'bad_totp', now) : success(account, counter);
  };
  const unknown = async (): Promise<LoginResult> => {
    await spendPasswordTime(password);
    return { ok: false, reason: 'unknown' };
  };
  if (!USERNAME_PATTERN.test(username)) return unknown();
  let outcome: Decision['result'];
  try {
    outcome = await updateAccount(store, username, decide);
  } catch (error) {
    if (error instanceof PermanentError && error.code === 'not_found') return unknown();
    throw error;
  }
  if (outcome.lockedNow && !outcome.login.ok)
    await store.appendAudit({
      at: toShanghaiIso(now),
      actor: 'system',
      action: 'user.lock',
      target_kind: ACCOUNT_KIND,
      target_id: username,
      reason: `连续 ${LOCKOUT.failures} 次登录失败`,
      after: { locked_until: outcome.login.locked_until ?? null },
    });
  return outcome.login;
}
