// LIST, NLST, MLSD over the data connection and MLST over the control connection.
// Directories are read (bounded) before the 150 so errors come back as 550 without a transfer.
import path from 'node:path';
import { formatListLine, formatMlsx, readEntries } from '../list-format.ts';
import type { Entry } from '../list-format.ts';
import { sendText, startTransfer } from '../transfers.ts';
import { FtpError } from '../types.ts';
import { confined } from './helpers.ts';
import type { CommandContext, VerbFamily, VerbSpec } from './types.ts';

type ListTarget = { virtual: string; entries: Entry[]; isTruncated: boolean };

/** Splits `-la dir` style arguments; recursion flags are ignored on purpose. */
function parseListArgument(arg: string): { flags: string; target: string } {
  let rest = arg.trim();
  let flags = '';
  while (rest.startsWith('-')) {
    const space = rest.indexOf(' ');
    flags += space < 0 ? rest.slice(1) : rest.slice(1, space);
    rest = space < 0 ? '' : rest.slice(space + 1).trimStart();
  }
  return { flags, target: rest };
}

async function collect(session: CommandContext, target: string, isHiddenIncluded: boolean): Promise<ListTarget> {
  const fs = confined(session);
  const resolved = await fs.resolveExisting(session.state.cwd, target);
  if (!resolved.stats.isDirectory()) {
    return { virtual: resolved.virtual, entries: [{ name: path.posix.basename(resolved.virtual), stats: resolved.stats }], isTruncated: false };
  }
  const { entries, isTruncated } = await readEntries({
    dirReal: resolved.real,
    isHiddenIncluded,
    maxEntries: session.options.maxListEntries,
    isInsideHome: (real) => fs.isRealPathInside(real),
  });
  return { virtual: resolved.virtual, entries, isTruncated };
}

function sendListing(session: CommandContext, listing: ListTarget, lines: Iterable<string>): void {
  startTransfer(session, {
    direction: 'list',
    path: listing.virtual,
    openingText: 'Here comes the directory listing.',
    successText: listing.isTruncated
      ? `Directory send OK (truncated to ${session.options.maxListEntries} entries).`
      : 'Directory send OK.',
    run: (socket, transfer) => sendText(socket, lines, transfer),
  });
}

function* map<T>(items: readonly T[], format: (item: T) => string): Generator<string> {
  for (const item of items) yield format(item);
}

const LIST: VerbSpec = {
  permission: 'list',
  isDataCommand: true,
  async run(session, arg) {
    const { flags, target } = parseListArgument(arg);
    const listing = await collect(session, target, flags.includes('a'));
    const now = Date.now();
    sendListing(session, listing, map(listing.entries, (entry) => formatListLine(entry, now)));
  },
};

const NLST: VerbSpec = {
  permission: 'list',
  isDataCommand: true,
  async run(session, arg) {
    const { flags, target } = parseListArgument(arg);
    const listing = await collect(session, target, flags.includes('a'));
    sendListing(session, listing, map(listing.entries, (entry) => `${entry.name}\r\n`));
  },
};

const MLSD: VerbSpec = {
  permission: 'list',
  isDataCommand: true,
  async run(session, arg) {
    const fs = confined(session);
    const dir = await fs.resolveExisting(session.state.cwd, arg);
    if (!dir.stats.isDirectory()) throw new FtpError(501, `${dir.virtual}: Not a directory.`);
    const listing = await collect(session, arg, true);
    const { permissions, mlstFacts } = session.state;
    sendListing(session, listing, map(listing.entries, (entry) => `${formatMlsx(entry.name, entry.stats, permissions, mlstFacts)}\r\n`));
  },
};

const MLST: VerbSpec = {
  permission: 'list',
  async run(session, arg) {
    const target = await confined(session).resolveExisting(session.state.cwd, arg);
    const facts = formatMlsx(target.virtual, target.stats, session.state.permissions, session.state.mlstFacts);
    session.replyRaw(`250-Listing ${target.virtual}\r\n ${facts}\r\n250 End\r\n`);
  },
};

export const LISTING_COMMANDS = { LIST, NLST, MLSD, MLST } satisfies VerbFamily;
