// admin add|list: panel administrators (people who sign in to the dashboard).
import { createAdmin, findTwoFactorAdmin, listAdmins, resetTwoFactor } from '@ftp-panel/core';
import { formatDate, formatTable } from '../output.ts';
import { stringOption, type CommandSpec } from '../registry.ts';
import { PASSWORD_STDIN_OPTION, passwordFromStdin } from './common.ts';
import { adminPasswdCommand } from './admin-passwd.ts';

const add: CommandSpec = {
  name: 'admin add',
  summary: 'create a panel administrator (prints a generated password once unless --password-stdin)',
  args: ['name'],
  options: {
    'password-stdin': PASSWORD_STDIN_OPTION,
    role: { type: 'string', value: 'ROLE', description: 'OWNER (everything), ADMIN (default) or SUPPORT (read-only, reset links)' },
    email: { type: 'string', value: 'E', description: 'contact email' },
  },
  async run(ctx, parsed) {
    const password = await passwordFromStdin(ctx, parsed);
    const { admin, generatedPassword } = await createAdmin(
      { db: ctx.db.prisma, hasher: ctx.service.hasher, actor: ctx.service.actor ?? { type: 'CLI', name: 'cli' } },
      { username: parsed.args.name as string, password, role: stringOption(parsed, 'role'), email: stringOption(parsed, 'email') },
    );
    ctx.stdout(`Administrator ${admin.username} (${admin.role}) created.\n`);
    if (generatedPassword !== undefined) {
      ctx.stderr('The password is shown once; store it now.\n');
      ctx.stdout(`password: ${generatedPassword}\n`);
    }
  },
};

const list: CommandSpec = {
  name: 'admin list',
  summary: 'list panel administrators',
  async run(ctx) {
    const admins = await listAdmins({ db: ctx.db.prisma });
    if (admins.length === 0) {
      ctx.stdout('No administrators yet.\n');
      return;
    }
    const rows = admins.map((a) => [a.username, a.role, a.status, a.email ?? '-', formatDate(a.lastLoginAt), formatDate(a.createdAt)]);
    ctx.stdout(formatTable(['USERNAME', 'ROLE', 'STATUS', 'EMAIL', 'LAST LOGIN', 'CREATED'], rows));
  },
};

const resetTwoFactorCommand: CommandSpec = {
  name: 'admin reset-2fa',
  summary: "turn off an administrator's two-factor sign-in (a lost phone); audited",
  args: ['name'],
  async run(ctx, parsed) {
    const db = ctx.db.prisma;
    const admin = await findTwoFactorAdmin({ db }, { username: parsed.args.name as string });
    const { wasEnabled } = await resetTwoFactor({ db, actor: ctx.service.actor ?? { type: 'CLI', name: 'cli' } }, admin);
    ctx.stdout(
      wasEnabled
        ? `Two-factor sign-in of ${admin.name} is off; they sign in with the password and enrol again.\n`
        : `${admin.name} had no two-factor sign-in; nothing changed.\n`,
    );
  },
};

export const ADMIN_COMMANDS: CommandSpec[] = [add, list, resetTwoFactorCommand, adminPasswdCommand];
