// Bans, settings (validation, warnings, TLS upload, passive diagnostics), tokens and scopes,
// admins (the last owner stays), the audit log.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getServerSettings } from '@ftp-panel/db';
import { testProviders } from '@ftp-panel/db/testing';
import { as, bearer, createTestApp, errorOf, seedAdmin, signIn, type Session, type TestApp } from '../test-support.ts';

function makeCertificates(): { valid: { cert: string; key: string }; other: { cert: string; key: string }; expired: { cert: string; key: string } } {
  const dir = mkdtempSync(path.join(tmpdir(), 'api-certs-'));
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');
  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'valid.key', '-out', 'valid.crt', '-days', '30', '-subj', '/CN=ftp.example.test');
  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'other.key', '-out', 'other.crt', '-days', '30', '-subj', '/CN=other.example.test');
  run('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'old.key', '-out', 'old.csr', '-subj', '/CN=old.example.test');
  writeFileSync(path.join(dir, 'index.txt'), '');
  writeFileSync(path.join(dir, 'serial'), '01\n');
  writeFileSync(path.join(dir, 'ca.cnf'), '[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\nnew_certs_dir=.\nserial=serial\ndefault_md=sha256\npolicy=p\n[p]\ncommonName=supplied\n');
  run('ca', '-batch', '-config', 'ca.cnf', '-selfsign', '-keyfile', 'old.key', '-in', 'old.csr', '-out', 'old.crt', '-startdate', '20200101000000Z', '-enddate', '20200102000000Z');
  return {
    valid: { cert: read('valid.crt'), key: read('valid.key') },
    other: { cert: read('other.crt'), key: read('other.key') },
    expired: { cert: read('old.crt'), key: read('old.key') },
  };
}

for (const { provider, skip } of await testProviders()) {
  describe(`management areas (${provider})`, { skip }, () => {
    let t: TestApp;
    let owner: Session;
    let ops: Session;
    let ephemeralFile: string;
    before(async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'api-eph-'));
      ephemeralFile = path.join(dir, 'ip_local_port_range');
      writeFileSync(ephemeralFile, '32768\t60999\n');
      t = await createTestApp(provider, { ctx: { tuning: { ephemeralRangeFile: ephemeralFile } } });
      await seedAdmin(t, 'root', 'OWNER');
      await seedAdmin(t, 'ops', 'ADMIN');
      owner = await signIn(t.app, 'root');
      ops = await signIn(t.app, 'ops');
    });
    after(() => t.close());

    test('bans: add (IP or CIDR), list, lift; bad addresses are named', async () => {
      const added = await as(t.app, ops, { method: 'POST', url: '/api/v1/bans', payload: { ip: '203.0.113.0/24', reason: 'scanner', durationSec: 3600 } });
      assert.equal(added.statusCode, 201, added.body);
      assert.equal(added.json().isActive, true);
      const bad = await as(t.app, ops, { method: 'POST', url: '/api/v1/bans', payload: { ip: '999.1.1.1' } });
      assert.equal(errorOf(bad).code, 'INVALID_CIDR');
      assert.equal(errorOf(bad).details[0]?.field, 'ip');
      const change = await t.db.prisma.changeEvent.findFirst({ where: { topic: 'ban' }, orderBy: { id: 'desc' } });
      assert.equal(change?.key, '203.0.113.0/24');
      const active = await as(t.app, ops, { method: 'GET', url: '/api/v1/bans?isActive=true' });
      assert.equal(active.json().total, 1);
      const lifted = await as(t.app, ops, { method: 'DELETE', url: `/api/v1/bans/${added.json().id}` });
      assert.equal(lifted.statusCode, 204);
      assert.equal((await as(t.app, ops, { method: 'GET', url: '/api/v1/bans?isActive=true' })).json().total, 0);
      assert.equal((await as(t.app, ops, { method: 'DELETE', url: `/api/v1/bans/${added.json().id}` })).statusCode, 404);
    });

    test('settings: passive range rules, the ephemeral-overlap warning, If-Match, applied through the change feed', async () => {
      const cases: [object, string][] = [
        [{ pasvPortMin: 80, pasvPortMax: 90 }, 'pasvPortMin'],
        [{ pasvPortMin: 40000, pasvPortMax: 39000 }, 'pasvPortMin'],
        [{ pasvPortMin: 40000, pasvPortMax: 40000 }, 'pasvPortMin'],
        [{ pasvPortMax: 70000 }, 'pasvPortMax'],
      ];
      for (const [payload, field] of cases) {
        const response = await as(t.app, owner, { method: 'PATCH', url: '/api/v1/settings', payload });
        assert.equal(response.statusCode, 400, JSON.stringify(payload));
        assert.equal(errorOf(response).details[0]?.field, field, JSON.stringify(payload));
      }
      const overlapping = await as(t.app, owner, { method: 'PATCH', url: '/api/v1/settings', payload: { pasvPortMin: 50000, pasvPortMax: 50010 } });
      assert.equal(overlapping.statusCode, 200, overlapping.body);
      assert.deepEqual(overlapping.json().warnings.map((w: { code: string }) => w.code), ['PASV_OVERLAPS_EPHEMERAL']);
      // Counted from here on, so changes written by earlier requests or tests cannot make this pass.
      const settingsChangesSince = async (id: number) => t.db.prisma.changeEvent.count({ where: { topic: 'settings', id: { gt: id } } });
      const lastChangeId = (await t.db.prisma.changeEvent.findFirst({ orderBy: { id: 'desc' } }))?.id ?? 0;
      const clear = await as(t.app, owner, { method: 'PATCH', url: '/api/v1/settings', payload: { pasvPortMin: 30000, pasvPortMax: 30010 } });
      assert.deepEqual(clear.json().warnings, []);
      assert.equal(clear.json().settings.tlsKeyPem, undefined);
      assert.equal(await settingsChangesSince(lastChangeId), 1, 'the saved change is announced once on the change feed');
      const stale = await as(t.app, owner, { method: 'PATCH', url: '/api/v1/settings', payload: { banner: 'Hello' }, headers: { 'if-match': '"v1"' } });
      assert.equal(stale.statusCode, 412);
      assert.equal(await settingsChangesSince(lastChangeId), 1, 'a refused change announces nothing');
      const denied = await as(t.app, ops, { method: 'PATCH', url: '/api/v1/settings', payload: { banner: 'x' } });
      assert.equal(denied.statusCode, 403);
    });

    test('settings: isTlsCloseNotifyRequired (default true) round-trips next to isTlsSessionReuseRequired', async () => {
      const initial = (await as(t.app, ops, { method: 'GET', url: '/api/v1/settings' })).json();
      assert.equal(initial.isTlsCloseNotifyRequired, true);
      const off = await as(t.app, owner, { method: 'PATCH', url: '/api/v1/settings', payload: { isTlsCloseNotifyRequired: false, isTlsSessionReuseRequired: false } });
      assert.equal(off.statusCode, 200, off.body);
      assert.equal(off.json().settings.isTlsCloseNotifyRequired, false);
      assert.equal(off.json().settings.isTlsSessionReuseRequired, false);
      const read = (await as(t.app, ops, { method: 'GET', url: '/api/v1/settings' })).json();
      assert.equal(read.isTlsCloseNotifyRequired, false);
      assert.equal((await getServerSettings(t.db.prisma)).isTlsCloseNotifyRequired, false);
      const on = await as(t.app, owner, { method: 'PATCH', url: '/api/v1/settings', payload: { isTlsCloseNotifyRequired: true, isTlsSessionReuseRequired: true } });
      assert.equal(on.json().settings.isTlsCloseNotifyRequired, true);
      const bad = await as(t.app, owner, { method: 'PATCH', url: '/api/v1/settings', payload: { isTlsCloseNotifyRequired: 'sometimes' } });
      assert.equal(bad.statusCode, 400);
      const openapi = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      assert.ok(JSON.stringify(openapi).includes('isTlsCloseNotifyRequired'), 'documented in OpenAPI');
    });

    test('TLS upload: a matching valid pair is stored and described; mismatch and expiry are refused by field', async () => {
      const certs = makeCertificates();
      const ok = await as(t.app, owner, { method: 'PUT', url: '/api/v1/settings/tls', payload: { certPem: certs.valid.cert, keyPem: certs.valid.key } });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.match(ok.json().subject, /CN=ftp\.example\.test/);
      assert.equal(ok.json().isSelfSigned, true);
      assert.ok(new Date(ok.json().expiresAt) > new Date());
      const settings = await as(t.app, ops, { method: 'GET', url: '/api/v1/settings' });
      assert.match(settings.json().certificate.subject, /ftp\.example\.test/);
      assert.ok(!settings.body.includes('PRIVATE KEY'));
      const mismatch = await as(t.app, owner, { method: 'PUT', url: '/api/v1/settings/tls', payload: { certPem: certs.valid.cert, keyPem: certs.other.key } });
      assert.equal(errorOf(mismatch).code, 'INVALID_CERTIFICATE');
      assert.equal(errorOf(mismatch).details[0]?.field, 'keyPem');
      const expired = await as(t.app, owner, { method: 'PUT', url: '/api/v1/settings/tls', payload: { certPem: certs.expired.cert, keyPem: certs.expired.key } });
      assert.equal(errorOf(expired).code, 'INVALID_CERTIFICATE');
      assert.equal(errorOf(expired).details[0]?.field, 'certPem');
      const garbage = await as(t.app, owner, { method: 'PUT', url: '/api/v1/settings/tls', payload: { certPem: 'hello', keyPem: certs.valid.key } });
      assert.equal(errorOf(garbage).details[0]?.field, 'certPem');
    });

    test('passive diagnostics: busy ports, the private-address warning, firewall rules, the self-test', async () => {
      // Another program (another process: ports this process holds count as the FTP service's own).
      const busy = spawn(process.execPath, ['-e', "const s=require('net').createServer().listen(0,'0.0.0.0',()=>console.log(s.address().port))"]);
      try {
        const port = Number(await new Promise<string>((resolve) => busy.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()))));
        await t.db.prisma.loginEvent.create({ data: { username: 'x', remoteIp: '198.51.100.20', result: 'OK' } });
        const set = await as(t.app, owner, { method: 'PATCH', url: '/api/v1/settings', payload: { pasvAdvertisedHost: '10.0.0.5', pasvPortMin: port, pasvPortMax: port + 1 } });
        assert.equal(set.statusCode, 200, set.body);
        const response = await as(t.app, ops, { method: 'GET', url: '/api/v1/settings/passive-diagnostics' });
        assert.equal(response.statusCode, 200, response.body);
        const d = response.json();
        assert.equal(d.advertisedAddress, '10.0.0.5');
        assert.equal(d.ports.total, 2);
        assert.ok(d.ports.unbindable.includes(port), JSON.stringify(d.ports));
        assert.ok(d.warnings.some((w: { code: string }) => w.code === 'PRIVATE_ADDRESS_ADVERTISED'));
        assert.ok(d.warnings.some((w: { code: string }) => w.code === 'PASV_PORTS_IN_USE'));
        assert.match(d.firewall.ufw, new RegExp(`ufw allow ${port}:${port + 1}/tcp`));
        assert.match(d.firewall.nftables, new RegExp(`tcp dport \\{ 2121, ${port}-${port + 1} \\} accept`));
        assert.match(d.firewall.firewalld, new RegExp(`--add-port=${port}-${port + 1}/tcp`));
        assert.match(d.firewall.iptables, new RegExp(`--dport ${port}:${port + 1} -j ACCEPT`));
        assert.equal(d.selfTest.isOk, false);
      } finally {
        busy.kill();
      }
    });

    test('tokens: secret shown once, scopes enforced, role limits what can be granted, revocation is immediate', async () => {
      const tooMuch = await as(t.app, ops, { method: 'POST', url: '/api/v1/tokens', payload: { name: 'too much', scopes: ['settings:write'] } });
      assert.equal(tooMuch.statusCode, 403);
      assert.equal(errorOf(tooMuch).details[0]?.field, 'scopes');
      const created = await as(t.app, ops, { method: 'POST', url: '/api/v1/tokens', payload: { name: 'billing', scopes: ['accounts:read'] } });
      assert.equal(created.statusCode, 201, created.body);
      const { token, secret } = created.json();
      assert.match(secret, /^ftpp_/);
      assert.equal(token.prefix, secret.slice(0, 12));
      const list = await as(t.app, ops, { method: 'GET', url: '/api/v1/tokens' });
      assert.ok(!list.body.includes(secret));
      // Bearer requests need no CSRF token; the scope decides.
      assert.equal((await bearer(t.app, secret, { method: 'GET', url: '/api/v1/accounts' })).statusCode, 200);
      assert.equal((await bearer(t.app, secret, { method: 'POST', url: '/api/v1/accounts', payload: { username: 'nope' } })).statusCode, 403);
      const used = (await as(t.app, ops, { method: 'GET', url: '/api/v1/tokens' })).json().find((x: { id: string }) => x.id === token.id);
      assert.ok(used.lastUsedAt);
      assert.equal((await as(t.app, ops, { method: 'DELETE', url: `/api/v1/tokens/${token.id}` })).statusCode, 204);
      const revoked = await bearer(t.app, secret, { method: 'GET', url: '/api/v1/accounts' });
      assert.equal(revoked.statusCode, 401);
      assert.equal(errorOf(revoked).code, 'UNAUTHENTICATED');
      assert.equal((await bearer(t.app, 'ftpp_made_up', { method: 'GET', url: '/api/v1/accounts' })).statusCode, 401);
    });

    test('admins: OWNER manages them; the last owner can be neither demoted nor deleted', async () => {
      const created = await as(t.app, owner, { method: 'POST', url: '/api/v1/admins', payload: { username: 'newbie', password: 'saffron kettle glacier 51', role: 'SUPPORT' } });
      assert.equal(created.statusCode, 201, created.body);
      assert.ok(!created.body.includes('password'));
      const taken = await as(t.app, owner, { method: 'POST', url: '/api/v1/admins', payload: { username: 'newbie', password: 'saffron kettle glacier 51', role: 'SUPPORT' } });
      assert.equal(errorOf(taken).code, 'USERNAME_TAKEN');
      const rootId = (await as(t.app, owner, { method: 'GET', url: '/api/v1/admins' })).json().find((a: { username: string }) => a.username === 'root').id;
      const demote = await as(t.app, owner, { method: 'PATCH', url: `/api/v1/admins/${rootId}`, payload: { role: 'ADMIN' } });
      assert.equal(demote.statusCode, 400);
      assert.equal(errorOf(demote).details[0]?.field, 'role');
      assert.equal((await as(t.app, owner, { method: 'DELETE', url: `/api/v1/admins/${rootId}` })).statusCode, 400);
      const promote = await as(t.app, owner, { method: 'PATCH', url: `/api/v1/admins/${created.json().id}`, payload: { role: 'OWNER' } });
      assert.equal(promote.json().role, 'OWNER');
      assert.equal((await as(t.app, owner, { method: 'PATCH', url: `/api/v1/admins/${rootId}`, payload: { role: 'ADMIN' } })).statusCode, 200);
      // root is an ADMIN now: admin management is refused to them.
      assert.equal((await as(t.app, owner, { method: 'GET', url: '/api/v1/admins' })).statusCode, 403);
    });

    test('audit: mutations are recorded with actor, IP and target, and can be filtered', async () => {
      const all = await as(t.app, ops, { method: 'GET', url: '/api/v1/audit?pageSize=200' });
      const actions = new Set(all.json().items.map((e: { action: string }) => e.action));
      for (const action of ['ban.create', 'ban.lift', 'settings.update', 'settings.tls', 'token.create', 'token.revoke', 'admin.create', 'admin.update']) {
        assert.ok(actions.has(action), `audit has ${action}`);
      }
      const byActor = await as(t.app, ops, { method: 'GET', url: '/api/v1/audit?actor=ops&action=ban' });
      assert.ok(byActor.json().items.length >= 2);
      assert.ok(byActor.json().items.every((e: { actorName: string; ip: string; action: string }) => e.actorName === 'ops' && e.ip && e.action.startsWith('ban')));
      assert.ok(!all.body.includes('PRIVATE KEY') && !all.body.includes('argon2'));
    });
  });
}
