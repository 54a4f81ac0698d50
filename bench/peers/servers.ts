// The four servers under test, each on its own loopback control port and passive range, all
// serving the same data set as the same user, with the same session limits and certificate.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAccount, createDb, migrateDatabase, updateServerSettings } from '@ftp-panel/db';
import { createPasswordHasher } from '@ftp-panel/core';
import { mustSync, startDaemon, waitForGreeting } from './system.ts';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '../..');

export type ServerName = 'vsftpd' | 'proftpd' | 'pyftpdlib' | 'product';
export const PEERS: ServerName[] = ['vsftpd', 'proftpd', 'pyftpdlib'];
export const SERVERS: ServerName[] = [...PEERS, 'product'];

export type Endpoint = { name: ServerName; port: number; pasvMin: number; pasvMax: number };

export type Context = {
  work: string;
  /** unpacked Debian packages */
  root: string;
  libraryPath: string;
  /** the data set directory: every server's user home */
  home: string;
  user: string;
  password: string;
  uid: number;
  gid: number;
  cert: string;
  key: string;
  /** max sessions and max sessions per IP, the same for every server */
  limit: number;
};

/** Control port base+21 and passive range base+100..base+599 per server, bases 1000 apart. */
export function endpoints(portBase: number): Record<ServerName, Endpoint> {
  const at = (name: ServerName, i: number): Endpoint => {
    const base = portBase + i * 1000;
    return { name, port: base + 21, pasvMin: base + 100, pasvMax: base + 599 };
  };
  return { product: at('product', 0), vsftpd: at('vsftpd', 1), proftpd: at('proftpd', 2), pyftpdlib: at('pyftpdlib', 3) };
}

export async function startVsftpd(ctx: Context, ep: Endpoint): Promise<void> {
  const dir = path.join(ctx.work, 'vsftpd');
  const empty = path.join(dir, 'empty');
  mkdirSync(empty, { recursive: true });
  chmodSync(empty, 0o755);
  const conf = path.join(dir, 'vsftpd.conf');
  writeFileSync(
    conf,
    [
      'listen=YES',
      'listen_ipv6=NO',
      'listen_address=127.0.0.1',
      `listen_port=${ep.port}`,
      'background=NO',
      'anonymous_enable=NO',
      'local_enable=YES',
      'write_enable=YES',
      'local_umask=022',
      // no /etc/pam.d/<name> file: PAM falls back to "other" (common-auth, pam_unix)
      'pam_service_name=ftp-panel-bench-peers',
      `secure_chroot_dir=${empty}`,
      'pasv_enable=YES',
      `pasv_min_port=${ep.pasvMin}`,
      `pasv_max_port=${ep.pasvMax}`,
      `max_clients=${ctx.limit}`,
      `max_per_ip=${ctx.limit}`,
      // containers often refuse the syscalls the sandbox filter expects
      'seccomp_sandbox=NO',
      'ssl_enable=YES',
      `rsa_cert_file=${ctx.cert}`,
      `rsa_private_key_file=${ctx.key}`,
      // 3.0.3's default (DES-CBC3-SHA) is disabled in OpenSSL 3
      'ssl_ciphers=HIGH',
      'force_local_data_ssl=NO',
      'force_local_logins_ssl=NO',
      'require_ssl_reuse=YES',
      'xferlog_enable=YES',
      `vsftpd_log_file=${path.join(dir, 'vsftpd.log')}`,
      '',
    ].join('\n'),
  );
  const binary = path.join(ctx.root, 'usr/sbin/vsftpd');
  startDaemon('vsftpd', binary, [conf], path.join(dir, 'stdout.log'), { ...process.env, LD_LIBRARY_PATH: ctx.libraryPath });
  await waitForGreeting('vsftpd', ep.port);
}

export async function startProftpd(ctx: Context, ep: Endpoint): Promise<void> {
  const dir = path.join(ctx.work, 'proftpd');
  mkdirSync(dir, { recursive: true });
  const passwd = path.join(dir, 'ftpd.passwd');
  const hash = mustSync('openssl', ['passwd', '-6', '-stdin'], `${ctx.password}\n`).trim();
  writeFileSync(passwd, `${ctx.user}:${hash}:${ctx.uid}:${ctx.gid}::${ctx.home}:/usr/sbin/nologin\n`, { mode: 0o600 });
  const conf = path.join(dir, 'proftpd.conf');
  writeFileSync(
    conf,
    [
      'ServerName "bench-peers"',
      'ServerType standalone',
      'DefaultServer on',
      'DefaultAddress 127.0.0.1',
      `Port ${ep.port}`,
      `PassivePorts ${ep.pasvMin} ${ep.pasvMax}`,
      'User nobody',
      'Group nogroup',
      'Umask 022',
      `MaxInstances ${ctx.limit}`,
      `MaxClients ${ctx.limit}`,
      `MaxClientsPerHost ${ctx.limit}`,
      'UseIPv6 off',
      'UseReverseDNS off',
      'WtmpLog off',
      'RequireValidShell off',
      'AuthOrder mod_auth_file.c',
      `AuthUserFile ${passwd}`,
      'AllowOverwrite on',
      `PidFile ${path.join(dir, 'proftpd.pid')}`,
      `ScoreboardFile ${path.join(dir, 'proftpd.scoreboard')}`,
      `DelayTable ${path.join(dir, 'proftpd.delay')}`,
      `SystemLog ${path.join(dir, 'proftpd.log')}`,
      `TransferLog ${path.join(dir, 'xferlog')}`,
      `ModulePath ${path.join(ctx.root, 'usr/lib/proftpd')}`,
      'LoadModule mod_tls.c',
      'TLSEngine on',
      'TLSRequired off',
      `TLSRSACertificateFile ${ctx.cert}`,
      `TLSRSACertificateKeyFile ${ctx.key}`,
      'TLSVerifyClient off',
      `TLSLog ${path.join(dir, 'tls.log')}`,
      '',
    ].join('\n'),
  );
  const binary = path.join(ctx.root, 'usr/sbin/proftpd');
  startDaemon('proftpd', binary, ['-n', '-c', conf], path.join(dir, 'stdout.log'), { ...process.env, LD_LIBRARY_PATH: ctx.libraryPath });
  await waitForGreeting('proftpd', ep.port);
}

export async function startPyftpdlib(ctx: Context, ep: Endpoint, python: string): Promise<void> {
  const dir = path.join(ctx.work, 'pyftpdlib');
  mkdirSync(dir, { recursive: true });
  const args = [
    path.join(HERE, 'pyftpd_server.py'),
    String(ep.port),
    String(ep.pasvMin),
    String(ep.pasvMax),
    String(ctx.limit),
    ctx.home,
    ctx.user,
    ctx.password,
    ctx.cert,
    ctx.key,
    path.join(dir, 'pyftpdlib.log'),
  ];
  const env = { ...process.env, PYTHONPATH: path.join(ctx.root, 'usr/lib/python3/dist-packages') };
  startDaemon('pyftpdlib', python, args, path.join(dir, 'stdout.log'), env);
  await waitForGreeting('pyftpdlib', ep.port);
}

/**
 * The product as `npm start` runs it (apps/api/src/server.ts: API, FTP service, dashboard when
 * built; SQLite under DATA_DIR; logging at info; credential cache at its default TTL), after an
 * account and the shared limits and certificate were written through the product's own db package.
 */
export async function startProduct(ctx: Context, ep: Endpoint, httpPort: number): Promise<void> {
  const dir = path.join(ctx.work, 'product');
  const dataDir = path.join(dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const db = await createDb({ databaseUrl: undefined, dataDir });
  try {
    await migrateDatabase(db);
    await updateServerSettings(db.prisma, {
      pasvPortMin: ep.pasvMin,
      pasvPortMax: ep.pasvMax,
      maxSessions: ctx.limit,
      maxSessionsPerIp: ctx.limit,
      tlsCertPem: readFileSync(ctx.cert, 'utf8'),
      tlsKeyPem: readFileSync(ctx.key, 'utf8'),
    });
    const passwordHash = await createPasswordHasher().hash(ctx.password);
    await createAccount(db.prisma, { username: ctx.user, passwordHash, homeDir: path.basename(ctx.home) });
  } finally {
    await db.close();
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    DATA_DIR: dataDir,
    HOMES_DIR: path.dirname(ctx.home),
    HOST: '127.0.0.1',
    PORT: String(httpPort),
    FTP_HOST: '127.0.0.1',
    FTP_PORT: String(ep.port),
    FTP_PASV_RANGE: `${ep.pasvMin}-${ep.pasvMax}`,
    LOG_LEVEL: 'info',
  };
  for (const name of ['DATABASE_URL', 'FTPS_PORT', 'ADMIN_USERNAME', 'ADMIN_PASSWORD', 'CREDENTIAL_CACHE_TTL_SEC', 'XFERLOG_FILE', 'AUTH_LOG_FILE']) delete env[name];
  startDaemon('product', process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'apps/api/src/server.ts')], path.join(dir, 'product.log'), env, REPO_ROOT);
  await waitForGreeting('product', ep.port, 180_000);
}
