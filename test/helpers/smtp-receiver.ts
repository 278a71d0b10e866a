import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A reply the test server gives instead of accepting, e.g. `{ code: 550, text: 'No such user' }`. */
export interface SmtpReply {
  code: number;
  text: string;
}

export interface ReceivedMail {
  from: string;
  to: string[];
  user: string | null;
  raw: string;
}

export interface SmtpReceiver {
  port: number;
  mails: ReceivedMail[];
  /** Every RCPT TO the server saw, accepted or not, in order. */
  recipients: string[];
  /** `PLAIN` or `LOGIN`, per successful login. */
  logins: string[];
  close(): Promise<void>;
}

export interface SmtpReceiverOptions {
  /** When set, mail needs a login with one of these user → password pairs. */
  users?: Readonly<Record<string, string>>;
  authMethods?: string[];
  rejectRecipient?: (address: string) => SmtpReply | null;
  rejectData?: () => SmtpReply | null;
}

const replyError = (reply: SmtpReply) => Object.assign(new Error(reply.text), { responseCode: reply.code });

/**
 * A real SMTP server on 127.0.0.1 that records what it receives. No STARTTLS and plaintext
 * AUTH: acceptable on loopback in a test, never anywhere else.
 */
export async function startSmtpReceiver(options: SmtpReceiverOptions = {}): Promise<SmtpReceiver> {
  const mails: ReceivedMail[] = [];
  const recipients: string[] = [];
  const logins: string[] = [];
  const users = options.users;
  const server = new SMTPServer({
    disabledCommands: users ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !users,
    allowInsecureAuth: true,
    authMethods: options.authMethods ?? ['PLAIN', 'LOGIN'],
    disableReverseLookup: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (users && auth.username && users[auth.username] === auth.password) {
        logins.push(auth.method);
        return callback(null, { user: auth.username });
      }
      callback(replyError({ code: 535, text: '5.7.8 Authentication credentials invalid' }));
    },
    onRcptTo(address, _session, callback) {
      recipients.push(address.address);
      const reply = options.rejectRecipient?.(address.address) ?? null;
      callback(reply ? replyError(reply) : null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const reply = options.rejectData?.() ?? null;
        if (reply) return callback(replyError(reply));
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === 'string' ? session.user : null,
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    mails,
    recipients,
    logins,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface ParsedMail {
  /** Unfolded header values by lower-case name, still encoded. */
  headers: Map<string, string>;
  subject: string;
  text: string;
  html: string;
}

/** Enough MIME to read what nodemailer writes: RFC 2047 headers, multipart, base64 and QP. */
export function parseMail(raw: string): ParsedMail {
  const found = { text: '', html: '' };
  const { headers } = readPart(raw, found);
  return { headers, subject: decodeWords(headers.get('subject') ?? ''), ...found };
}

function readPart(raw: string, found: { text: string; html: string }) {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (boundary) {
    for (const part of body.split(`--${boundary}`).slice(1, -1)) readPart(part.replace(/^\r\n/, ''), found);
  } else {
    const decoded = decodeBody(body, headers.get('content-transfer-encoding') ?? '7bit');
    if (/^text\/html/i.test(type)) found.html += decoded;
    else if (/^text\/plain/i.test(type)) found.text += decoded;
  }
  return { headers };
}

function decodeBody(body: string, encoding: string): string {
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(encoding)) return qpBytes(body.replace(/=\r?\n/g, '')).toString('utf8');
  return body;
}

function qpBytes(text: string): Buffer {
  return Buffer.from(
    text.replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    'latin1',
  );
}

/** RFC 2047: adjacent encoded words join without the space between them, bytes before UTF-8. */
export function decodeWords(value: string): string {
  const joined = value.replace(/\?=\s+=\?/g, '?==?');
  return joined.replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)+/g, (run) => {
    const bytes = [...run.matchAll(/=\?[^?]+\?([BbQq])\?([^?]*)\?=/g)].map(([, encoding, data = '']) =>
      encoding?.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : qpBytes(data.replace(/_/g, ' ')),
    );
    return Buffer.concat(bytes).toString('utf8');
  });
}
