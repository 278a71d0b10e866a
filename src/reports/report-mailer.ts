import { type EmailChannelConfig, emailChannelOptions } from '../alerts/channels/email-channel.ts';
import { createSmtpTransport } from '../alerts/channels/smtp-transport.ts';
import { PermanentError, TransientError } from '../errors.ts';
import type { Secret } from '../settings/secret.ts';
import type { GeneratedReport } from './generate-report.ts';

const CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  md: 'text/markdown; charset=utf-8',
} as const;

/**
 * Mails a report through the SMTP server of one `email` channel: the HTML as the body (so it
 * reads in any mail client), every format as an attachment. One message per run, to the list.
 */
export async function mailReport(
  channel: EmailChannelConfig,
  password: Secret | null,
  to: readonly string[],
  report: GeneratedReport,
): Promise<{ messageId: string; accepted: string[] }> {
  const options = emailChannelOptions(channel, password);
  const transport = createSmtpTransport(options, false);
  const html = report.files.find((f) => f.format === 'html');
  try {
    const sent = await transport.sendMail({
      from: options.from.name
        ? { name: options.from.name, address: options.from.address }
        : options.from.address,
      to: [...to],
      subject: report.data.title,
      text: `${report.data.title}\n${report.data.issuer}　${report.data.issued_on}\n详见附件。`,
      ...(html ? { html: html.content.toString('utf8') } : {}),
      attachments: report.files.map((f) => ({
        filename: f.name,
        content: f.content,
        contentType: CONTENT_TYPES[f.format],
      })),
    });
    return {
      messageId: sent.messageId,
      accepted: (sent.accepted as (string | { address: string })[]).map((a) =>
        typeof a === 'string' ? a : a.address,
      ),
    };
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    const message = `report mail: ${(error as Error).message}`;
    throw code !== undefined && code >= 500
      ? new PermanentError(message, { cause: error })
      : new TransientError(message, { cause: error });
  } finally {
    transport.close();
  }
}
