// Commands that describe the server or the session; most work before login (FEAT, OPTS, HOST).
import { formatListLine } from '../listing.ts';
import { MLST_FACTS } from '../listing.ts';
import { FtpError } from '../types.ts';
import type { FtpSession } from '../session.ts';
import { confined } from './helpers.ts';
import { VERBS } from './types.ts';
import type { CommandFamily } from './types.ts';

function features(session: FtpSession): string[] {
  const lines = ['Features:'];
  if (session.host.hasTls) lines.push('AUTH TLS', 'PBSZ', 'PROT');
  lines.push('EPRT', 'EPSV', 'HOST', 'MDTM', 'MFMT', 'SIZE', 'REST STREAM', 'TVFS', 'UTF8');
  const selected = session.mlstFacts;
  lines.push(`MLST ${MLST_FACTS.map((f) => `${f === 'unix.mode' ? 'UNIX.mode' : f}${selected.has(f) ? '*' : ''};`).join('')}`);
  lines.push('End');
  return lines;
}

async function statusLines(session: FtpSession, arg: string): Promise<void> {
  if (arg.trim()) {
    if (!session.isLoggedIn) throw new FtpError(530, 'Please login with USER and PASS.');
    if (!session.permissions.has('list')) throw new FtpError(550, 'Permission denied.');
    const target = await confined(session).resolveExisting(session.cwd, arg.trim());
    const line = formatListLine({ name: target.virtual, stats: target.stats }, Date.now()).trimEnd();
    session.replyRaw(`213-Status of ${target.virtual}:\r\n ${line}\r\n213 End of status\r\n`);
    return;
  }
  const lines = ['FTP server status:', `Connected to ${session.remoteAddress}`];
  lines.push(session.username && session.isLoggedIn ? `Logged in as ${session.username}` : 'Not logged in');
  lines.push(`TYPE: BINARY, control connection ${session.isTls ? 'TLS' : 'clear'}, data ${session.protection === 'P' ? 'protected' : 'clear'}`);
  const transfer = session.transfer;
  if (transfer) lines.push(`Transfer in progress: ${transfer.direction} ${transfer.path}, ${transfer.bytes} bytes`);
  lines.push('End of status');
  session.reply(211, lines);
}

export const INFO_COMMANDS = {
  NOOP: {
    isLoginRequired: false,
    isAllowedBeforeTls: true,
    isAllowedDuringTransfer: true,
    run: (session) => session.reply(200, 'NOOP ok.'),
  },
  SYST: { isLoginRequired: false, isAllowedBeforeTls: true, run: (session) => session.reply(215, 'UNIX Type: L8') },
  FEAT: { isLoginRequired: false, isAllowedBeforeTls: true, run: (session) => session.reply(211, features(session)) },
  HELP: {
    isLoginRequired: false,
    isAllowedBeforeTls: true,
    run(session) {
      const lines = ['The following commands are recognized:'];
      for (let i = 0; i < VERBS.length; i += 12) lines.push(VERBS.slice(i, i + 12).join(' '));
      lines.push('Help OK.');
      session.reply(214, lines);
    },
  },
  OPTS: {
    isLoginRequired: false,
    isArgumentRequired: true,
    isAllowedBeforeTls: true,
    run(session, arg) {
      const [option = '', ...rest] = arg.trim().split(/\s+/);
      const value = rest.join(' ');
      switch (option.toUpperCase()) {
        case 'UTF8':
        case 'UTF-8':
          // Paths are always UTF-8; OFF is accepted but changes nothing.
          session.reply(200, `UTF8 mode ${value.toUpperCase() === 'OFF' ? 'off' : 'on'}.`);
          return;
        case 'MLST': {
          const wanted = value.toLowerCase().split(';').filter((f) => (MLST_FACTS as readonly string[]).includes(f));
          session.mlstFacts = new Set(wanted);
          session.reply(200, `MLST OPTS ${wanted.map((f) => `${f === 'unix.mode' ? 'UNIX.mode' : f};`).join('')}`);
          return;
        }
        default:
          session.reply(501, 'Option not understood.');
      }
    },
  },
  STAT: { isLoginRequired: false, isAllowedDuringTransfer: true, run: (session, arg) => statusLines(session, arg) },
  HOST: {
    isLoginRequired: false,
    isArgumentRequired: true,
    isAllowedBeforeTls: true,
    run(session) {
      if (session.isLoggedIn || session.username !== null) {
        session.reply(503, 'HOST must come before USER.');
        return;
      }
      // One virtual host only: any name is accepted, as RFC 7151 allows.
      session.reply(220, 'Host accepted.');
    },
  },
} satisfies CommandFamily;
