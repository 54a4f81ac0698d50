import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import tls from 'node:tls';
import { generate } from 'selfsigned';
import { appendChange, updateServerSettings } from '@ftp-panel/db';
import { testProviders } from '@ftp-panel/db/testing';
import { banAddress, liftAddressBan } from '../bans/bans.ts';
import { certificatePaths } from './certificate.ts';
import { PASSWORD, RawControl, replyCode, startHarness, waitFor } from './test-helpers.ts';
import type { Harness } from './test-helpers.ts';

function peerCommonName(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ port, host: '127.0.0.1', rejectUnauthorized: false }, () => {
      const subject = socket.getPeerCertificate().subject as { CN?: string } | undefined;
      socket.destroy();
      resolve(String(subject?.CN ?? ''));
    });
    socket.once('error', reject);
  });
}

/** A control connection over explicit TLS, driven line by line (basic-ftp always resumes TLS sessions). */
class TlsControl {
  #socket: tls.TLSSocket;
  #buffer = '';
  #waiters: ((reply: string) => void)[] = [];
  #replies: string[] = [];

  private constructor(socket: tls.TLSSocket) {
    this.#socket = socket;
    socket.setEncoding('utf8');
    socket.on('error', () => {});
    socket.on('data', (text: string) => {
      this.#buffer += text;
      for (let match = /^(\d{3}) [^\r\n]*\r?\n/m.exec(this.#buffer); match; match = /^(\d{3}) [^\r\n]*\r?\n/m.exec(this.#buffer)) {
        const end = match.index + match[0].length;
        const reply = this.#buffer.slice(0, end);
        this.#buffer = this.#buffer.slice(end);
        const waiter = this.#waiters.shift();
        if (waiter) waiter(reply);
        else this.#replies.push(reply);
      }
    });
  }

  static async login(port: number, username: string): Promise<TlsControl> {
    const raw = await RawControl.connect(port);
    await raw.read();
    assert.match(await raw.command('AUTH TLS'), /^234 /);
    raw.socket.removeAllListeners('data');
    const secure = tls.connect({ socket: raw.socket, rejectUnauthorized: false });
    await new Promise<void>((resolve, reject) => secure.once('secureConnect', resolve).once('error', reject));
    const control = new TlsControl(secure);
    await control.command(`USER ${username}`);
    assert.match(await control.command(`PASS ${PASSWORD}`), /^230 /);
    assert.match(await control.command('PBSZ 0'), /^200 /);
    return control;
  }

  read(): Promise<string> {
    const queued = this.#replies.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  command(line: string): Promise<string> {
    this.#socket.write(`${line}\r\n`);
    return this.read();
  }

  /** LIST over PROT P on a data connection that does not resume the control session: the final reply. */
  async listWithoutResume(): Promise<string> {
    assert.match(await this.command('PBSZ 0'), /^200 /);
    assert.match(await this.command('PROT P'), /^200 /);
    const epsv = await this.command('EPSV');
    const port = Number(/\|\|\|(\d+)\|/.exec(epsv)?.[1]);
    const data = tls.connect({ port, host: '127.0.0.1', rejectUnauthorized: false });
    data.on('error', () => {});
    data.resume();
    assert.match(await this.command('LIST'), /^150 /);
    const reply = await this.read();
    data.destroy();
    return reply;
  }

  close(): void {
    this.#socket.destroy();
  }
}

const [sqlite, postgresql] = await testProviders();
for (const { provider, skip } of [sqlite, postgresql].filter((p) => p !== undefined)) {
  describe(`FTP service TLS and admin bans (${provider})`, { skip }, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(provider, { env: { FTPS_PORT: '0' } });
    });
    after(() => h?.close());

    test('a self-signed certificate is generated under DATA_DIR with a private key file', async () => {
      const paths = certificatePaths(h.config.dataDir);
      assert.equal(statSync(paths.key).mode & 0o777, 0o600);
      const ftps = h.service.addresses.ftps;
      assert.ok(ftps, 'implicit TLS listener');
      assert.equal(await peerCommonName(ftps.port), 'localhost');
      await h.addAccount('implicit');
      const client = await h.client('implicit', undefined, { secure: true });
      client.close();
    });

    test('a certificate stored in the settings replaces it without a restart', async () => {
      const pems = await generate([{ name: 'commonName', value: 'panel.example' }], { keySize: 2048 });
      await updateServerSettings(h.db.prisma, { tlsCertPem: pems.cert, tlsKeyPem: pems.private });
      await appendChange(h.db.prisma, 'settings');
      const port = h.service.addresses.ftps?.port as number;
      await waitFor(async () => (await peerCommonName(port)) === 'panel.example', 3000, 'the new certificate');
    });

    test('TLS mode REQUIRED applies to new sessions at once', async () => {
      await updateServerSettings(h.db.prisma, { tlsMode: 'REQUIRED' });
      await appendChange(h.db.prisma, 'settings');
      await h.addAccount('plain');
      await waitFor(async () => {
        try {
          (await h.client('plain')).close();
          return false;
        } catch (error) {
          return replyCode(error) === 530;
        }
      }, 3000, 'TLS to become required');
      (await h.client('plain', undefined, { secure: true })).close();
      await updateServerSettings(h.db.prisma, { tlsMode: 'OPTIONAL' });
      await h.service.reloadSettings();
    });

    test('TLS mode DISABLED applies within a second, and turning it back on restores FTPS', async () => {
      await h.addAccount('tlsuser');
      const encrypted = await h.client('tlsuser', undefined, { secure: true });
      const ftps = h.service.addresses.ftps?.port as number;
      const authReply = async (): Promise<string> => {
        const raw = await RawControl.connect(h.port);
        try {
          await raw.read();
          return await raw.command('AUTH TLS');
        } finally {
          raw.close();
        }
      };
      assert.match(await authReply(), /^234 /);

      await updateServerSettings(h.db.prisma, { tlsMode: 'DISABLED' });
      await appendChange(h.db.prisma, 'settings');
      await waitFor(async () => (await authReply()).startsWith('534'), 1000, 'AUTH TLS to be refused');
      const raw = await RawControl.connect(h.port);
      await raw.read();
      assert.doesNotMatch(await raw.command('FEAT'), /AUTH TLS|PBSZ|PROT/);
      raw.close();
      await assert.rejects(peerCommonName(ftps), 'the implicit TLS port takes nobody new');
      (await h.client('tlsuser')).close();
      // The session that was encrypted before keeps working, protected data connections included.
      assert.ok(Array.isArray(await encrypted.list()));
      encrypted.close();

      await updateServerSettings(h.db.prisma, { tlsMode: 'OPTIONAL' });
      await appendChange(h.db.prisma, 'settings');
      await waitFor(async () => (await authReply()).startsWith('234'), 1000, 'AUTH TLS to come back');
      assert.ok(await peerCommonName(ftps));
      (await h.client('tlsuser', undefined, { secure: true })).close();
    });

    test('TLS session reuse: the server setting by default, overridden per account either way', async () => {
      await h.addAccount('noresume', { isTlsSessionReuseRequired: false });
      await h.addAccount('followserver');
      await h.addAccount('mustresume', { isTlsSessionReuseRequired: true });
      const listAs = async (username: string): Promise<string> => {
        const control = await TlsControl.login(h.port, username);
        try {
          return await control.listWithoutResume();
        } finally {
          control.close();
        }
      };
      // Server default: required.
      assert.match(await listAs('followserver'), /^522 .*TLS session reuse to "not required" for this account/);
      assert.match(await listAs('noresume'), /^226 /);
      assert.match(await listAs('mustresume'), /^522 /);
      await updateServerSettings(h.db.prisma, { isTlsSessionReuseRequired: false });
      await h.service.reloadSettings();
      try {
        assert.match(await listAs('followserver'), /^226 /);
        assert.match(await listAs('noresume'), /^226 /);
        assert.match(await listAs('mustresume'), /^522 /);
      } finally {
        await updateServerSettings(h.db.prisma, { isTlsSessionReuseRequired: true });
        await h.service.reloadSettings();
      }
    });

    test('an account that requires TLS must protect file data too (PROT C 534, data in clear 521)', async () => {
      await h.addAccount('tlsonly', { requireTls: true });
      const control = await TlsControl.login(h.port, 'tlsonly');
      try {
        assert.match(await control.command('PBSZ 0'), /^200 /);
        assert.match(await control.command('PROT C'), /^534 This account requires protected data connections/);
        assert.match(await control.command('LIST'), /^521 This account requires protected data connections/);
        assert.match(await control.command('RETR anything'), /^521 /);
        assert.match(await control.command('STOR anything'), /^521 /);
      } finally {
        control.close();
      }
      // basic-ftp uses PROT P: the account works normally.
      const client = await h.client('tlsonly', undefined, { secure: true });
      assert.ok(Array.isArray(await client.list()));
      client.close();
      // Another account on the same server still may choose PROT C.
      await h.addAccount('clearok');
      const other = await TlsControl.login(h.port, 'clearok');
      assert.match(await other.command('PBSZ 0'), /^200 /);
      assert.match(await other.command('PROT C'), /^200 /);
      other.close();
    });

    test('a ban added by an admin refuses the address within a second; lifting it lets it back', async () => {
      await banAddress({ db: h.db }, { ip: '127.0.0.0/8', reason: 'test', durationSec: 600 });
      await waitFor(async () => {
        const raw = await RawControl.connect(h.port);
        const reply = await raw.read();
        raw.close();
        return reply.startsWith('421');
      }, 1500, 'the ban');
      await liftAddressBan({ db: h.db }, '127.0.0.0/8');
      await waitFor(async () => {
        const raw = await RawControl.connect(h.port);
        const reply = await raw.read();
        raw.close();
        return reply.startsWith('220');
      }, 1500, 'the lift');
      await assert.rejects(liftAddressBan({ db: h.db }, '127.0.0.0/8'), { code: 'BAN_NOT_FOUND' });
      await assert.rejects(banAddress({ db: h.db }, { ip: '300.1.1.1' }), { code: 'INVALID_CIDR' });
    });
  });
}
