import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  changePassword,
  countAccounts,
  createAccount,
  getAccount,
  type NewAccount,
  resetTotp,
  setDisabled,
} from '../../src/auth/accounts.ts';
import { verifyPassword } from '../../src/auth/password.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../src/store/store.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const now = new Date('2026-11-26T10:00:00+08:00');
const PASSWORD = 'Qinghe-2026-冬季';

function spec(overrides: Partial<NewAccount> = {}): NewAccount {
  return {
    username: 'zhangwei',
    display_name: '张伟',
    role: 'monitor',
    password: PASSWORD,
    createdBy: '李娜',
    ...overrides,
  };
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as { code: string; message: string };
}

describe('accounts', () => {
  let store: Store;
  beforeEach(async () => {
    store = createEmbeddedStore({
      file: join(await tempDir(), 'a.sqlite'),
      tokenizeForIndex: (t) => [t],
      tokenizeForQuery: (t) => [t],
    });
  });
  afterEach(() => store.close());

  it('creates a monitor without TOTP and an admin with a secret and its URI', async () => {
    expect(await countAccounts(store)).toBe(0);
    const monitor = await createAccount(store, spec(), now);
    expect(monitor.totpUri).toBeNull();
    expect(monitor.account).toMatchObject({
      username: 'zhangwei',
      role: 'monitor',
      unit: null,
      totp_secret: null,
      totp_required: false,
      totp_last_counter: null,
      disabled: false,
      failed_logins: 0,
      locked_until: null,
      created_at: '2026-11-26T10:00:00+08:00',
      password_changed_at: '2026-11-26T10:00:00+08:00',
      created_by: '李娜',
    });
    expect(await verifyPassword(PASSWORD, monitor.account.password_hash)).toBe(true);
    const admin = await createAccount(store, spec({ username: 'admin', role: 'admin' }), now);
    expect(admin.account.totp_required).toBe(true);
    expect(admin.totpUri).toContain(`secret=${admin.account.totp_secret}`);
    expect(admin.totpUri).toMatch(/^otpauth:\/\/totp\/wagewatch:admin\?/);
    const police = await createAccount(store, spec({ username: 'police.li', role: 'police' }), now);
    expect(police.account.totp_required).toBe(true);
    expect(await countAccounts(store)).toBe(3);
    expect(await getAccount(store, 'admin')).toEqual(admin.account);
    expect(await getAccount(store, 'nobody')).toBeNull();
  });

  const invalid: [string, Partial<NewAccount>, string][] = [
    ['a unit account without its unit', { role: 'unit' }, 'unit 角色须指定所属单位'],
    ['a unit on another role', { unit: '河口镇' }, '只有 unit 角色的账号属于某个单位'],
    ['an upper-case username', { username: 'ZhangWei' }, '用户名须以小写字母开头'],
    ['a too short username', { username: 'zw' }, '用户名须以小写字母开头'],
    ['a username starting with a digit', { username: '1zhang' }, '用户名须以小写字母开头'],
    ['an empty display name', { display_name: ' ' }, '显示名须为 1–40 个字'],
    ['an unknown role', { role: 'root' as NewAccount['role'] }, '未知角色“root”'],
    ['a weak password', { password: 'password' }, '密码太短'],
    ['a password with the username', { password: 'Zhangwei-2026!' }, '密码不得包含用户名'],
    ['no creator', { createdBy: '' }, '须写明操作人'],
  ];
  it.each(invalid)('refuses %s', async (_what, overrides, message) => {
    const error = await refusal(createAccount(store, spec(overrides), now));
    expect(error.code).toBe('invalid_account');
    expect(error.message).toContain(message);
    expect(await countAccounts(store)).toBe(0);
  });

  it('reports every problem at once, and accepts a unit account with its unit', async () => {
    const error = await refusal(
      createAccount(store, spec({ username: 'X', role: 'unit', password: 'x' }), now),
    );
    expect(error.message.split('；').length).toBeGreaterThanOrEqual(4);
    const { account } = await createAccount(store, spec({ role: 'unit', unit: ' 河口镇 ' }), now);
    expect(account.unit).toBe('河口镇');
  });

  it('refuses a duplicate username', async () => {
    await createAccount(store, spec(), now);
    const error = await refusal(createAccount(store, spec({ display_name: '另一个张伟' }), now));
    expect(error.code).toBe('exists');
    expect((await getAccount(store, 'zhangwei'))?.display_name).toBe('张伟');
  });

  it('changes passwords by policy, refusing the current one', async () => {
    await createAccount(store, spec(), now);
    const weak = await refusal(changePassword(store, 'zhangwei', 'short', '李娜', now));
    expect(weak.message).toContain('密码太短');
    const same = await refusal(changePassword(store, 'zhangwei', PASSWORD, '李娜', now));
    expect(same.message).toBe('新密码不能与当前密码相同');
    const missing = await refusal(changePassword(store, 'nobody', 'Another-2026-pass', '李娜', now));
    expect(missing.code).toBe('not_found');
    const later = new Date(now.getTime() + 3_600_000);
    await changePassword(store, 'zhangwei', 'Another-2026-pass', '李娜', later);
    const account = await getAccount(store, 'zhangwei');
    expect(await verifyPassword('Another-2026-pass', account?.password_hash ?? '')).toBe(true);
    expect(account?.password_changed_at).toBe('2026-11-26T11:00:00+08:00');
  });

  it('disables and enables once each, and resets TOTP to a new secret', async () => {
    const { account } = await createAccount(store, spec({ username: 'admin', role: 'admin' }), now);
    expect(await setDisabled(store, 'admin', true, '李娜', now)).toBe(true);
    expect(await setDisabled(store, 'admin', true, '李娜', now)).toBe(false);
    expect((await getAccount(store, 'admin'))?.disabled).toBe(true);
    expect(await setDisabled(store, 'admin', false, '李娜', now)).toBe(true);
    const uri = await resetTotp(store, 'admin', '李娜', now);
    const after = await getAccount(store, 'admin');
    expect(after?.totp_secret).not.toBe(account.totp_secret);
    expect(uri).toContain(`secret=${after?.totp_secret}`);
    expect((await refusal(resetTotp(store, 'nobody', '李娜', now))).code).toBe('not_found');
  });

  it('audits every change without passwords, hashes or secrets', async () => {
    const { account } = await createAccount(store, spec({ username: 'admin', role: 'admin' }), now);
    await changePassword(store, 'admin', 'Another-2026-pass', '李娜', now);
    await setDisabled(store, 'admin', true, '李娜', now);
    await setDisabled(store, 'admin', false, '李娜', now);
    await resetTotp(store, 'admin', '李娜', now);
    const current = await getAccount(store, 'admin');
    const audit = await store.listAudit({ target_kind: 'account' });
    expect(audit.map((e) => e.action).sort()).toEqual(
      ['user.create', 'user.disable', 'user.enable', 'user.passwd', 'user.totp-reset'].sort(),
    );
    expect(audit.every((e) => e.target_id === 'admin')).toBe(true);
    const json = JSON.stringify(audit);
    for (const secret of [
      PASSWORD,
      'Another-2026-pass',
      account.password_hash,
      current?.password_hash,
      account.totp_secret,
      current?.totp_secret,
      'scrypt$',
    ])
      expect(json).not.toContain(secret);
  });
});
