// Commands that describe the server or the session; most work before login (FEAT, OPTS, HOST).
import { formatListLine } from '../list-format.ts';
import { MLST_FACTS } from '../list-format.ts';
import { confined } from './helpers.ts';
import { VERBS } from './types.ts';
import type { CommandContext, VerbFamily } from './types.ts';

function features(session: CommandContext): string[] {
  const lines = ['Features:'];
  if (session.isTlsAvailable) lines.push('AUTH TLS', 'PBSZ', 'PROT');
  lines.push('EPRT', 'EPSV', 'HOST', 'MDTM', 'MFMT', 'SIZE', 'REST STREAM', 'TVFS', 'UTF8');
  const selected = session.state.mlstFacts;
  lines.push(`MLST ${MLST_FACTS.map((f) => `${f === 'unix.mode' ? 'UNIX.mode' : f}${selected.has(f) ? '*' : ''};`).join('')}`);
  lines.push('End');
  return lines;
}

async function statusLines(session: CommandContext, arg: string): Promise<void> {
  if (arg.trim()) {
    const target = await confined(session).resolveExisting(session.state.cwd, arg.trim());
    const line = formatListLine({ name: target.virtual, stats: target.stats }, Date.now()).trimEnd();
    session.replyRaw(`213-Status of ${target.virtual}:\r\n ${line}\r\n213 End of status\r\n`);
    return;
  }
  const lines = ['FTP server status:', `Connected to ${session.remoteAddress}`];
  lines.push(session.state.username && session.state.isLoggedIn ? `Logged in as ${session.state.username}` : 'Not logged in');
  lines.push(`TYPE: BINARY, control connection ${session.state.isTls ? 'TLS' : 'clear'}, data ${session.state.protection === 'P' ? 'protected' : 'clear'}`);
  const transfer = session.state.transfer;
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
          session.state.mlstFacts = new Set(wanted);
          session.reply(200, `MLST OPTS ${wanted.map((f) => `${f === 'unix.mode' ? 'UNIX.mode' : f};`).join('')}`);
          return;
        }
        default:
          session.reply(501, 'Option not understood.');
      }
    },
  },
  STAT: {
    // Bare STAT describes the session to anyone; STAT <path> is a listing.
    isLoginRequired: (arg) => arg.trim() !== '',
    permission: (arg) => (arg.trim() !== '' ? 'list' : null),
    isAllowedDuringTransfer: true,
    run: (session, arg) => statusLines(session, arg),
  },
  HOST: {
    isLoginRequired: false,
    isArgumentRequired: true,
    isAllowedBeforeTls: true,
    run(session) {
      if (session.state.isLoggedIn || session.state.username !== null) {
        session.reply(503, 'HOST must come before USER.');
        return;
      }
      // One virtual host only: any name is accepted, as RFC 7151 allows.
      session.reply(220, 'Host accepted.');
    },
  },
} satisfies VerbFamily;
