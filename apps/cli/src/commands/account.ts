// account add|passwd|set|del|list|show|rescan: FTP accounts, in the spirit of pure-pw.
import {
  accountToJson,
  createAccount,
  deleteAccount,
  getAccount,
  listAccounts,
  rescanAccountUsage,
  setAccountPassword,
  updateAccount,
  type AccountFields,
} from '@ftp-panel/core';
import type { Account } from '@ftp-panel/db';
import { formatJson, formatMiB, MIB } from '../output.ts';
import {
  booleanOption,
  dateOption,
  integerOption,
  listOption,
  numberOption,
  stringOption,
  UsageError,
  type CommandContext,
  type CommandSpec,
  type OptionSpec,
  type ParsedArgs,
} from '../registry.ts';
import { accountDetails, accountTable } from './account-view.ts';
import { JSON_OPTION, PASSWORD_STDIN_OPTION, passwordFromStdin, printGeneratedPassword } from './common.ts';

const FIELD_OPTIONS: Record<string, OptionSpec> = {
  home: { type: 'string', value: 'DIR', description: 'home directory relative to the homes root (default: the account name)' },
  'quota-mb': { type: 'string', value: 'N', description: 'disk quota in MiB (0 = unlimited)' },
  'quota-files': { type: 'string', value: 'N', description: 'maximum number of files (0 = unlimited)' },
  'upload-kbps': { type: 'string', value: 'N', description: 'upload speed limit in KiB/s, shared by all sessions (0 = unlimited)' },
  'download-kbps': { type: 'string', value: 'N', description: 'download speed limit in KiB/s, shared by all sessions (0 = unlimited)' },
  'max-sessions': { type: 'string', value: 'N', description: 'concurrent FTP sessions (0 = unlimited)' },
  email: { type: 'string', value: 'E', description: 'contact email, used for password reset links ("" clears it)' },
  allow: { type: 'string', value: 'CIDR,...', description: 'only these addresses/ranges may log in, IPv4 or IPv6 ("" = any)' },
  deny: { type: 'string', value: 'CIDR,...', description: 'these addresses/ranges may never log in ("" = none)' },
  permissions: { type: 'string', value: 'P,...', description: 'subset of list,read,write,delete,rename,mkdir (default: all)' },
  'require-tls': { type: 'boolean', description: 'refuse logins without TLS (AUTH TLS or implicit FTPS) and file data without PROT P' },
  'tls-session-reuse': {
    type: 'string',
    value: 'required|optional|default',
    description: "whether protected data connections must resume the control connection's TLS session; optional lets in clients that cannot (stock Python ftplib, wget --ftps-implicit); default follows the server setting",
  },
  expires: { type: 'string', value: 'YYYY-MM-DD', description: 'the account stops working on that day (00:00 UTC)' },
  note: { type: 'string', value: 'TEXT', description: 'free text for admins' },
};

const SET_ONLY_OPTIONS: Record<string, OptionSpec> = {
  'no-require-tls': { type: 'boolean', description: 'allow logins without TLS again' },
  disable: { type: 'boolean', description: 'disable the account (logins refused, data kept)' },
  enable: { type: 'boolean', description: 'enable the account again' },
};

/** The account fields given on the command line (absent options are left out: "unchanged"). */
function fieldsFromOptions(parsed: ParsedArgs, isUpdate: boolean): AccountFields {
  const fields: AccountFields = {};
  const home = stringOption(parsed, 'home');
  if (home !== undefined) fields.homeDir = home;
  const quotaMb = numberOption(parsed, 'quota-mb');
  if (quotaMb !== undefined) fields.quotaBytes = Math.round(quotaMb * MIB);
  const numbers = { 'quota-files': 'quotaFiles', 'upload-kbps': 'uploadKiBps', 'download-kbps': 'downloadKiBps', 'max-sessions': 'maxSessions' } as const;
  for (const [option, field] of Object.entries(numbers)) {
    const value = integerOption(parsed, option);
    if (value !== undefined) fields[field] = value;
  }
  const email = stringOption(parsed, 'email');
  if (email !== undefined) fields.email = email.trim() === '' ? null : email;
  const allowed = listOption(parsed, 'allow');
  if (allowed !== undefined) fields.allowedCidrs = allowed;
  const denied = listOption(parsed, 'deny');
  if (denied !== undefined) fields.deniedCidrs = denied;
  const permissions = listOption(parsed, 'permissions');
  if (permissions !== undefined) fields.permissions = permissions;
  const expires = dateOption(parsed, 'expires', isUpdate);
  if (expires !== undefined) fields.expiresAt = expires;
  const note = stringOption(parsed, 'note');
  if (note !== undefined) fields.note = note;
  if (booleanOption(parsed, 'require-tls')) fields.requireTls = true;
  const reuse = stringOption(parsed, 'tls-session-reuse');
  if (reuse !== undefined) fields.isTlsSessionReuseRequired = tlsSessionReuse(reuse, isUpdate);
  if (isUpdate) {
    if (booleanOption(parsed, 'require-tls') && booleanOption(parsed, 'no-require-tls')) {
      throw new UsageError('--require-tls and --no-require-tls exclude each other', 'account set');
    }
    if (booleanOption(parsed, 'no-require-tls')) fields.requireTls = false;
    if (booleanOption(parsed, 'disable') && booleanOption(parsed, 'enable')) throw new UsageError('--disable and --enable exclude each other', 'account set');
    if (booleanOption(parsed, 'disable')) fields.status = 'DISABLED';
    if (booleanOption(parsed, 'enable')) fields.status = 'ACTIVE';
  }
  return fields;
}

const TLS_SESSION_REUSE_VALUES: Record<string, boolean | null> = { required: true, optional: false, default: null };

function tlsSessionReuse(value: string, isUpdate: boolean): boolean | null {
  const choice = TLS_SESSION_REUSE_VALUES[value.trim().toLowerCase()];
  if (choice === undefined) throw new UsageError(`--tls-session-reuse is one of required, optional, default (got "${value}")`, isUpdate ? 'account set' : 'account add');
  return choice;
}

async function allAccounts(ctx: CommandContext, search: string | undefined): Promise<Account[]> {
  const accounts: Account[] = [];
  for (;;) {
    const page = await listAccounts(ctx.service, { search, offset: accounts.length, limit: 500 });
    accounts.push(...page.items);
    if (page.items.length === 0 || accounts.length >= page.total) return accounts;
  }
}

const add: CommandSpec = {
  name: 'account add',
  summary: 'create an FTP account (prints a generated password once unless --password-stdin)',
  args: ['name'],
  options: { 'password-stdin': PASSWORD_STDIN_OPTION, ...FIELD_OPTIONS },
  details: 'Examples:\n  ftpadmin account add alice --quota-mb 1024 --upload-kbps 512\n  printf %s "$PW" | ftpadmin account add bob --password-stdin --allow 203.0.113.0/24',
  async run(ctx, parsed) {
    const fields = fieldsFromOptions(parsed, false);
    const password = await passwordFromStdin(ctx, parsed);
    const { account, generatedPassword } = await createAccount(ctx.service, { ...fields, username: parsed.args.name as string, password });
    ctx.stdout(`Account ${account.username} created (home: ${account.homeDir}).\n`);
    printGeneratedPassword(ctx, generatedPassword);
  },
};

const passwd: CommandSpec = {
  name: 'account passwd',
  summary: "change an account's password (generated and printed once without --password-stdin)",
  args: ['name'],
  options: { 'password-stdin': PASSWORD_STDIN_OPTION },
  async run(ctx, parsed) {
    const password = await passwordFromStdin(ctx, parsed);
    const { generatedPassword } = await setAccountPassword(ctx.service, parsed.args.name as string, password);
    ctx.stdout(`Password of ${parsed.args.name} changed; running FTP services use it at once.\n`);
    printGeneratedPassword(ctx, generatedPassword);
  },
};

const set: CommandSpec = {
  name: 'account set',
  summary: "change an account's limits, lists, status or details",
  args: ['name'],
  options: { ...FIELD_OPTIONS, ...SET_ONLY_OPTIONS, expires: { ...(FIELD_OPTIONS.expires as OptionSpec), value: 'YYYY-MM-DD|never' } },
  details: 'Only the options given change. A quota below the current usage is refused (0 = unlimited is always allowed).\nA new --home starts empty: files are not moved.',
  async run(ctx, parsed) {
    const fields = fieldsFromOptions(parsed, true);
    if (Object.keys(fields).length === 0) throw new UsageError('nothing to change: give at least one option', 'account set');
    const account = await updateAccount(ctx.service, parsed.args.name as string, fields);
    ctx.stdout(`Account ${account.username} updated.\n`);
  },
};

const del: CommandSpec = {
  name: 'account del',
  summary: 'delete an FTP account (its home directory is kept unless --delete-home)',
  args: ['name'],
  options: { 'delete-home': { type: 'boolean', description: 'also delete the home directory and every file in it' } },
  async run(ctx, parsed) {
    const isHomeDeleted = booleanOption(parsed, 'delete-home');
    const account = await deleteAccount(ctx.service, parsed.args.name as string, { deleteHome: isHomeDeleted });
    ctx.stdout(`Account ${account.username} deleted; home directory ${account.homeDir} ${isHomeDeleted ? 'deleted' : 'kept'}.\n`);
  },
};

const list: CommandSpec = {
  name: 'account list',
  summary: 'list FTP accounts',
  options: { json: JSON_OPTION, search: { type: 'string', value: 'TEXT', description: 'only accounts whose name, email or note contains TEXT' } },
  async run(ctx, parsed) {
    const accounts = await allAccounts(ctx, stringOption(parsed, 'search'));
    if (booleanOption(parsed, 'json')) ctx.stdout(formatJson(accounts.map(accountToJson)));
    else if (accounts.length === 0) ctx.stdout('No accounts.\n');
    else ctx.stdout(accountTable(accounts));
  },
};

const show: CommandSpec = {
  name: 'account show',
  summary: 'show one FTP account',
  args: ['name'],
  options: { json: JSON_OPTION },
  async run(ctx, parsed) {
    const account = await getAccount(ctx.service, parsed.args.name as string);
    ctx.stdout(booleanOption(parsed, 'json') ? formatJson(accountToJson(account)) : accountDetails(account));
  },
};

const rescan: CommandSpec = {
  name: 'account rescan',
  summary: 'recount the bytes and files in the home directory and store them as the usage',
  args: ['name'],
  async run(ctx, parsed) {
    const account = await rescanAccountUsage(ctx.service, parsed.args.name as string);
    ctx.stdout(`Account ${account.username} uses ${formatMiB(account.usedBytes)} in ${account.usedFiles} files.\n`);
  },
};

export const ACCOUNT_COMMANDS: CommandSpec[] = [add, passwd, set, del, list, show, rescan];
