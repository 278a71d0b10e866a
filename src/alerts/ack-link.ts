import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring links in alert messages that let the person on duty acknowledge an event
 * from their phone. The token carries the event id and expiry, with an HMAC-SHA256 over both;
 * nothing is stored, so any process with the key can check it.
 */
export function ackToken(key: string, eventId: string, expiresAt: Date): string {
  const payload = `${Buffer.from(eventId).toString('base64url')}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${payload}.${sign(key, payload)}`;
}

export type AckTokenCheck =
  | { ok: true; eventId: string; expiresAt: Date }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

export function verifyAckToken(key: string, token: string, now: Date = new Date()): AckTokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3 || !/^\d+$/.test(parts[1] ?? '')) return { ok: false, reason: 'malformed' };
  const [encodedId, expiry, signature] = parts as [string, string, string];
  const expected = Buffer.from(sign(key, `${encodedId}.${expiry}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'bad_signature' };
  const expiresAt = new Date(Number(expiry) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, eventId: Buffer.from(encodedId, 'base64url').toString('utf8'), expiresAt };
}

/** The link a message carries: the console's address, the token, nothing else. */
export function ackUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/ack/${token}`;
}

function sign(key: string, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}
