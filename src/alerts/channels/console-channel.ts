import type { Writable } from 'node:stream';
import { renderAlertLine, renderAlertText } from '../alert-message.ts';
import { renderOperationsText } from '../operations-notice.ts';
import type { Channel } from './channel.ts';

/** Writes alerts to a terminal, for the person watching `wagewatch start` or the demo. */
export function createConsoleChannel(
  name: string,
  deps: { out: Writable; style: 'full' | 'brief' },
): Channel {
  return {
    name,
    async send(alert) {
      deps.out.write(
        deps.style === 'brief' ? `${renderAlertLine(alert)}\n` : `\n${renderAlertText(alert)}\n`,
      );
    },
    async notify(notice) {
      const text = renderOperationsText(notice);
      deps.out.write(deps.style === 'brief' ? `${text.split('\n')[0]}\n` : `\n${text}\n`);
    },
  };
}
