import { Secret, TOTP } from 'otpauth';

/** What authenticator apps show above the code. */
const ISSUER = 'wagewatch';
/** Codes from one step before or after now are accepted, for clocks a little apart. */
const WINDOW = 1;

/** RFC 6238 defaults (SHA-1, 6 digits, 30 s): what every authenticator app understands. */
function totpFor(secret: string, username: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label: username,
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  });
}

/** A fresh random 160-bit secret, in base32 (what the store keeps and apps read). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://totp/…` URI to show once (or as a QR code) when the secret is made. */
export function totpUri(secret: string, username: string): string {
  return totpFor(secret, username).toString();
}

/**
 * The time step a code belongs to when it is right for `now` (±1 step) and newer than the last
 * accepted step; null otherwise. Remembering that step is what stops a code being used twice.
 */
export function matchTotp(
  secret: string,
  code: string,
  now: Date,
  lastCounter: number | null,
): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const totp = totpFor(secret, '');
  const timestamp = now.getTime();
  const delta = totp.validate({ token, timestamp, window: WINDOW });
  if (delta === null) return null;
  const counter = totp.counter({ timestamp }) + delta;
  return lastCounter !== null && counter <= lastCounter ? null : counter;
}
