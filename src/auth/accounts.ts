import { ROLES, type Role } from '../domain/roles.ts';
import { toShanghaiIso } from '../domain/shanghai-time.ts';
import { ConflictError, PermanentError } from '../errors.ts';
import { allRecords } from '../store/all-records.ts';
import type { AuditEntry, Store } from '../store/store.ts';
import {
  ACCOUNT_KIND,
  type Account,
  isLocked,
  readAccount,
  USERNAME_PATTERN,
  updateAccount,
} from './account-record.ts';
import { hashPassword, passwordProblems, verifyPassword } from './password.ts';
import { newTotpSecret, totpUri } from './totp.ts';

export { LOCKOUT, type LoginResult, verifyLogin } from './account-login.ts';
export type { Account } from './account-record.ts';
export { PASSWORD_POLICY, passwordProblems } from './password.ts';

/** Roles whose accounts need a second factor from the start: they see everything, or unmasked data. */
const TOTP_ROLES: readonly Role[] = ['admin', 'police'];

export interface NewAccount {
  username: string;
  display_name: string;
  role: Role;
  /** The township or department; required for role `unit`, refused for the others. */
  unit?: string | null;
  password: string;
  createdBy: string;
}

/** What `user list` and the console may show of an account: never the hash or the secret. */
export interface AccountSummary {
  username: string;
  display_name: string;
  role: Role;
  unit: string | null;
  disabled: boolean;
  locked_until: string | null;
  totp: boolean;
}

function invalid(problems: readonly string[]): PermanentError {
  return new PermanentError(problems.join('；'), { code: 'invalid_account' });
}

function specProblems(spec: NewAccount): string[] {
  const problems: string[] = [];
  if (!USERNAME_PATTERN.test(spec.username))
    problems.push('用户名须以小写字母开头，由 3–32 个小写字母、数字或 _ . - 组成');
  const name = spec.display_name.trim();
  if (!name || name.length > 40) problems.push('显示名须为 1–40 个字');
  if (!ROLES.includes(spec.role)) problems.push(`未知角色“${spec.role}”（可选：${ROLES.join('、')}）`);
  const unit = spec.unit?.trim();
  if (spec.role === 'unit' && !unit) problems.push('unit 角色须指定所属单位（乡镇或部门）');
  if (spec.role !== 'unit' && unit) problems.push('只有 unit 角色的账号属于某个单位');
  return [...problems, ...actorProblems(spec.createdBy), ...passwordProblems(spec.password, spec.username)];
}

/**
 * Creates an account; admin and police get a TOTP secret at once and the URI to enrol it, shown
 * once. Throws PermanentError `invalid_account` (every problem, in Chinese) or `exists`.
 */
export async function createAccount(
  store: Store,
  spec: NewAccount,
  now: Date = new Date(),
): Promise<{ account: Account; totpUri: string | null }> {
  const problems = specProblems(spec);
  if (problems.length > 0) throw invalid(problems);
  const exists = () => new PermanentError(`用户“${spec.username}”已存在`, { code: 'exists' });
  if (await readAccount(store, spec.username)) throw exists();
  const at = toShanghaiIso(now);
  const totpRequired = TOTP_ROLES.includes(spec.role);
  const account: Account = {
    username: spec.username,
    display_name: spec.display_name.trim(),
    role: spec.role,
    unit: spec.role === 'unit' ? (spec.unit?.trim() ?? null) : null,
    password_hash: await hashPassword(spec.password),
    totp_secret: totpRequired ? newTotpSecret() : null,
    totp_required: totpRequired,
    totp_last_counter: null,
    disabled: false,
    failed_logins: 0,
    locked_until: null,
    password_changed_at: at,
    created_at: at,
    created_by: spec.createdBy,
  };
  try {
    await store.putRecord<Account>(ACCOUNT_KIND, account.username, account, null);
  } catch (error) {
    throw error instanceof ConflictError ? exists() : error;
  }
  const { display_name, role, unit } = account;
  await audit(store, account.username, spec.createdBy, at, 'user.create', {
    after: { display_name, role, unit, totp_required: totpRequired },
  });
  return { account, totpUri: account.totp_secret ? totpUri(account.totp_secret, account.username) : null };
}

export async function getAccount(store: Store, username: string): Promise<Account | null> {
  return (await readAccount(store, username))?.data ?? null;
}

/** Every account, by username. */
export async function listAccounts(store: Store): Promise<Account[]> {
  const accounts: Account[] = [];
  for await (const record of allRecords<Account>(store, ACCOUNT_KIND)) accounts.push(record.data);
  return accounts;
}

/** How many accounts exist, disabled ones included: zero means the first run. */
export async function countAccounts(store: Store): Promise<number> {
  return (await listAccounts(store)).length;
}

export function summarizeAccount(account: Account, now: Date = new Date()): AccountSummary {
  const { username, display_name, role, unit, disabled } = account;
  const locked_until = isLocked(account, now) ? account.locked_until : null;
  return { username, display_name, role, unit, disabled, locked_until, totp: account.totp_secret !== null };
}

/**
 * Sets a new password (policy checked, the current one refused) and lifts any lock. Throws
 * PermanentError `invalid_account` or `not_found`.
 */
export async function changePassword(
  store: Store,
  username: string,
  newPassword: string,
  by: string,
  now: Date = new Date(),
): Promise<void> {
  const problems = [...passwordProblems(newPassword, username), ...actorProblems(by)];
  if (problems.length > 0) throw invalid(problems);
  const hash = await hashPassword(newPassword);
  const at = toShanghaiIso(now);
  await updateAccount(store, username, async (account) => {
    if (await verifyPassword(newPassword, account.password_hash)) throw invalid(['新密码不能与当前密码相同']);
    const next = {
      ...account,
      password_hash: hash,
      password_changed_at: at,
      failed_logins: 0,
      locked_until: null,
    };
    return { next, result: undefined };
  });
  await audit(store, username, by, at, 'user.passwd', { after: { password_changed_at: at } });
}

/** Disables or re-enables an account; false when it already was. Throws PermanentError `not_found`. */
export async function setDisabled(
  store: Store,
  username: string,
  disabled: boolean,
  by: string,
  now: Date = new Date(),
): Promise<boolean> {
  requireActor(by);
  const changed = await updateAccount(store, username, async (account) =>
    account.disabled === disabled
      ? { next: null, result: false }
      : { next: { ...account, disabled }, result: true },
  );
  if (changed)
    await audit(store, username, by, toShanghaiIso(now), disabled ? 'user.disable' : 'user.enable', {
      before: { disabled: !disabled },
      after: { disabled },
    });
  return changed;
}

/**
 * Gives the account a new TOTP secret (turning TOTP on for any role) and returns the URI to enrol
 * it; the old authenticator stops working. Throws PermanentError `not_found`.
 */
export async function resetTotp(
  store: Store,
  username: string,
  by: string,
  now: Date = new Date(),
): Promise<string> {
  requireActor(by);
  const secret = newTotpSecret();
  await updateAccount(store, username, async (account) => ({
    next: { ...account, totp_secret: secret, totp_last_counter: null },
    result: undefined,
  }));
  await audit(store, username, by, toShanghaiIso(now), 'user.totp-reset', { after: { totp: true } });
  return totpUri(secret, username);
}

function actorProblems(by: string): string[] {
  return by.trim() ? [] : ['须写明操作人'];
}

function requireActor(by: string): void {
  const problems = actorProblems(by);
  if (problems.length > 0) throw invalid(problems);
}

/** Audit entries name what changed; never a password, a hash or a secret. */
function audit(
  store: Store,
  username: string,
  actor: string,
  at: string,
  action: string,
  change: Pick<AuditEntry, 'before' | 'after'>,
): Promise<void> {
  return store.appendAudit({ at, actor, action, target_kind: ACCOUNT_KIND, target_id: username, ...change });
}
