import { describe, expect, it } from 'vitest';
import { ackToken, ackUrl, verifyAckToken } from '../../src/alerts/ack-link.ts';

describe('signed acknowledgement links', () => {
  const now = new Date('2026-11-26T09:00:00+08:00');
  const later = new Date(now.getTime() + 3_600_000);
  const token = ackToken('link-key', 'ev-20261126-abc', later);

  it('round-trips the event id until it expires', () => {
    expect(verifyAckToken('link-key', token, now)).toEqual({
      ok: true,
      eventId: 'ev-20261126-abc',
      expiresAt: new Date(Math.floor(later.getTime() / 1000) * 1000),
    });
    expect(verifyAckToken('link-key', token, new Date(later.getTime() + 1000))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('refuses a token signed with another key, edited, or cut', () => {
    expect(verifyAckToken('other-key', token, now)).toEqual({ ok: false, reason: 'bad_signature' });
    const [id, , sig] = token.split('.');
    expect(
      verifyAckToken('link-key', `${id}.${Math.floor(later.getTime() / 1000) + 86_400}.${sig}`, now),
    ).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyAckToken('link-key', 'nonsense', now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('makes a URL under the console address', () => {
    expect(ackUrl('http://127.0.0.1:8080/', token)).toBe(`http://127.0.0.1:8080/ack/${token}`);
  });
});
