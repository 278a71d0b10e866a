import type { AlertMessage } from '../alert-message.ts';
import type { OperationsNotice } from '../operations-notice.ts';

/**
 * A place alerts go. `send` resolves when the message was accepted; it throws PermanentError
 * when retrying cannot help (a revoked key) and anything else when it might.
 */
export interface Channel {
  name: string;
  send(alert: AlertMessage): Promise<void>;
  /** Tells the operators about the machinery (a source down); same error contract as `send`. */
  notify(notice: OperationsNotice): Promise<void>;
  close?(): Promise<void>;
}
