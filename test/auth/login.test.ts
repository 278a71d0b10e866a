import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  changePassword,
  createAccount,
  getAccount,
  LOCKOUT,
  setDisabled,
  verifyLogin,
} from '../../src/auth/accounts.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../src/store/store.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const now = new Date('2026-11-26T10:00:10+08:00');
const PASSWORD = 'Qinghe-2026-冬季';
const seconds = (s: number) => new Date(now.getTime() + s * 1000);

function codeAt(secret: string, at: Date): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at.getTime() });
}

describe('verifyLogin', () => {
  let store: Store;
  beforeEach(async () => {
    store = createEmbeddedStore({
      file: join(await tempDir(), 'l.sqlite'),
      tokenizeForIndex: (t) => [t],
      tokenizeForQuery: (t) => [t],
    });
  });
  afterEach(() => store.close());

  const add = (username: string, role: 'monitor' | 'admin') =>
    createAccount(store, { username, display_name: username, role, password: PASSWORD, createdBy: 't' }, now);

  it('signs in a monitor with the password alone and refuses unknown users and wrong passwords', async () => {
    await add('zhangwei', 'monitor');
    const ok = await verifyLogin(store, 'zhangwei', PASSWORD, null, now);
    expect(ok.ok && ok.account.username).toBe('zhangwei');
    expect(await verifyLogin(store, 'zhangwei', 'Qinghe-2026-夏季', null, now)).toEqual({
      ok: false,
      reason: 'bad_password',
    });
    expect(await verifyLogin(store, 'nobody', PASSWORD, null, now)).toEqual({ ok: false, reason: 'unknown' });
    expect(await verifyLogin(store, '../Etc', PASSWORD, null, now)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('asks an admin for a code: right, wrong, previous window, reused', async () => {
    const { account } = await add('admin', 'admin');
    const secret = account.totp_secret ?? '';
    expect(await verifyLogin(store, 'admin', PASSWORD, null, now)).toEqual({
      ok: false,
      reason: 'totp_required',
    });
    expect(await verifyLogin(store, 'admin', 'Qinghe-2026-夏季', codeAt(secret, now), now)).toMatchObject({
      reason: 'bad_password',
    });
    const wrong = String((Number(codeAt(secret, now)) + 1) % 1_000_000).padStart(6, '0');
    expect(await verifyLogin(store, 'admin', PASSWORD, wrong, now)).toEqual({
      ok: false,
      reason: 'bad_totp',
    });
    const previous = codeAt(secret, seconds(-30));
    expect((await verifyLogin(store, 'admin', PASSWORD, previous, now)).ok).toBe(true);
    // Its step is now used: the same code, and the one before it, are refused.
    expect(await verifyLogin(store, 'admin', PASSWORD, previous, now)).toEqual({
      ok: false,
      reason: 'bad_totp',
    });
    const current = codeAt(secret, now);
    expect((await verifyLogin(store, 'admin', PASSWORD, current, now)).ok).toBe(true);
    expect(await verifyLogin(store, 'admin', PASSWORD, current, seconds(5))).toMatchObject({
      reason: 'bad_totp',
    });
    expect((await verifyLogin(store, 'admin', PASSWORD, codeAt(secret, seconds(30)), seconds(30))).ok).toBe(
      true,
    );
    expect((await getAccount(store, 'admin'))?.failed_logins).toBe(0);
  });

  it(`locks after ${LOCKOUT.failures} failures for ${LOCKOUT.minutes} minutes, audited, then lets the owner in`, async () => {
    await add('zhangwei', 'monitor');
    for (let i = 1; i < LOCKOUT.failures; i++)
      expect(await verifyLogin(store, 'zhangwei', `Wrong-pass-${i}`, null, seconds(i))).toEqual({
        ok: false,
        reason: 'bad_password',
      });
    const fifth = await verifyLogin(store, 'zhangwei', 'Wrong-pass-5', null, seconds(5));
    expect(fifth).toEqual({ ok: false, reason: 'bad_password', locked_until: '2026-11-26T10:15:15+08:00' });
    // Locked: even the right password is refused, without counting.
    expect(await verifyLogin(store, 'zhangwei', PASSWORD, null, seconds(60))).toEqual({
      ok: false,
      reason: 'locked',
      locked_until: '2026-11-26T10:15:15+08:00',
    });
    expect(await verifyLogin(store, 'zhangwei', PASSWORD, null, seconds(5 + 15 * 60 - 1))).toMatchObject({
      reason: 'locked',
    });
    const audit = await store.listAudit({ target_kind: 'account', target_id: 'zhangwei' });
    expect(audit.filter((e) => e.action === 'user.lock')).toEqual([
      expect.objectContaining({ actor: 'system', after: { locked_until: '2026-11-26T10:15:15+08:00' } }),
    ]);
    // After the lock a wrong password starts a new count rather than locking again at once.
    expect(await verifyLogin(store, 'zhangwei', 'Wrong-pass-6', null, seconds(5 + 15 * 60))).toEqual({
      ok: false,
      reason: 'bad_password',
    });
    expect((await verifyLogin(store, 'zhangwei', PASSWORD, null, seconds(5 + 15 * 60 + 1))).ok).toBe(true);
    expect(await getAccount(store, 'zhangwei')).toMatchObject({ failed_logins: 0, locked_until: null });
  });

  it('lifts a lock when the password is reset', async () => {
    await add('zhangwei', 'monitor');
    for (let i = 0; i < LOCKOUT.failures; i++)
      await verifyLogin(store, 'zhangwei', 'Wrong-pass-1', null, now);
    expect(await verifyLogin(store, 'zhangwei', PASSWORD, null, now)).toMatchObject({ reason: 'locked' });
    await changePassword(store, 'zhangwei', 'Another-2026-pass', 'admin', now);
    expect((await verifyLogin(store, 'zhangwei', 'Another-2026-pass', null, now)).ok).toBe(true);
  });

  it('counts wrong codes towards the lock too', async () => {
    const { account } = await add('admin', 'admin');
    const wrong = String((Number(codeAt(account.totp_secret ?? '', now)) + 7) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < LOCKOUT.failures; i++) await verifyLogin(store, 'admin', PASSWORD, wrong, now);
    expect(await verifyLogin(store, 'admin', PASSWORD, null, now)).toMatchObject({ reason: 'locked' });
  });

  it('refuses a disabled account once the password is right, and only then', async () => {
    await add('zhangwei', 'monitor');
    await setDisabled(store, 'zhangwei', true, 'admin', now);
    expect(await verifyLogin(store, 'zhangwei', PASSWORD, null, now)).toEqual({
      ok: false,
      reason: 'disabled',
    });
    expect(await verifyLogin(store, 'zhangwei', 'Wrong-pass-1', null, now)).toEqual({
      ok: false,
      reason: 'bad_password',
    });
    await setDisabled(store, 'zhangwei', false, 'admin', now);
    expect((await verifyLogin(store, 'zhangwei', PASSWORD, null, now)).ok).toBe(true);
  });

  it('lets only one of two simultaneous logins use the same code', async () => {
    const { account } = await add('admin', 'admin');
    const code = codeAt(account.totp_secret ?? '', now);
    const results = await Promise.all([
      verifyLogin(store, 'admin', PASSWORD, code, now),
      verifyLogin(store, 'admin', PASSWORD, code, now),
    ]);
    expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
  });
});
