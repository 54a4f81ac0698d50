// The chroot: every client path is a POSIX virtual path under "/", mapped onto the account's home
// and checked after symlink resolution, so neither "..", nor a symlink pointing out, nor a real
// server path ever crosses the boundary. Errors carry FTP codes and only virtual paths.
// Metadata calls (realpath, stat) are synchronous on purpose: on a local disk they cost a few
// microseconds, while a libuv threadpool round trip costs a few hundred under load, which
// dominated small-file and many-session latency. File contents still stream asynchronously.
import fs from 'node:fs';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { isTempUploadName } from '../list-format.ts';
import { FtpError } from '../types.ts';

export type ResolvedPath = {
  /** Normalised virtual path, starting with "/". */
  virtual: string;
  /** Real filesystem path, inside the home. */
  real: string;
};

const FORBIDDEN_CHARS = /[\0\r\n]/;

/**
 * Joins a client argument onto the current virtual directory; ".." never climbs above "/".
 * In-flight upload temp files belong to the engine: no session may read, replace or rename
 * another's upload, so their names answer like a missing file (550), or 553 for a new name.
 */
export function toVirtualPath(cwd: string, input: string, tempNameCode: 550 | 553 = 550): string {
  if (FORBIDDEN_CHARS.test(input)) throw new FtpError(501, 'Invalid character in file name.');
  const virtual = path.posix.resolve('/', cwd, input || '.');
  if (isTempUploadName(path.posix.basename(virtual))) {
    throw tempNameCode === 553 ? new FtpError(553, 'File name not allowed.') : new FtpError(550, `${virtual}: No such file or directory.`);
  }
  return virtual;
}

export class ConfinedFs {
  /** Real path of the home, already resolved. */
  readonly home: string;

  private constructor(home: string) {
    this.home = home;
  }

  static async open(home: string): Promise<ConfinedFs> {
    if (!path.isAbsolute(home)) throw new Error('home must be an absolute path');
    const real = fs.realpathSync.native(home);
    const stats = fs.statSync(real);
    if (!stats.isDirectory()) throw new Error('home is not a directory');
    return new ConfinedFs(real);
  }

  /** Real path without touching the disk (for names that are only compared). */
  #lexicalReal(virtual: string): string {
    return virtual === '/' ? this.home : path.join(this.home, ...virtual.split('/').filter(Boolean));
  }

  #isInside(real: string): boolean {
    return real === this.home || real.startsWith(this.home.endsWith(path.sep) ? this.home : this.home + path.sep);
  }

  /** Resolves an existing file or directory, following symlinks, refusing escapes. */
  async resolveExisting(cwd: string, input: string): Promise<ResolvedPath & { stats: Stats }> {
    const virtual = toVirtualPath(cwd, input);
    let real: string;
    try {
      real = fs.realpathSync.native(this.#lexicalReal(virtual));
    } catch (error) {
      throw toFtpError(error, virtual);
    }
    if (!this.#isInside(real)) throw new FtpError(550, `${virtual}: Permission denied.`);
    try {
      return { virtual, real, stats: fs.statSync(real) };
    } catch (error) {
      throw toFtpError(error, virtual);
    }
  }

  /**
   * Resolves a path whose last component may not exist yet (MKD, STOR, RNTO): the parent must
   * exist inside the home; an existing last component that is a symlink must also stay inside.
   */
  async resolveForWrite(cwd: string, input: string): Promise<ResolvedPath & { stats: Stats | null }> {
    const virtual = toVirtualPath(cwd, input, 553);
    if (virtual === '/') throw new FtpError(553, 'Cannot replace the root directory.');
    const parent = await this.resolveExisting('/', path.posix.dirname(virtual));
    if (!parent.stats.isDirectory()) throw new FtpError(553, `${parent.virtual}: Not a directory.`);
    const real = path.join(parent.real, path.posix.basename(virtual));
    let stats: Stats | null = null;
    try {
      const linkStats = fs.lstatSync(real);
      if (linkStats.isSymbolicLink()) {
        let target: string | null = null;
        try {
          target = fs.realpathSync.native(real);
        } catch {
          target = null;
        }
        if (target === null || !this.#isInside(target)) throw new FtpError(550, `${virtual}: Permission denied.`);
        return { virtual, real: target, stats: fs.statSync(target) };
      }
      stats = linkStats;
    } catch (error) {
      if (error instanceof FtpError) throw error;
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw toFtpError(error, virtual);
    }
    return { virtual, real, stats };
  }

  /**
   * Resolves a directory entry itself, without following a final symlink (DELE, RNFR, RNTO act on
   * the link, not on what it points to). Links that lead out of the home, or nowhere, stay refused.
   */
  async resolveEntry(cwd: string, input: string): Promise<ResolvedPath & { stats: Stats | null }> {
    const virtual = toVirtualPath(cwd, input);
    if (virtual === '/') throw new FtpError(550, 'Not allowed on the root directory.');
    const parent = await this.resolveExisting('/', path.posix.dirname(virtual));
    if (!parent.stats.isDirectory()) throw new FtpError(550, `${parent.virtual}: Not a directory.`);
    const real = path.join(parent.real, path.posix.basename(virtual));
    let stats: Stats;
    try {
      stats = fs.lstatSync(real);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { virtual, real, stats: null };
      throw toFtpError(error, virtual);
    }
    if (stats.isSymbolicLink() && !(await this.isRealPathInside(real))) throw new FtpError(550, `${virtual}: Permission denied.`);
    return { virtual, real, stats };
  }

  /** Whether a real path (e.g. a symlink target found while listing) stays inside the home. */
  async isRealPathInside(real: string): Promise<boolean> {
    try {
      return this.#isInside(fs.realpathSync.native(real));
    } catch {
      return false;
    }
  }
}

/** Maps a filesystem error to an FTP error that names only the virtual path. */
export function toFtpError(error: unknown, virtual: string): FtpError {
  if (error instanceof FtpError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new FtpError(550, `${virtual}: No such file or directory.`);
    case 'EACCES':
    case 'EPERM':
      return new FtpError(550, `${virtual}: Permission denied.`);
    case 'EEXIST':
      return new FtpError(550, `${virtual}: File exists.`);
    case 'ENOTEMPTY':
      return new FtpError(550, `${virtual}: Directory not empty.`);
    case 'EISDIR':
      return new FtpError(550, `${virtual}: Is a directory.`);
    case 'EINVAL':
    case 'EXDEV':
    case 'ELOOP':
      return new FtpError(550, `${virtual}: Operation not possible.`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new FtpError(452, 'Insufficient storage space.');
    case 'ENAMETOOLONG':
      return new FtpError(553, 'File name too long.');
    default:
      return new FtpError(451, 'Local error in processing.');
  }
}
