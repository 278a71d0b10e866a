import { Writable } from 'node:stream';

/**
 * A terminal with a status line at the bottom and messages scrolling above it. On a TTY the
 * status line is redrawn in place; elsewhere (CI logs) it is printed now and then instead.
 */
export interface TerminalBoard {
  /** A stream whose lines appear above the status line. */
  messages: Writable;
  status(line: string): void;
  /** Leaves the status line as the last printed line. */
  finish(): void;
}

export function createTerminalBoard(
  out: NodeJS.WritableStream & { isTTY?: boolean },
  plainEveryMs = 5000,
): TerminalBoard {
  const tty = out.isTTY === true;
  let current = '';
  let lastPlain = 0;
  const clear = () => tty && current && out.write('\r\x1b[K');
  const redraw = () => tty && current && out.write(current);
  const messages = new Writable({
    write(chunk: Buffer, _encoding, done) {
      clear();
      out.write(chunk.toString('utf8'));
      redraw();
      done();
    },
  });
  return {
    messages,
    status(line) {
      if (tty) {
        clear();
        current = line;
        redraw();
      } else if (Date.now() - lastPlain >= plainEveryMs) {
        lastPlain = Date.now();
        out.write(`${line}\n`);
      }
      current = line;
    },
    finish() {
      if (tty) out.write('\n');
      else if (current) out.write(`${current}\n`);
    },
  };
}
