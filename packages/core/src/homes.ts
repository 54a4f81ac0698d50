// Account homes: always inside the homes root. A requested home is checked lexically (no "..",
// no absolute path elsewhere) and on disk (no symlink along the way may lead out of the root).
import { mkdir, realpath, rm, lstat } from 'node:fs/promises';
import path from 'node:path';

export class HomeDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HomeDirError';
  }
}

export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function isValidUsername(username: string): boolean {
  return USERNAME_PATTERN.test(username) && username !== '.' && username !== '..';
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Turns a requested home (relative to the root, or absolute inside it; empty = the username) into
 * the path stored for the account: relative to the root, POSIX separators, never the root itself.
 */
export async function resolveHomeDir(homesRoot: string, requested: string | undefined | null, username: string): Promise<string> {
  const root = path.resolve(homesRoot);
  const wanted = requested?.trim() ? requested.trim() : username;
  if (wanted.includes('\0')) throw new HomeDirError('home directory contains a NUL byte');
  const absolute = path.resolve(root, wanted);
  if (!isInside(root, absolute) || absolute === root) {
    throw new HomeDirError('home directory must be inside the homes root');
  }
  await assertNoSymlinkEscape(root, absolute);
  return path.relative(root, absolute).split(path.sep).join('/');
}

/** Walks the existing part of the path: every existing component must resolve inside the root. */
async function assertNoSymlinkEscape(root: string, absolute: string): Promise<void> {
  const realRoot = await realpath(root).catch(() => root);
  let current = absolute;
  while (isInside(root, current) && current !== root) {
    const stat = await lstat(current).catch(() => null);
    if (stat) {
      const real = await realpath(current).catch(() => null);
      if (!real || !isInside(realRoot, real)) throw new HomeDirError('home directory leads outside the homes root');
      if (!stat.isDirectory() && !stat.isSymbolicLink()) throw new HomeDirError('home directory exists and is not a directory');
    }
    current = path.dirname(current);
  }
}

/** Absolute path of an account's home (the stored relative path checked again). */
export function homePath(homesRoot: string, homeDir: string): string {
  const root = path.resolve(homesRoot);
  const absolute = path.resolve(root, homeDir);
  if (!isInside(root, absolute) || absolute === root) throw new HomeDirError('home directory must be inside the homes root');
  return absolute;
}

/** Creates the home (owner-only permissions) and returns its real path. */
export async function createHome(homesRoot: string, homeDir: string): Promise<string> {
  await mkdir(homesRoot, { recursive: true, mode: 0o750 });
  const absolute = homePath(homesRoot, homeDir);
  await assertNoSymlinkEscape(path.resolve(homesRoot), absolute);
  await mkdir(absolute, { recursive: true, mode: 0o750 });
  return realpath(absolute);
}

export async function deleteHome(homesRoot: string, homeDir: string): Promise<void> {
  const absolute = homePath(homesRoot, homeDir);
  await assertNoSymlinkEscape(path.resolve(homesRoot), absolute);
  await rm(absolute, { recursive: true, force: true });
}
