// ban list|add|lift: IP bans of the FTP service (automatic after failed logins, or set here).
// Running services apply a change within about a second (change feed).
import { banAddress, liftAddressBan, listAddressBans } from '@ftp-panel/core';
import type { BanContext } from '@ftp-panel/core';
import type { Ban } from '@ftp-panel/db';
import { JSON_OPTION } from './common.ts';
import { formatDate, formatJson, formatTable } from '../output.ts';
import { booleanOption, integerOption, stringOption } from '../registry.ts';
import type { CommandContext, CommandSpec } from '../registry.ts';

function banContext(ctx: CommandContext): BanContext {
  return { db: ctx.db, ...(ctx.service.actor ? { actor: ctx.service.actor } : {}) };
}

function banStatus(ban: Ban): string {
  if (ban.liftedAt) return 'lifted';
  return ban.isActive ? 'active' : 'expired';
}

const list: CommandSpec = {
  name: 'ban list',
  summary: 'list IP bans (active ones unless --all)',
  options: {
    all: { type: 'boolean', description: 'include expired and lifted bans' },
    ip: { type: 'string', value: 'IP', description: 'only bans of this address' },
    json: JSON_OPTION,
  },
  async run(ctx, parsed) {
    const ip = stringOption(parsed, 'ip');
    const { items } = await listAddressBans(ctx, { ...(booleanOption(parsed, 'all') ? {} : { isActive: true }), ...(ip ? { ip } : {}), limit: 1000 });
    if (booleanOption(parsed, 'json')) {
      ctx.stdout(formatJson(items));
      return;
    }
    if (items.length === 0) {
      ctx.stdout('No bans.\n');
      return;
    }
    const rows = items.map((b) => [b.id, b.ip, banStatus(b), formatDate(b.createdAt), formatDate(b.expiresAt, 'until lifted'), b.createdBy ?? '-', b.reason]);
    ctx.stdout(formatTable(['ID', 'IP', 'STATUS', 'CREATED', 'EXPIRES', 'BY', 'REASON'], rows));
  },
};

const add: CommandSpec = {
  name: 'ban add',
  summary: 'ban an IP address or CIDR block from the FTP service',
  args: ['ip'],
  options: {
    'duration-sec': { type: 'string', value: 'N', description: 'lift the ban automatically after N seconds (default: until lifted)' },
    reason: { type: 'string', value: 'TEXT', description: 'why (shown in ban list and the panel)' },
  },
  details: 'Example:\n  ftpadmin ban add 203.0.113.9 --duration-sec 86400 --reason "scanner"',
  async run(ctx, parsed) {
    const durationSec = integerOption(parsed, 'duration-sec');
    const reason = stringOption(parsed, 'reason');
    const ban = await banAddress(
      banContext(ctx),
      { ip: parsed.args.ip as string, ...(durationSec !== undefined ? { durationSec } : {}), ...(reason ? { reason } : {}) },
    );
    ctx.stdout(`Banned ${ban.ip} (id ${ban.id}), ${ban.expiresAt ? `until ${formatDate(ban.expiresAt)}` : 'until lifted'}.\n`);
  },
};

const lift: CommandSpec = {
  name: 'ban lift',
  summary: 'lift a ban by its id, or every active ban of an address',
  args: ['ip-or-id'],
  async run(ctx, parsed) {
    const lifted = await liftAddressBan(banContext(ctx), parsed.args['ip-or-id'] as string);
    for (const ban of lifted) ctx.stdout(`Lifted the ban of ${ban.ip} (id ${ban.id}).\n`);
  },
};

export const BAN_COMMANDS: CommandSpec[] = [list, add, lift];
