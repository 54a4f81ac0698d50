// The command registry: every command declares its words, arguments, options (with help text) and
// whether it needs a migrated database. main.ts parses, checks and dispatches from this table, so
// a new command (session list, ban add, ...) is one CommandSpec added to commands/index.ts.
import type { AppConfig, ServiceContext } from '@ftp-panel/core';
import type { Db } from '@ftp-panel/db';

export type OptionSpec = {
  type: 'string' | 'boolean';
  description: string;
  /** placeholder shown in help, e.g. "N" or "CIDR,..." */
  value?: string;
  short?: string;
};

export type ParsedArgs = {
  /** positional arguments by the names declared in CommandSpec.args */
  args: Record<string, string>;
  options: Record<string, string | boolean | undefined>;
};

export type CliIo = {
  stdout(text: string): void;
  stderr(text: string): void;
  /** All of stdin (for --password-stdin). */
  readStdin(): Promise<string>;
};

export type CommandContext = CliIo & {
  config: AppConfig;
  db: Db;
  /** db, hasher, homes root and the CLI actor, for the core services */
  service: ServiceContext;
};

export type CommandSpec = {
  /** the command words, e.g. "account add" */
  name: string;
  summary: string;
  /** required positional arguments, in order, e.g. ["name"] */
  args?: string[];
  options?: Record<string, OptionSpec>;
  /** extra help text (examples, notes) */
  details?: string;
  /**
   * "migrated" (default): refuses to run while migrations are pending.
   * "unchecked": runs on any database (db migrate, db status).
   */
  database?: 'migrated' | 'unchecked';
  run(ctx: CommandContext, parsed: ParsedArgs): Promise<number | void>;
};

/** Bad command line: exit code 2, nothing was changed. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A refused or failed operation that is not a domain error (exit code 1). */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

export function stringOption(parsed: ParsedArgs, name: string): string | undefined {
  const value = parsed.options[name];
  return typeof value === 'string' ? value : undefined;
}

export function booleanOption(parsed: ParsedArgs, name: string): boolean {
  return parsed.options[name] === true;
}

/** A whole number (negative numbers pass: the domain names the field and refuses them). */
export function integerOption(parsed: ParsedArgs, name: string): number | undefined {
  const value = stringOption(parsed, name);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim())) throw new UsageError(`--${name} expects a whole number, got "${value}"`);
  return Number(value.trim());
}

export function numberOption(parsed: ParsedArgs, name: string): number | undefined {
  const value = stringOption(parsed, name);
  if (value === undefined) return undefined;
  if (!/^-?\d+(\.\d+)?$/.test(value.trim())) throw new UsageError(`--${name} expects a number, got "${value}"`);
  return Number(value.trim());
}

/** "a,b , c" → ["a","b","c"]; "" → [] (clears a list). */
export function listOption(parsed: ParsedArgs, name: string): string[] | undefined {
  const value = stringOption(parsed, name);
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** YYYY-MM-DD → that day at 00:00 UTC; "never" → null. */
export function dateOption(parsed: ParsedArgs, name: string, isNeverAllowed: boolean): Date | null | undefined {
  const value = stringOption(parsed, name)?.trim();
  if (value === undefined) return undefined;
  if (isNeverAllowed && value === 'never') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!date || date.toISOString().slice(0, 10) !== value) {
    throw new UsageError(`--${name} expects a date as YYYY-MM-DD${isNeverAllowed ? ' or "never"' : ''}, got "${value}"`);
  }
  return date;
}
