import type { Writable } from 'node:stream';
import { renderDigestText, renderNotificationHeadline, renderNotificationText } from '../notification.ts';
import { renderOperationsText } from '../operations-notice.ts';
import type { Channel } from './channel-plugin.ts';

/** Writes alerts to a terminal, for the person watching `wagewatch start` or the demo. */
export function createConsoleChannel(
  name: string,
  deps: { out: Writable; style: 'full' | 'brief' },
): Channel {
  const write = (text: string) =>
    deps.out.write(deps.style === 'brief' ? `${text.split('\n')[0]}\n` : `\n${text}\n`);
  return {
    name,
    // A terminal has no rate limit worth digesting for.
    limits: { messages: 1_000_000, perMs: 1000, maxBytes: 1_000_000 },
    async send({ notifications }) {
      if (notifications.length === 1 && deps.style === 'brief')
        deps.out.write(`${renderNotificationHeadline(notifications[0] as (typeof notifications)[0])}\n`);
      else
        write(
          notifications.length === 1
            ? renderNotificationText(notifications[0] as (typeof notifications)[0])
            : renderDigestText(notifications),
        );
    },
    async notify(notice) {
      write(renderOperationsText(notice));
    },
  };
}
