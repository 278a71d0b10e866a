import type { AlertMessage } from '../alert-message.ts';

/**
 * A place alerts go. `send` resolves when the message was accepted; it throws PermanentError
 * when retrying cannot help (a revoked key) and anything else when it might.
 */
export interface Channel {
  name: string;
  send(alert: AlertMessage): Promise<void>;
  close?(): Promise<void>;
}
