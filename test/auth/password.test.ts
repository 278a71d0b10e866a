import { describe, expect, it } from 'vitest';
import { hashPassword, PASSWORD_POLICY, passwordProblems, verifyPassword } from '../../src/auth/password.ts';

describe('password hashing', () => {
  it('stores scrypt with its parameters and a fresh salt, and verifies only the right password', async () => {
    const hash = await hashPassword('Qinghe-2026-冬季');
    const [kind, n, r, p, salt, key] = hash.split('$');
    expect([kind, n, r, p]).toEqual(['scrypt', String(2 ** 15), '8', '1']);
    expect(Buffer.from(salt ?? '', 'base64')).toHaveLength(32);
    expect(Buffer.from(key ?? '', 'base64')).toHaveLength(64);
    expect(await verifyPassword('Qinghe-2026-冬季', hash)).toBe(true);
    expect(await verifyPassword('qinghe-2026-冬季', hash)).toBe(false);
    expect(await hashPassword('Qinghe-2026-冬季')).not.toBe(hash);
  });

  it('treats full-width input as the same password (NFKC)', async () => {
    const hash = await hashPassword('Qinghe2026abc');
    expect(await verifyPassword('Ｑｉｎｇｈｅ２０２６ａｂｃ', hash)).toBe(true);
  });

  it('refuses malformed or absurd stored hashes without throwing', async () => {
    const good = await hashPassword('Qinghe-2026-x');
    const parts = good.split('$');
    const variants = [
      '',
      'plain',
      parts.with(0, 'bcrypt').join('$'),
      parts.with(1, String(2 ** 30)).join('$'),
      parts.with(1, '1000').join('$'),
      parts.with(5, 'c2hvcnQ=').join('$'),
    ];
    for (const stored of variants) expect(await verifyPassword('Qinghe-2026-x', stored)).toBe(false);
  });
});

describe('password policy', () => {
  const classes = `密码须包含小写字母、大写字母、数字、其他字符（符号、汉字等）四类中的至少 ${PASSWORD_POLICY.classes} 类`;
  const cases: [string, string, string[]][] = [
    ['Qinghe-2026-x', 'zhangwei', []],
    ['qinghe2026abc', 'zhangwei', [classes]],
    ['qinghe-2026-abc', 'zhangwei', []],
    ['欠薪清零行动2026winter', 'zhangwei', []],
    ['Short-1a', 'zhangwei', ['密码太短：至少 12 个字符']],
    ['abcdefghijkl', 'zhangwei', [classes]],
    ['Zhangwei-2026!', 'zhangwei', ['密码不得包含用户名']],
    ['a1', 'zhangwei', ['密码太短：至少 12 个字符', classes]],
    ['Aa1!'.repeat(40), 'zhangwei', ['密码过长：最多 128 个字符']],
  ];
  it.each(cases)('%s for %s', (password, username, expected) => {
    expect(passwordProblems(password, username)).toEqual(expected);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passwordProblems('欠薪清零A1欠薪清零A1', 'admin')).toEqual([]);
    expect(passwordProblems('𠀀𠀀𠀀𠀀𠀀A1a', 'admin')).toEqual(['密码太短：至少 12 个字符']);
  });
});
