// db migrate|status: the only commands that run on an unmigrated database.
import { migrateDatabase, migrationState, type Db } from '@ftp-panel/core';
import { formatFields } from '../output.ts';
import type { CommandSpec } from '../registry.ts';

/** The database location without a password. */
function describeTarget(db: Db): string {
  if (db.provider === 'sqlite') return db.target;
  try {
    const url = new URL(db.target);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgresql://(unparsable URL)';
  }
}

const migrate: CommandSpec = {
  name: 'db migrate',
  summary: 'apply pending database migrations (safe to repeat)',
  database: 'unchecked',
  async run(ctx) {
    // The schema engine opens the database itself; on SQLite our idle connection can still hold
    // a lock (seen after a failed probe of _prisma_migrations), so it is closed first.
    await ctx.db.close();
    const applied = await migrateDatabase(ctx.db);
    if (applied.length === 0) ctx.stdout('The database is up to date; nothing to apply.\n');
    else ctx.stdout(`Applied ${applied.length} migration(s):\n${applied.map((m) => `  ${m}\n`).join('')}`);
  },
};

const status: CommandSpec = {
  name: 'db status',
  summary: 'show the database and its migration state (exit code 1 while migrations are pending)',
  database: 'unchecked',
  async run(ctx) {
    const state = await migrationState(ctx.db);
    ctx.stdout(
      formatFields([
        ['Provider', ctx.db.provider],
        ['Database', describeTarget(ctx.db)],
        ['Applied', String(state.applied.length)],
        ['Pending', state.pending.length === 0 ? 'none' : state.pending.join(', ')],
        ['State', state.isUpToDate ? 'up to date' : 'migrations pending: run ftpadmin db migrate'],
      ]),
    );
    return state.isUpToDate ? 0 : 1;
  },
};

export const DB_COMMANDS: CommandSpec[] = [migrate, status];
