// Namespace changes: directories, deletion, renaming, metadata. Each change reports fs:change
// with virtual paths, and removals tell the quota handler what was freed. DELE, RMD and RNTO run
// under the path locks uploads use, and measure what they free inside them, so an upload that
// commits at the same moment never sees (or charges) a size that is already stale.
import fs, { promises as fsp } from 'node:fs';
import type { Stats } from 'node:fs';
import { toFtpError } from '../fs/confined-fs.ts';
import { formatTimeVal, parseTimeVal } from '../list-format.ts';
import { withPathLocks } from '../path-locks.ts';
import { FtpError } from '../types.ts';
import type { FsAction, Permission } from '../types.ts';
import { confined, quotePath } from './helpers.ts';
import type { CommandContext, VerbFamily, VerbSpec } from './types.ts';

function lstatOrNull(real: string): Stats | null {
  try {
    return fs.lstatSync(real);
  } catch {
    return null;
  }
}

function emitChange(session: CommandContext, action: FsAction, virtual: string, toPath?: string): void {
  session.emit('fs:change', { session: session.info, action, path: virtual, ...(toPath ? { toPath } : {}) });
}

const MKD: VerbSpec = {
  isArgumentRequired: true,
  permission: 'mkdir',
  async run(session, arg) {
    const target = await confined(session).resolveForWrite(session.state.cwd, arg);
    if (target.stats) throw new FtpError(550, `${target.virtual}: File exists.`);
    await fsp.mkdir(target.real).catch((error: unknown) => {
      throw toFtpError(error, target.virtual);
    });
    emitChange(session, 'mkdir', target.virtual);
    session.reply(257, `${quotePath(target.virtual)} created.`);
  },
};

const RMD: VerbSpec = {
  isArgumentRequired: true,
  permission: 'delete',
  async run(session, arg) {
    const target = await confined(session).resolveExisting(session.state.cwd, arg);
    if (target.virtual === '/') throw new FtpError(550, 'Cannot remove the root directory.');
    if (!target.stats.isDirectory()) throw new FtpError(550, `${target.virtual}: Not a directory.`);
    await withPathLocks([target.real], async () => {
      await fsp.rmdir(target.real).catch((error: unknown) => {
        throw toFtpError(error, target.virtual);
      });
      await session.state.auth?.quota?.onRemoved?.({ path: target.virtual, bytes: 0, files: 0 });
    });
    emitChange(session, 'rmdir', target.virtual);
    session.reply(250, 'Directory removed.');
  },
};

const DELE: VerbSpec = {
  isArgumentRequired: true,
  permission: 'delete',
  async run(session, arg) {
    const target = await confined(session).resolveEntry(session.state.cwd, arg);
    await withPathLocks([target.real], async () => {
      // Measured under the lock: an upload may have replaced the file since it was resolved.
      const stats = lstatOrNull(target.real);
      if (!stats) throw new FtpError(550, `${target.virtual}: No such file or directory.`);
      if (stats.isDirectory()) throw new FtpError(550, `${target.virtual}: Is a directory.`);
      await fsp.unlink(target.real).catch((error: unknown) => {
        throw toFtpError(error, target.virtual);
      });
      await session.state.auth?.quota?.onRemoved?.({ path: target.virtual, bytes: stats.isFile() ? stats.size : 0, files: 1 });
    });
    emitChange(session, 'delete', target.virtual);
    session.reply(250, 'File deleted.');
  },
};

const RNFR: VerbSpec = {
  isArgumentRequired: true,
  permission: 'rename',
  async run(session, arg) {
    const source = await confined(session).resolveEntry(session.state.cwd, arg);
    if (!source.stats) throw new FtpError(550, `${source.virtual}: No such file or directory.`);
    session.state.renameFrom = source.virtual;
    session.reply(350, 'Ready for RNTO.');
  },
};

const RNTO: VerbSpec = {
  isArgumentRequired: true,
  permission: 'rename',
  async run(session, arg) {
    const fromVirtual = session.state.renameFrom;
    session.state.renameFrom = null;
    if (fromVirtual === null) {
      session.reply(503, 'RNFR required first.');
      return;
    }
    const home = confined(session);
    const source = await home.resolveEntry('/', fromVirtual);
    if (!source.stats) throw new FtpError(550, `${source.virtual}: No such file or directory.`);
    const target = await home.resolveEntry(session.state.cwd, arg);
    await withPathLocks([source.real, target.real], async () => {
      // Both measured under the locks, so a file an upload just put at the target is counted.
      if (!lstatOrNull(source.real)) throw new FtpError(550, `${source.virtual}: No such file or directory.`);
      const replaced = target.real === source.real ? null : lstatOrNull(target.real);
      if (replaced?.isDirectory()) throw new FtpError(550, `${target.virtual}: A directory with that name exists.`);
      await fsp.rename(source.real, target.real).catch((error: unknown) => {
        throw toFtpError(error, target.virtual);
      });
      if (replaced) await session.state.auth?.quota?.onRemoved?.({ path: target.virtual, bytes: replaced.isFile() ? replaced.size : 0, files: 1 });
    });
    emitChange(session, 'rename', source.virtual, target.virtual);
    session.reply(250, 'Rename successful.');
  },
};

const SIZE: VerbSpec = {
  isArgumentRequired: true,
  permission: 'read',
  async run(session, arg) {
    const target = await confined(session).resolveExisting(session.state.cwd, arg);
    if (!target.stats.isFile()) throw new FtpError(550, `${target.virtual}: Not a regular file.`);
    session.reply(213, String(target.stats.size));
  },
};

const MDTM: VerbSpec = {
  isArgumentRequired: true,
  permission: 'list',
  async run(session, arg) {
    const target = await confined(session).resolveExisting(session.state.cwd, arg);
    session.reply(213, formatTimeVal(target.stats.mtime));
  },
};

const MFMT: VerbSpec = {
  isArgumentRequired: true,
  permission: 'write',
  async run(session, arg) {
    const space = arg.indexOf(' ');
    const when = parseTimeVal(space < 0 ? '' : arg.slice(0, space));
    if (!when) throw new FtpError(501, 'Syntax: MFMT YYYYMMDDHHMMSS path');
    const target = await confined(session).resolveExisting(session.state.cwd, arg.slice(space + 1));
    await fsp.utimes(target.real, target.stats.atime, when).catch((error: unknown) => {
      throw toFtpError(error, target.virtual);
    });
    emitChange(session, 'mfmt', target.virtual);
    session.reply(213, `Modify=${formatTimeVal(when)}; ${target.virtual}`);
  },
};

/** SITE CHMOD changes files; SITE HELP (and unknown SITE commands, 504) need no permission. */
function sitePermission(arg: string): Permission | null {
  return (arg.split(' ')[0] ?? '').toUpperCase() === 'CHMOD' ? 'write' : null;
}

const SITE: VerbSpec = {
  isArgumentRequired: true,
  permission: sitePermission,
  async run(session, arg) {
    const [sub = '', mode = '', ...rest] = arg.split(' ');
    if (sub.toUpperCase() === 'HELP') {
      session.reply(214, 'SITE commands: CHMOD');
      return;
    }
    if (sub.toUpperCase() !== 'CHMOD') {
      session.reply(504, 'Unknown SITE command.');
      return;
    }
    if (!/^[0-7]{1,4}$/.test(mode) || rest.length === 0) throw new FtpError(501, 'Syntax: SITE CHMOD <octal mode> <path>');
    // setuid/setgid/sticky bits are never granted to clients.
    const bits = parseInt(mode, 8) & 0o777;
    // A world-writable file or folder is writable by every local user and service of the host.
    if (bits & 0o002) throw new FtpError(550, `SITE CHMOD ${mode} refused: world-writable modes are not allowed.`);
    const fs = confined(session);
    const target = await fs.resolveExisting(session.state.cwd, rest.join(' '));
    // The home root's mode belongs to the administrator (also when reached through a symlink).
    if (target.virtual === '/' || target.real === fs.home) throw new FtpError(550, 'SITE CHMOD refused: the home directory itself cannot be changed.');
    await fsp.chmod(target.real, bits).catch((error: unknown) => {
      throw toFtpError(error, target.virtual);
    });
    emitChange(session, 'chmod', target.virtual);
    session.reply(200, 'SITE CHMOD command ok.');
  },
};

export const FILE_COMMANDS = {
  MKD, XMKD: MKD, RMD, XRMD: RMD, DELE, RNFR, RNTO, SIZE, MDTM, MFMT, SITE,
} satisfies VerbFamily;
