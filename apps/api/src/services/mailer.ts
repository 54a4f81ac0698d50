// Outgoing email over SMTP_URL (from SMTP_FROM). Without SMTP_URL there is no mail, and the API
// says so (GET /api/v1/portal/config, GET /api/v1/settings/smtp) instead of pretending.
import nodemailer from 'nodemailer';
import type { AppConfig } from '@ftp-panel/core';

export type Mail = { to: string; subject: string; text: string };
export type Mailer = { isConfigured: boolean; from: string; send(mail: Mail): Promise<void> };

export function createMailer(config: Pick<AppConfig, 'smtpUrl' | 'smtpFrom'>): Mailer {
  if (!config.smtpUrl) {
    return {
      isConfigured: false,
      from: config.smtpFrom,
      send: () => Promise.reject(new Error('SMTP is not configured (SMTP_URL)')),
    };
  }
  const transport = nodemailer.createTransport(config.smtpUrl);
  return {
    isConfigured: true,
    from: config.smtpFrom,
    async send(mail) {
      await transport.sendMail({ from: config.smtpFrom, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}
