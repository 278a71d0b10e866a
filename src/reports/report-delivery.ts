import type { AppConfig } from '../settings/load-config.ts';
import type { GeneratedReport } from './generate-report.ts';
import { mailReport } from './report-mailer.ts';

/** The configured way to mail reports, or null when config/reports.yaml names none. */
export function reportMailerFor(
  config: AppConfig,
): ((report: GeneratedReport) => Promise<{ accepted: string[] }>) | null {
  const { smtp_channel, to } = config.reports.delivery;
  const channel = smtp_channel ? config.routing.channels[smtp_channel] : undefined;
  if (!channel || channel.kind !== 'email' || to.length === 0) return null;
  const password = channel.password_env ? (config.channelSecrets.get(channel.password_env) ?? null) : null;
  return (report) => mailReport(channel, password, to, report);
}
