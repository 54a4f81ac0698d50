// admin passwd: the way back in for an owner locked out of the dashboard. Whoever has the shell
// (and so the database) sets the password; the policy applies and the admin's web sessions end.
import { generatePassword, setAdminPassword } from '@ftp-panel/core';
import type { CommandSpec } from '../registry.ts';
import { PASSWORD_STDIN_OPTION, passwordFromStdin, printGeneratedPassword } from './common.ts';

export const adminPasswdCommand: CommandSpec = {
  name: 'admin passwd',
  summary: "set an administrator's password (policy applies; their web sessions end; prints a generated one once unless --password-stdin)",
  args: ['name'],
  options: { 'password-stdin': PASSWORD_STDIN_OPTION },
  async run(ctx, parsed) {
    const given = await passwordFromStdin(ctx, parsed);
    const password = given ?? generatePassword();
    const admin = await setAdminPassword(
      { db: ctx.db.prisma, hasher: ctx.service.hasher, actor: ctx.service.actor ?? { type: 'CLI', name: 'cli' } },
      parsed.args.name as string,
      password,
    );
    ctx.stdout(`Password of ${admin.username} changed; their dashboard sessions ended.\n`);
    printGeneratedPassword(ctx, given === undefined ? password : undefined);
  },
};
