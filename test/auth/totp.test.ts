import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { matchTotp, newTotpSecret, totpUri } from '../../src/auth/totp.ts';

const now = new Date('2026-11-26T10:00:10+08:00');
const at = (offsetSeconds: number) => now.getTime() + offsetSeconds * 1000;

function codeAt(secret: string, timestamp: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp });
}

describe('TOTP', () => {
  const secret = newTotpSecret();
  const step = TOTP.counter({ timestamp: now.getTime() });

  it('makes a 160-bit base32 secret and an otpauth URI for the username', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = totpUri(secret, 'zhangwei');
    expect(uri).toMatch(/^otpauth:\/\/totp\/wagewatch:zhangwei\?/);
    expect(uri).toContain('issuer=wagewatch');
    expect(uri).toContain(`secret=${secret}`);
  });

  it('accepts the current code and the previous and next windows, and says which step', () => {
    expect(matchTotp(secret, codeAt(secret, at(0)), now, null)).toBe(step);
    expect(matchTotp(secret, codeAt(secret, at(-30)), now, null)).toBe(step - 1);
    expect(matchTotp(secret, codeAt(secret, at(30)), now, null)).toBe(step + 1);
    expect(matchTotp(secret, ` ${codeAt(secret, at(0)).replace(/(\d{3})/, '$1 ')}`, now, null)).toBe(step);
  });

  it('refuses wrong, malformed and too old codes', () => {
    const code = codeAt(secret, at(0));
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect(matchTotp(secret, wrong, now, null)).toBeNull();
    expect(matchTotp(secret, 'abcdef', now, null)).toBeNull();
    expect(matchTotp(secret, '', now, null)).toBeNull();
    expect(matchTotp(secret, codeAt(secret, at(-90)), now, null)).toBeNull();
    expect(matchTotp(newTotpSecret(), code, now, null)).toBeNull();
  });

  it('refuses a code of a step already used, or older', () => {
    expect(matchTotp(secret, codeAt(secret, at(0)), now, step)).toBeNull();
    expect(matchTotp(secret, codeAt(secret, at(-30)), now, step)).toBeNull();
    expect(matchTotp(secret, codeAt(secret, at(30)), now, step)).toBe(step + 1);
  });
});
