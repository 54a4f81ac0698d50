// The process entry: configuration, database (migrated at start), first admin, HTTP listener,
// the dashboard, and graceful shutdown.
import { loadConfig, ConfigError, createPasswordHasher, ensureFirstAdmin } from '@ftp-panel/core';
import { createEventBus, startEventRuntime, startFtpService } from '@ftp-panel/core';
import { migrateDatabase, openDatabase, type FtpService } from '@ftp-panel/core';
import { buildApp } from './app.ts';
import { isWebBuilt, mountWeb } from './web.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const db = await openDatabase(config);
  const applied = await migrateDatabase(db);
  const hasher = createPasswordHasher();
  // One bus per process, shared by the API and the FTP service (started below, once logging exists).
  const bus = createEventBus();
  let ftp: FtpService | null = null;
  const ftpHandle = {
    sessions: () => ftp?.sessions() ?? [],
    kick: (id: string) => ftp?.kick(id) ?? false,
    kickAccount: (name: string) => ftp?.kickAccount(name) ?? 0,
    servedTls: () => ftp?.servedTls() ?? { certPem: null, applyError: null },
  };
  const app = await buildApp(
    { config, db, hasher, bus, ...(config.isFtpEnabled ? { ftp: ftpHandle } : {}) },
    { logger: { level: config.logLevel }, trustProxy: config.trustProxy },
  );
  if (applied.length) app.log.info({ migrations: applied }, 'database migrated');

  const first = await ensureFirstAdmin(db.prisma, config, hasher);
  if (first.kind === 'created') app.log.info({ username: first.admin.username }, 'owner account created from ADMIN_USERNAME');
  if (first.kind === 'setup-link') {
    process.stdout.write(`\n  No administrator yet. Create the owner account with this one-time link:\n\n    ${first.url}\n\n`);
  }

  const events = await startEventRuntime({ db, bus, logger: app.log });
  if (config.isFtpEnabled) ftp = await startFtpService({ config, db, hasher, bus, changes: events.changes, logger: app.log.child({ module: 'ftp' }) });

  const web = isWebBuilt() ? await mountWeb(app) : null;
  if (!web) app.log.warn('apps/web is not built: only the API is served (npm start builds it)');

  await app.listen({ port: config.port, host: config.host });
  process.stdout.write(`  Panel and API: ${config.publicUrl}\n`);

  let isClosing = false;
  const shutdown = async (signal: string) => {
    if (isClosing) return;
    isClosing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.close();
    await web?.close();
    await ftp?.close();
    await events.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
