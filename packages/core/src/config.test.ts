import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, ConfigError } from './config.ts';

test('defaults run everything on one machine', () => {
  const c = loadConfig({}, '/srv/app');
  assert.equal(c.dataDir, '/srv/app/data');
  assert.equal(c.homesDir, '/srv/app/data/homes');
  assert.equal(c.databaseUrl, undefined);
  assert.equal(c.port, 3000);
  assert.equal(c.ftpPort, 2121);
  assert.equal(c.ftpsPort, null);
  assert.deepEqual(c.pasvRange, { min: 50000, max: 50100 });
  assert.equal(c.publicUrl, 'http://localhost:3000');
  assert.equal(c.credentialCacheTtlSec, 60);
});

test('a bad value names the variable', () => {
  const cases: Array<[Record<string, string>, string]> = [
    [{ PORT: 'eighty' }, 'PORT'],
    [{ FTP_PORT: '70000' }, 'FTP_PORT'],
    [{ FTPS_PORT: '-1' }, 'FTPS_PORT'],
    [{ FTP_PASV_RANGE: '50100-50000' }, 'FTP_PASV_RANGE'],
    [{ FTP_PASV_RANGE: '80-90' }, 'FTP_PASV_RANGE'],
    [{ FTP_PASV_RANGE: '50000-50000' }, 'FTP_PASV_RANGE'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD'],
    [{ FTP_ENABLED: 'maybe' }, 'FTP_ENABLED'],
    [{ CREDENTIAL_CACHE_TTL_SEC: '1.5' }, 'CREDENTIAL_CACHE_TTL_SEC'],
  ];
  for (const [env, variable] of cases) {
    assert.throws(() => loadConfig(env), (err: unknown) => err instanceof ConfigError && err.variable === variable && err.message.startsWith(variable), variable);
  }
});

test('explicit values are taken', () => {
  const c = loadConfig({ DATABASE_URL: 'postgresql://u@h/db', FTPS_PORT: '990', FTP_PASV_RANGE: '40000-40009', PUBLIC_URL: 'https://panel.example.com/' });
  assert.equal(c.databaseUrl, 'postgresql://u@h/db');
  assert.equal(c.ftpsPort, 990);
  assert.deepEqual(c.pasvRange, { min: 40000, max: 40009 });
  assert.equal(c.publicUrl, 'https://panel.example.com');
});

test('log file paths resolve against the working directory', () => {
  const c = loadConfig({ XFERLOG_FILE: 'logs/xferlog', AUTH_LOG_FILE: '/var/log/auth-ftp.log' }, '/srv/app');
  assert.equal(c.xferlogFile, '/srv/app/logs/xferlog');
  assert.equal(c.authLogFile, '/var/log/auth-ftp.log');
});
