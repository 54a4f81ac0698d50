// `ftpadmin`: finds the command in the registry, parses its options strictly, opens the database
// (refusing to work on an unmigrated one) and maps failures to exit codes: 2 for a bad command
// line, 1 for a refused or failed operation. Either way nothing was changed.
import { realpathSync } from 'node:fs';
import { userInfo } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, createPasswordHasher, DomainError, loadConfig, migrationState, openDatabase, type Actor, type Db } from '@ftp-panel/core';
import { COMMANDS } from './commands/index.ts';
import { commandHelp, groupHelp, overviewHelp, PROGRAM } from './help.ts';
import { CommandError, UsageError, type CliIo, type CommandSpec, type ParsedArgs } from './registry.ts';

/** Which option a domain error's field came from, so messages point at what the user typed. */
const FIELD_OPTIONS: Record<string, string> = {
  username: '<name>',
  password: 'password',
  email: '--email',
  status: '--enable/--disable',
  expiresAt: '--expires',
  homeDir: '--home',
  quotaBytes: '--quota-mb',
  quotaFiles: '--quota-files',
  uploadKiBps: '--upload-kbps',
  downloadKiBps: '--download-kbps',
  maxSessions: '--max-sessions',
  allowedCidrs: '--allow',
  deniedCidrs: '--deny',
  permissions: '--permissions',
  requireTls: '--require-tls',
  isTlsSessionReuseRequired: '--tls-session-reuse',
  note: '--note',
  deleteHome: '--delete-home',
  scopes: '--scopes',
  role: '--role',
  name: '<name>',
};

type Match = { spec: CommandSpec; rest: string[] } | { group: string; specs: CommandSpec[]; rest: string[] } | null;

function findCommand(argv: string[]): Match {
  const words: string[] = [];
  for (const arg of argv) {
    if (arg.startsWith('-')) break;
    words.push(arg);
  }
  let best: CommandSpec | undefined;
  for (const spec of COMMANDS) {
    const parts = spec.name.split(' ');
    const isMatch = parts.every((part, i) => words[i] === part);
    if (isMatch && parts.length > (best?.name.split(' ').length ?? 0)) best = spec;
  }
  if (best) return { spec: best, rest: argv.slice(best.name.split(' ').length) };
  const group = words[0];
  const specs = COMMANDS.filter((s) => s.name.split(' ')[0] === group);
  return group && specs.length > 0 ? { group, specs, rest: argv.slice(1) } : null;
}

/** "--quota-mb -5" would be read as a missing value; glue it so the domain can name the problem. */
function glueNegativeValues(spec: CommandSpec, args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const next = args[i + 1];
    const option = arg.startsWith('--') ? spec.options?.[arg.slice(2)] : undefined;
    if (option?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

function parseCommandLine(spec: CommandSpec, rest: string[]): ParsedArgs & { isHelp: boolean } {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, option] of Object.entries(spec.options ?? {})) {
    options[name] = option.short ? { type: option.type, short: option.short } : { type: option.type };
  }
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: glueNegativeValues(spec, rest), options, allowPositionals: true, strict: true }) as {
      values: Record<string, string | boolean | undefined>;
      positionals: string[];
    });
  } catch (error) {
    // Node's message continues with advice about "--" that does not apply here.
    throw new UsageError(((error as Error).message.split('\n')[0] ?? 'invalid options').replace(/\. To specify a positional.*$/, ''), spec.name);
  }
  const isHelp = values.help === true;
  const names = spec.args ?? [];
  if (!isHelp) {
    const missing = names[positionals.length];
    if (missing) throw new UsageError(`missing argument <${missing}>`, spec.name);
    if (positionals.length > names.length) throw new UsageError(`unexpected argument "${positionals[names.length]}"`, spec.name);
  }
  const args = Object.fromEntries(names.map((n, i) => [n, positionals[i] ?? '']));
  return { args, options: values, isHelp };
}

function cliActor(): Actor {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (some containers): the audit still says it came from the CLI
  }
  return { type: 'CLI', id: null, name: `cli:${user}` };
}

async function execute(spec: CommandSpec, parsed: ParsedArgs, io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  const config = loadConfig(env);
  let db: Db | undefined;
  try {
    db = await openDatabase(config, { poolSize: 2 });
    if ((spec.database ?? 'migrated') === 'migrated') {
      const state = await migrationState(db);
      if (!state.isUpToDate) throw new CommandError(`database not migrated: run ${PROGRAM} db migrate (${state.pending.length} migration(s) pending)`);
    }
    const service = { db: db.prisma, hasher: createPasswordHasher(), homesDir: config.homesDir, actor: cliActor() };
    return (await spec.run({ ...io, config, db, service }, parsed)) ?? 0;
  } finally {
    await db?.close();
  }
}

function reportDomainError(error: DomainError, io: CliIo): void {
  const [only, ...others] = error.details;
  if (only && others.length === 0) {
    io.stderr(`${PROGRAM}: ${FIELD_OPTIONS[only.field] ?? only.field}: ${only.message}\n`);
    return;
  }
  io.stderr(`${PROGRAM}: ${error.message}\n`);
  for (const { field, message } of error.details) io.stderr(`  ${FIELD_OPTIONS[field] ?? field}: ${message}\n`);
}

export async function runCli(argv: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const first = argv[0];
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    (first === undefined ? io.stderr : io.stdout)(overviewHelp(COMMANDS));
    return first === undefined ? 2 : 0;
  }
  const match = findCommand(argv);
  try {
    if (!match) throw new UsageError(`unknown command "${first}"`);
    if ('group' in match) {
      const next = match.rest[0];
      if (next === '--help' || next === '-h') {
        io.stdout(groupHelp(match.group, match.specs));
        return 0;
      }
      if (next === undefined) {
        io.stderr(groupHelp(match.group, match.specs));
        return 2;
      }
      throw new UsageError(`unknown command "${match.group} ${next}"; see "${PROGRAM} ${match.group} --help"`);
    }
    const parsed = parseCommandLine(match.spec, match.rest);
    if (parsed.isHelp) {
      io.stdout(commandHelp(match.spec));
      return 0;
    }
    return await execute(match.spec, parsed, io, env);
  } catch (error) {
    if (error instanceof UsageError) {
      const command = error.command ?? (match && 'spec' in match ? match.spec.name : undefined);
      const hint = command ? `${PROGRAM} ${command} --help` : `${PROGRAM} --help`;
      io.stderr(`${PROGRAM}: ${error.message}\nRun "${hint}" for usage.\n`);
      return 2;
    }
    if (error instanceof DomainError) {
      reportDomainError(error, io);
      return 1;
    }
    if (error instanceof ConfigError) {
      io.stderr(`${PROGRAM}: configuration error: ${error.message}\n`);
      return 1;
    }
    io.stderr(`${PROGRAM}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const PROCESS_IO: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: readAllStdin,
};

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

// Imported by tests (runCli in-process); run when started as the program.
if (isEntryPoint()) process.exitCode = await runCli(process.argv.slice(2), PROCESS_IO);
