// Pieces several commands share: reading a password from stdin.
import { DomainError, MIN_PASSWORD_LENGTH } from '@ftp-panel/core';
import type { CommandContext, OptionSpec, ParsedArgs } from '../registry.ts';

export const PASSWORD_STDIN_OPTION: OptionSpec = {
  type: 'boolean',
  description: 'read the password from stdin (all of it, one trailing newline removed); without it a strong password is generated and printed once',
};

export const JSON_OPTION: OptionSpec = { type: 'boolean', description: 'print JSON (the REST API\'s shape) instead of a table' };

/** The password from stdin when --password-stdin is set; undefined = let the service generate one. */
export async function passwordFromStdin(ctx: CommandContext, parsed: ParsedArgs): Promise<string | undefined> {
  if (parsed.options['password-stdin'] !== true) return undefined;
  const password = (await ctx.readStdin()).replace(/\r?\n$/, '');
  // An empty stdin is a mistake (a failed pipe), not a request to generate one.
  if (password === '') throw DomainError.field('VALIDATION_FAILED', 'password', `No password on stdin: it needs at least ${MIN_PASSWORD_LENGTH} characters.`);
  return password;
}

/** A password the command generated: shown once (the warning on stderr, the password on stdout). */
export function printGeneratedPassword(ctx: CommandContext, password: string | undefined): void {
  if (password === undefined) return;
  ctx.stderr('The password is shown once; store it now.\n');
  ctx.stdout(`password: ${password}\n`);
}
