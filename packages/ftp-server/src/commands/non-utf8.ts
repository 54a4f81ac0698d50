// Arguments that are not valid UTF-8 are refused before any handler runs: decoding them with
// U+FFFD would let two different names reach the same file. The reply code follows RFC 959 for
// the verb: 553 (name not allowed) where a name is being created, 550 where an existing file is
// named (no such name can exist here), 501 (bad argument) for everything else.
import type { CommandContext, Verb } from './types.ts';

const CREATES_NAME: ReadonlySet<Verb> = new Set(['STOR', 'APPE', 'STOU', 'RNTO', 'MKD', 'XMKD']);
const NAMES_EXISTING: ReadonlySet<Verb> = new Set([
  'RETR', 'DELE', 'RMD', 'XRMD', 'CWD', 'XCWD', 'RNFR', 'SIZE', 'MDTM', 'MFMT', 'LIST', 'NLST', 'MLSD', 'MLST', 'STAT', 'SITE',
]);

export function refuseNonUtf8(session: CommandContext, verb: Verb): void {
  if (CREATES_NAME.has(verb)) session.reply(553, 'File name not allowed: it is not valid UTF-8.');
  else if (NAMES_EXISTING.has(verb)) session.reply(550, 'No such file or directory: the name is not valid UTF-8.');
  else session.reply(501, 'Syntax error: the argument is not valid UTF-8.');
}
