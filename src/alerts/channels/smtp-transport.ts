import nodemailer from 'nodemailer';
import type { EmailChannelOptions } from './email-channel.ts';

/**
 * The nodemailer transport for an `email` channel's SMTP server: its TLS rules, login and
 * timeouts, shared by the alert channel (pooled) and report mail (one message, no pool).
 */
export function createSmtpTransport(options: EmailChannelOptions, pooled: boolean) {
  const password = options.auth?.password.reveal() ?? null;
  return nodemailer.createTransport({
    pool: pooled,
    host: options.host,
    port: options.port,
    secure: options.secure,
    requireTLS: !options.secure && options.requireTls,
    auth: options.auth && password !== null ? { user: options.auth.user, pass: password } : undefined,
    connectionTimeout: options.connectionTimeoutMs,
    greetingTimeout: options.greetingTimeoutMs,
    socketTimeout: options.socketTimeoutMs,
    maxConnections: options.maxConnections,
    // The message is built from our own text only: never read a file or fetch a URL for it.
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
  });
}
