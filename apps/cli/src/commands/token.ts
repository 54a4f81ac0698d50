// token create|list|revoke: API tokens for provisioning systems.
import { isApiTokenUsable, issueApiToken, listApiTokens, revokeApiToken, TOKEN_SCOPES } from '@ftp-panel/core';
import type { ApiToken } from '@ftp-panel/db';
import { formatDate, formatTable } from '../output.ts';
import { dateOption, listOption, UsageError, type CommandSpec } from '../registry.ts';

function tokenStatus(token: ApiToken): string {
  if (token.revokedAt) return 'revoked';
  return isApiTokenUsable(token) ? 'active' : 'expired';
}

const create: CommandSpec = {
  name: 'token create',
  summary: 'create an API token; the token is printed once, on the last line',
  args: ['name'],
  options: {
    scopes: { type: 'string', value: 'S,...', description: `what the token may do: ${TOKEN_SCOPES.join(', ')}` },
    expires: { type: 'string', value: 'YYYY-MM-DD', description: 'the token stops working on that day (00:00 UTC); default: never' },
  },
  details: 'Example:\n  TOKEN=$(ftpadmin token create billing --scopes accounts:read,accounts:write | tail -n 1)\nUse it as "Authorization: Bearer <token>". Only a SHA-256 hash of it is stored.',
  async run(ctx, parsed) {
    const scopes = listOption(parsed, 'scopes');
    if (scopes === undefined) throw new UsageError('missing --scopes', 'token create');
    const expiresAt = dateOption(parsed, 'expires', false) ?? null;
    const { token, secret } = await issueApiToken(ctx.service, { name: parsed.args.name as string, scopes, expiresAt });
    ctx.stdout(`Token ${token.name} created: id ${token.id}, scopes ${token.scopes.join(',')}, expires ${formatDate(token.expiresAt)}.\n`);
    ctx.stderr('The token is shown once; store it now.\n');
    ctx.stdout(`${secret}\n`);
  },
};

const list: CommandSpec = {
  name: 'token list',
  summary: 'list API tokens (never their secrets)',
  async run(ctx) {
    const tokens = await listApiTokens(ctx.service);
    if (tokens.length === 0) {
      ctx.stdout('No API tokens.\n');
      return;
    }
    const rows = tokens.map((t) => [
      t.id,
      t.name,
      `${t.prefix}...`,
      t.scopes.join(','),
      tokenStatus(t),
      formatDate(t.createdAt),
      formatDate(t.expiresAt),
      formatDate(t.lastUsedAt),
    ]);
    ctx.stdout(formatTable(['ID', 'NAME', 'PREFIX', 'SCOPES', 'STATUS', 'CREATED', 'EXPIRES', 'LAST USED'], rows));
  },
};

const revoke: CommandSpec = {
  name: 'token revoke',
  summary: 'revoke an API token at once (see token list for ids)',
  args: ['id'],
  async run(ctx, parsed) {
    await revokeApiToken(ctx.service, parsed.args.id as string);
    ctx.stdout(`Token ${parsed.args.id} revoked.\n`);
  },
};

export const TOKEN_COMMANDS: CommandSpec[] = [create, list, revoke];
