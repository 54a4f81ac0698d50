// @ftp-panel/db: the Prisma client factory, migrations and the repositories.
export * from './client.ts';
export * from './migrate.ts';
export * from './transactions.ts';
export * from './repositories/accounts.ts';
export * from './repositories/account-homes.ts';
export * from './repositories/admins.ts';
export * from './repositories/web-sessions.ts';
export * from './repositories/password-resets.ts';
export * from './repositories/settings.ts';
export * from './repositories/tokens.ts';
export * from './repositories/changes.ts';
export * from './repositories/setup.ts';
export * from './repositories/audit.ts';
export * from './repositories/bans.ts';
export * from './repositories/logins.ts';
export * from './repositories/transfers.ts';
export * from './repositories/webhooks.ts';
