import type { AlertNotification } from '../notification.ts';
import type { OperationsNotice } from '../operations-notice.ts';

/**
 * What a channel sends in one request: one notification, or a digest of several when a burst
 * outruns the platform's rate limit (the delivery layer decides; the channel only renders).
 */
export interface ChannelMessage {
  /** Idempotency key of the message (a single notification's key, or a digest's). */
  key: string;
  notifications: readonly AlertNotification[];
}

/** A platform's limits, which the delivery layer keeps to across every worker. */
export interface ChannelLimits {
  /** At most this many messages … */
  messages: number;
  /** … in this many milliseconds (WeCom and DingTalk robots: 20 per minute; Feishu: 5 per second). */
  perMs: number;
  /** Largest body the platform accepts, in bytes of UTF-8; longer text is trimmed or split. */
  maxBytes: number;
}

/**
 * A place alerts go (STYLE.md: small plugins). `send` resolves when the platform accepted the
 * message; it throws PermanentError when retrying cannot help (a revoked key, a 4xx or a
 * platform error code that says so), ThrottledError when the platform says slow down, and
 * anything else when a retry may help (network, 5xx).
 */
export interface Channel {
  name: string;
  limits: ChannelLimits;
  send(message: ChannelMessage): Promise<void>;
  /** Tells the operators about the machinery (a source down); same error contract as `send`. */
  notify(notice: OperationsNotice): Promise<void>;
  close?(): Promise<void>;
}
