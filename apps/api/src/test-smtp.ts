// Shared by the API's tests: a real SMTP sink on loopback (smtp-server) that keeps every mail, and
// the reset token read out of a mail. Not used in production.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type SinkMail = { to: string[]; text: string };
export type SmtpSink = { port: number; url: string; mails: SinkMail[]; close(): Promise<void>; next(timeoutMs?: number): Promise<SinkMail> };

export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: SinkMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), text: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  let taken = 0;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    async next(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (mails.length <= taken) {
        if (Date.now() > deadline) throw new Error('no email arrived');
        await new Promise((r) => setTimeout(r, 25));
      }
      return mails[taken++] as SinkMail;
    },
  };
}

/** The token of the first `http://panel.test<path>?token=` link in a mail (quoted-printable undone). */
export function tokenInMail(mail: SinkMail, path = '/portal/reset'): string {
  const text = mail.text.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const escaped = path.replace(/\//g, '\\/');
  const match = new RegExp(`http:\\/\\/panel\\.test${escaped}\\?token=([A-Za-z0-9_%-]+)`).exec(text);
  assert.ok(match, `a reset link in the email:\n${text}`);
  return decodeURIComponent(match[1] as string);
}
