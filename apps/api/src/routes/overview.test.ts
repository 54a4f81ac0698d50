// The overview's warnings come from the API: nearly full accounts and passive ports held by another
// program (a separate process: ports this process holds count as the FTP service's own).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createAccount, updateServerSettings } from '@ftp-panel/db';
import { testProviders } from '@ftp-panel/db/testing';
import { as, createTestApp, seedAdmin, signIn, type Session, type TestApp } from '../test-support.ts';
import { overviewWarnings, type WarningInputs } from './overview-warnings.ts';

type Warning = { code: string; message: string; severity: string };

async function warningsOf(t: TestApp, session: Session): Promise<Warning[]> {
  const response = await as(t.app, session, { method: 'GET', url: '/api/v1/overview' });
  assert.equal(response.statusCode, 200, response.body);
  return response.json().warnings;
}

/** A listener in another process; resolves with its port. */
function holdPortElsewhere(): Promise<{ port: number; release(): void }> {
  const child = spawn(process.execPath, ['-e', "const s=require('net').createServer().listen(0,'127.0.0.1',()=>console.log(s.address().port))"]);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (d: Buffer) => resolve({ port: Number(d.toString().trim()), release: () => child.kill() }));
  });
}

for (const { provider, skip } of await testProviders()) {
  describe(`overview warnings on ${provider}`, { skip }, () => {
    let t: TestApp;
    let support: Session;
    before(async () => {
      t = await createTestApp(provider);
      await seedAdmin(t, 'helpdesk', 'SUPPORT');
      support = await signIn(t.app, 'helpdesk');
      await updateServerSettings(t.db.prisma, { pasvPortMin: 0, pasvPortMax: 0 });
    });
    after(async () => {
      await t?.close();
    });

    test('no SMTP: an informational warning; nothing else on an empty install', async () => {
      const warnings = await warningsOf(t, support);
      assert.deepEqual(warnings.map((w) => [w.code, w.severity]), [['SMTP_NOT_CONFIGURED', 'info']]);
    });

    test('an account at 96 % of its byte quota is named; 95 % exactly and file quotas below it are not', async () => {
      const base = { passwordHash: 'x', quotaBytes: 1000 };
      await createAccount(t.db.prisma, { ...base, username: 'fullish', homeDir: 'fullish' });
      await createAccount(t.db.prisma, { ...base, username: 'borderline', homeDir: 'borderline' });
      await createAccount(t.db.prisma, { passwordHash: 'x', username: 'unlimited', homeDir: 'unlimited' });
      await t.db.prisma.account.update({ where: { username: 'fullish' }, data: { usedBytes: 960n } });
      await t.db.prisma.account.update({ where: { username: 'borderline' }, data: { usedBytes: 950n } });
      await t.db.prisma.account.update({ where: { username: 'unlimited' }, data: { usedBytes: 10n ** 12n } });
      let near = (await warningsOf(t, support)).find((w) => w.code === 'ACCOUNTS_NEAR_QUOTA');
      assert.ok(near, 'no ACCOUNTS_NEAR_QUOTA');
      assert.match(near.message, /^1 account is .*: fullish\.$/);

      await createAccount(t.db.prisma, { passwordHash: 'x', username: 'manyfiles', homeDir: 'manyfiles', quotaFiles: 100 });
      await t.db.prisma.account.update({ where: { username: 'manyfiles' }, data: { usedFiles: 99 } });
      near = (await warningsOf(t, support)).find((w) => w.code === 'ACCOUNTS_NEAR_QUOTA');
      assert.match(near?.message ?? '', /^2 accounts are .*: fullish, manyfiles\.$/);
    });

    test('certificate: expired, expiring within 30 days, self-signed', async () => {
      const settings = { ...(await t.db.prisma.serverSettings.findFirstOrThrow()), pasvPortMin: 0, pasvPortMax: 0, pasvOverrides: [] };
      const now = Date.UTC(2030, 5, 1);
      const base: WarningInputs = { db: t.db.prisma, settings, certificate: null, homesDisk: null, isMailConfigured: true, ftpHost: '127.0.0.1', ephemeralRangeFile: '/nonexistent', now };
      const codesFor = async (days: number, isSelfSigned: boolean) => {
        const certificate = { subject: 'CN=ftp.example.test', issuer: 'CN=Example CA', validFrom: new Date(0), expiresAt: new Date(now + days * 86_400_000), isSelfSigned, fingerprint256: '' };
        return (await overviewWarnings({ ...base, certificate })).map((w) => w.code).filter((c) => c.startsWith('CERT_'));
      };
      assert.deepEqual(await codesFor(-1, false), ['CERT_EXPIRED']);
      assert.deepEqual(await codesFor(10, false), ['CERT_EXPIRING']);
      assert.deepEqual(await codesFor(90, false), []);
      assert.deepEqual(await codesFor(90, true), ['CERT_SELF_SIGNED']);
      assert.deepEqual((await overviewWarnings(base)).filter((w) => w.code.startsWith('CERT_')), []);
    });

    test('a passive port held by another program gives PASV_PORTS_UNBINDABLE', async () => {
      const held = await holdPortElsewhere();
      try {
        await updateServerSettings(t.db.prisma, { pasvPortMin: held.port, pasvPortMax: held.port + 1 });
        const warning = (await warningsOf(t, support)).find((w) => w.code === 'PASV_PORTS_UNBINDABLE');
        assert.ok(warning, 'no PASV_PORTS_UNBINDABLE');
        assert.match(warning.message, new RegExp(`^1 of 2 passive port\\(s\\) .*\\(${held.port}\\)`));
      } finally {
        held.release();
        await updateServerSettings(t.db.prisma, { pasvPortMin: 0, pasvPortMax: 0 });
      }
    });
  });
}
