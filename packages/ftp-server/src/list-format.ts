// Directory reading and the three listing formats (LIST's `ls -l`, NLST names, MLSD/MLST facts).
// Owner and group are always "ftp": numeric uids and real paths are none of the client's business.
import fs from 'node:fs';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Permission } from './types.ts';

export type Entry = { name: string; stats: Stats };

export const TEMP_UPLOAD_PREFIX = '.ftp-upload-';
export const TEMP_UPLOAD_SUFFIX = '.part';

export function isTempUploadName(name: string): boolean {
  return name.startsWith(TEMP_UPLOAD_PREFIX) && name.endsWith(TEMP_UPLOAD_SUFFIX);
}

// Stat calls run synchronously in small batches: far faster than one promise per entry for big
// directories, while the event loop still gets a turn every batch.
const STAT_BATCH = 512;

/** Reads a directory with stats, skipping temp uploads, broken links and links leaving the home. */
export async function readEntries(input: {
  dirReal: string;
  isHiddenIncluded: boolean;
  maxEntries: number;
  isInsideHome(real: string): Promise<boolean>;
}): Promise<{ entries: Entry[]; isTruncated: boolean }> {
  const dirents = await fs.promises.readdir(input.dirReal, { withFileTypes: true });
  const entries: Entry[] = [];
  let isTruncated = false;
  for (let i = 0; i < dirents.length; i++) {
    const dirent = dirents[i] as fs.Dirent;
    const name = dirent.name;
    if (isTempUploadName(name) || (!input.isHiddenIncluded && name.startsWith('.'))) continue;
    if (entries.length >= input.maxEntries) {
      isTruncated = true;
      break;
    }
    const real = path.join(input.dirReal, name);
    if (dirent.isSymbolicLink() && !(await input.isInsideHome(real))) continue;
    const stats = fs.statSync(real, { throwIfNoEntry: false });
    if (stats) entries.push({ name, stats });
    if (i % STAT_BATCH === STAT_BATCH - 1) await yieldToLoop();
  }
  return { entries, isTruncated };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const SIX_MONTHS_MS = 182 * 24 * 3600 * 1000;

function modeString(stats: Stats): string {
  const type = stats.isDirectory() ? 'd' : stats.isSymbolicLink() ? 'l' : '-';
  const bits = 'rwxrwxrwx';
  let out = type;
  for (let i = 0; i < 9; i++) out += stats.mode & (1 << (8 - i)) ? bits[i] : '-';
  return out;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `ls -l` style date: time for the last six months, the year otherwise (or when in the future). */
function listDate(mtime: Date, now: number): string {
  const month = MONTHS[mtime.getUTCMonth()];
  const day = String(mtime.getUTCDate()).padStart(2, ' ');
  const age = now - mtime.getTime();
  if (age < 0 || age > SIX_MONTHS_MS) return `${month} ${day}  ${mtime.getUTCFullYear()}`;
  return `${month} ${day} ${pad2(mtime.getUTCHours())}:${pad2(mtime.getUTCMinutes())}`;
}

export function formatListLine(entry: Entry, now: number): string {
  const { stats } = entry;
  const size = String(stats.size).padStart(12, ' ');
  return `${modeString(stats)} ${String(stats.nlink).padStart(3, ' ')} ftp      ftp      ${size} ${listDate(stats.mtime, now)} ${entry.name}\r\n`;
}

/** YYYYMMDDHHMMSS in UTC, as MDTM and the MLSx modify fact want it. */
export function formatTimeVal(date: Date): string {
  return (
    String(date.getUTCFullYear()).padStart(4, '0') +
    pad2(date.getUTCMonth() + 1) +
    pad2(date.getUTCDate()) +
    pad2(date.getUTCHours()) +
    pad2(date.getUTCMinutes()) +
    pad2(date.getUTCSeconds())
  );
}

/** Parses YYYYMMDDHHMMSS[.sss] (UTC) or returns null. */
export function parseTimeVal(text: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,3}))?$/.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  return Number.isNaN(date.getTime()) || date.getUTCMonth() !== mo - 1 ? null : date;
}

export const MLST_FACTS = ['type', 'size', 'modify', 'perm', 'unique', 'unix.mode'] as const;

function permFact(stats: Stats, permissions: ReadonlySet<Permission>): string {
  let perm = '';
  if (stats.isDirectory()) {
    if (permissions.has('write')) perm += 'c';
    if (permissions.has('list')) perm += 'el';
    if (permissions.has('mkdir')) perm += 'm';
    if (permissions.has('delete')) perm += 'dp';
    if (permissions.has('rename')) perm += 'f';
  } else {
    if (permissions.has('write')) perm += 'aw';
    if (permissions.has('read')) perm += 'r';
    if (permissions.has('delete')) perm += 'd';
    if (permissions.has('rename')) perm += 'f';
  }
  return perm;
}

/** "fact=value;...; name" for MLSD lines and MLST (where name is the virtual path). */
export function formatMlsx(
  name: string,
  stats: Stats,
  permissions: ReadonlySet<Permission>,
  facts: ReadonlySet<string>,
  type?: 'cdir' | 'pdir',
): string {
  let out = '';
  if (facts.has('type')) out += `type=${type ?? (stats.isDirectory() ? 'dir' : 'file')};`;
  if (facts.has('size') && !stats.isDirectory()) out += `size=${stats.size};`;
  if (facts.has('modify')) out += `modify=${formatTimeVal(stats.mtime)};`;
  if (facts.has('perm')) out += `perm=${permFact(stats, permissions)};`;
  if (facts.has('unique')) out += `unique=${stats.dev.toString(16)}g${stats.ino.toString(16)};`;
  if (facts.has('unix.mode')) out += `UNIX.mode=0${(stats.mode & 0o777).toString(8)};`;
  return `${out} ${name}`;
}
