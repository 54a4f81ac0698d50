// Data connection setup (PASV/EPSV/PORT/EPRT), representation (TYPE/MODE/STRU) and the
// transfer commands. Transfers run in the background; ABOR waits for the 426 before its 226.
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { advertisedIpv4 } from '../data/address.ts';
import { checkActiveTarget, parseEprtArgument, parsePortArgument } from '../data/active.ts';
import type { ActiveTarget } from '../data/active.ts';
import { dataTls, requireDataChannel, sendFile, startTransfer } from '../transfers.ts';
import type { TransferJob } from '../transfers.ts';
import { prepareUpload } from '../upload.ts';
import { FtpError } from '../types.ts';
import { confined } from './helpers.ts';
import type { CommandContext, VerbFamily, VerbSpec } from './types.ts';

function openPassive(session: CommandContext): Promise<number> {
  const { passive, dataTimeoutMs } = session.options;
  return session.dataChannel.openPassive({
    bindHost: session.localAddress,
    expectedPeer: session.remoteAddress,
    portMin: passive.portMin,
    portMax: passive.portMax,
    timeoutMs: dataTimeoutMs,
    onStranger: (address) => session.log('warn', { address }, 'data connection from a foreign address dropped'),
  }, dataTls(session, null));
}

function refuseAfterEpsvAll(session: CommandContext): void {
  if (session.state.isEpsvAll) throw new FtpError(503, 'Only EPSV is allowed after EPSV ALL.');
}

const PASV: VerbSpec = {
  async run(session) {
    refuseAfterEpsvAll(session);
    const { passive } = session.options;
    const ip = await advertisedIpv4({
      clientIp: session.remoteAddress,
      localIp: session.localAddress,
      advertisedHost: passive.advertisedHost,
      overrides: passive.overrides,
    });
    if (ip === null) throw new FtpError(425, 'PASV needs an IPv4 address; use EPSV.');
    const port = await openPassive(session);
    session.reply(227, `Entering Passive Mode (${ip.replace(/\./g, ',')},${port >> 8},${port & 255}).`);
  },
};

const EPSV: VerbSpec = {
  async run(session, arg) {
    const protocol = arg.trim().toUpperCase();
    if (protocol === 'ALL') {
      session.state.isEpsvAll = true;
      session.reply(200, 'EPSV ALL ok.');
      return;
    }
    const family = net.isIPv6(session.localAddress) ? '2' : '1';
    if (protocol !== '' && protocol !== family) throw new FtpError(522, `Network protocol not supported, use (${family}).`);
    const port = await openPassive(session);
    session.reply(229, `Entering Extended Passive Mode (|||${port}|).`);
  },
};

function activeCommand(parse: (arg: string) => ActiveTarget): VerbSpec {
  return {
    isArgumentRequired: true,
    run(session, arg) {
      if (!session.options.isActiveModeAllowed) throw new FtpError(502, 'Active mode is disabled; use PASV or EPSV.');
      refuseAfterEpsvAll(session);
      const target = parse(arg);
      checkActiveTarget(target, session.remoteAddress);
      session.dataChannel.setActive(target, session.localAddress);
      session.reply(200, 'Active data connection set up.');
    },
  };
}

function takeRestOffset(session: CommandContext): number {
  const offset = session.state.restOffset;
  session.state.restOffset = 0;
  return offset;
}

const RETR: VerbSpec = {
  isArgumentRequired: true,
  permission: 'read',
  isDataCommand: true,
  async run(session, arg) {
    const offset = takeRestOffset(session);
    const file = await confined(session).resolveExisting(session.state.cwd, arg);
    if (!file.stats.isFile()) throw new FtpError(550, `${file.virtual}: Not a regular file.`);
    const bucket = session.state.auth?.bandwidth?.download;
    startTransfer(session, {
      direction: 'download',
      path: file.virtual,
      size: Math.max(0, file.stats.size - offset),
      openingText: `Opening BINARY mode data connection for ${file.virtual} (${file.stats.size} bytes).`,
      run: (socket, transfer) => sendFile({ real: file.real, offset, size: file.stats.size, socket, transfer, buckets: bucket ? [bucket] : [] }),
    });
  },
};

function takeAllocation(session: CommandContext): number | null {
  const bytes = session.state.allocatedBytes;
  session.state.allocatedBytes = null;
  return bytes;
}

async function upload(session: CommandContext, arg: string, isAppend: boolean): Promise<void> {
  const offset = takeRestOffset(session);
  const size = takeAllocation(session);
  const target = await confined(session).resolveForWrite(session.state.cwd, arg);
  requireDataChannel(session);
  const job = await prepareUpload(session, { target, offset, isAppend, openingText: `Ok to send data for ${target.virtual}.` });
  await startUpload(session, { ...job, size });
}

/** startTransfer, releasing what prepareUpload took (path lock, quota) if the transfer cannot start. */
async function startUpload(session: CommandContext, job: TransferJob): Promise<void> {
  try {
    startTransfer(session, job);
  } catch (error) {
    await job.finish?.('FAILED');
    throw error;
  }
}

const STOR: VerbSpec = { isArgumentRequired: true, permission: 'write', isDataCommand: true, run: (s, arg) => upload(s, arg, false) };
const APPE: VerbSpec = { isArgumentRequired: true, permission: 'write', isDataCommand: true, run: (s, arg) => upload(s, arg, true) };

const STOU: VerbSpec = {
  permission: 'write',
  isDataCommand: true,
  async run(session, arg) {
    takeRestOffset(session);
    const size = takeAllocation(session);
    const fs = confined(session);
    const base = arg.trim() ? path.posix.basename(arg.trim()) : 'ftp-file';
    for (let attempt = 0; attempt < 10; attempt++) {
      const name = `${base}.${randomBytes(4).toString('hex')}`;
      const target = await fs.resolveForWrite(session.state.cwd, name);
      if (target.stats) continue;
      requireDataChannel(session);
      const job = await prepareUpload(session, {
        target,
        offset: 0,
        isAppend: false,
        openingText: `FILE: ${name}`,
        successText: `Transfer complete (unique file name: ${name}).`,
      });
      await startUpload(session, { ...job, size });
      return;
    }
    throw new FtpError(450, 'Could not find a unique file name.');
  },
};

const REST: VerbSpec = {
  isArgumentRequired: true,
  run(session, arg) {
    if (!/^\d{1,15}$/.test(arg.trim())) throw new FtpError(501, 'REST needs a non-negative byte offset.');
    session.state.restOffset = Number(arg.trim());
    session.reply(350, `Restarting at ${session.state.restOffset}. Send STOR or RETR to initiate transfer.`);
  },
};

const ALLO: VerbSpec = {
  async run(session, arg) {
    const announced = /^\s*(\d+)/.exec(arg)?.[1];
    const bytes = Number(announced ?? 0);
    session.state.allocatedBytes = null;
    await session.state.auth?.quota?.checkAllocation?.(bytes);
    // Kept for the next upload's TransferInfo.size (a progress hint), only when a size was given.
    if (announced !== undefined && Number.isSafeInteger(bytes)) session.state.allocatedBytes = bytes;
    session.reply(202, 'No storage allocation necessary.');
  },
};

const ABOR: VerbSpec = {
  isLoginRequired: false,
  isAllowedDuringTransfer: true,
  async run(session) {
    const transfer = session.state.transfer;
    session.dataChannel.close();
    if (!transfer) {
      session.reply(226, 'No transfer to abort.');
      return;
    }
    transfer.abort('ABORTED');
    await transfer.whenDone();
    session.reply(226, 'ABOR successful.');
  },
};

const TYPE: VerbSpec = {
  isArgumentRequired: true,
  run(session, arg) {
    const type = arg.trim().toUpperCase().replace(/\s+/g, ' ');
    // ASCII is accepted but bytes travel unchanged: rewriting line ends corrupts binaries sent as A.
    if (type === 'A' || type === 'A N') session.reply(200, 'Switching to ASCII mode.');
    else if (type === 'I' || type === 'L 8' || type === 'L') session.reply(200, 'Switching to Binary mode.');
    else session.reply(504, 'Unsupported TYPE.');
  },
};

const MODE: VerbSpec = {
  isArgumentRequired: true,
  run(session, arg) {
    if (arg.trim().toUpperCase() === 'S') session.reply(200, 'Mode set to S.');
    else session.reply(504, 'Only MODE S is supported.');
  },
};

const STRU: VerbSpec = {
  isArgumentRequired: true,
  run(session, arg) {
    if (arg.trim().toUpperCase() === 'F') session.reply(200, 'Structure set to F.');
    else session.reply(504, 'Only STRU F is supported.');
  },
};

export const TRANSFER_COMMANDS = {
  PASV, EPSV, PORT: activeCommand(parsePortArgument), EPRT: activeCommand(parseEprtArgument),
  RETR, STOR, APPE, STOU, REST, ALLO, ABOR, TYPE, MODE, STRU,
} satisfies VerbFamily;

