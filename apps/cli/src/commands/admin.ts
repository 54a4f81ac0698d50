// admin add|list: panel administrators (people who sign in to the dashboard).
import { DomainError, generatePassword, isValidUsername, passwordIssue, throwIssues, USERNAME_RULE, inTransaction, prismaErrorCode, type Issue } from '@ftp-panel/core';
import { ADMIN_ROLES, appendChange, createAdmin, findAdminByUsername, listAdmins, recordAudit, type AdminRole } from '@ftp-panel/db';
import { formatDate, formatTable } from '../output.ts';
import { stringOption, type CommandSpec } from '../registry.ts';
import { PASSWORD_STDIN_OPTION, passwordFromStdin } from './common.ts';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

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
    const username = parsed.args.name as string;
    const role = (stringOption(parsed, 'role') ?? 'ADMIN').toUpperCase();
    const email = stringOption(parsed, 'email')?.trim() || null;
    const issues: Issue[] = [];
    if (!isValidUsername(username)) issues.push({ code: 'VALIDATION_FAILED', field: 'username', message: USERNAME_RULE });
    if (!ADMIN_ROLES.includes(role as AdminRole)) issues.push({ code: 'VALIDATION_FAILED', field: 'role', message: `The role is one of ${ADMIN_ROLES.join(', ')}.` });
    if (email !== null && !EMAIL_PATTERN.test(email)) issues.push({ code: 'VALIDATION_FAILED', field: 'email', message: 'Enter an email address like name@example.com.' });
    const given = await passwordFromStdin(ctx, parsed);
    const passwordProblem = given === undefined ? null : passwordIssue(given);
    if (passwordProblem) issues.push(passwordProblem);
    throwIssues(issues);
    if (await findAdminByUsername(ctx.db.prisma, username)) {
      throw DomainError.field('USERNAME_TAKEN', 'username', `An administrator named "${username}" already exists.`);
    }
    const password = given ?? generatePassword();
    const passwordHash = await ctx.service.hasher.hash(password);
    const admin = await inTransaction(ctx.db.prisma, async (tx) => {
      const created = await createAdmin(tx, { username, passwordHash, role: role as AdminRole, email });
      await appendChange(tx, 'admin', created.id);
      await recordAudit(tx, {
        actor: ctx.service.actor ?? { type: 'CLI', name: 'cli' },
        action: 'admin.create',
        targetType: 'admin',
        targetId: username,
        after: { id: created.id, username, role: created.role, email: created.email },
      });
      return created;
    }).catch((error: unknown) => {
      if (prismaErrorCode(error) === 'P2002') throw DomainError.field('USERNAME_TAKEN', 'username', `An administrator named "${username}" already exists.`);
      throw error;
    });
    ctx.stdout(`Administrator ${admin.username} (${admin.role}) created.\n`);
    if (given === undefined) {
      ctx.stderr('The password is shown once; store it now.\n');
      ctx.stdout(`password: ${password}\n`);
    }
  },
};

const list: CommandSpec = {
  name: 'admin list',
  summary: 'list panel administrators',
  async run(ctx) {
    const admins = await listAdmins(ctx.db.prisma);
    if (admins.length === 0) {
      ctx.stdout('No administrators yet.\n');
      return;
    }
    const rows = admins.map((a) => [a.username, a.role, a.status, a.email ?? '-', formatDate(a.lastLoginAt), formatDate(a.createdAt)]);
    ctx.stdout(formatTable(['USERNAME', 'ROLE', 'STATUS', 'EMAIL', 'LAST LOGIN', 'CREATED'], rows));
  },
};

export const ADMIN_COMMANDS: CommandSpec[] = [add, list];
