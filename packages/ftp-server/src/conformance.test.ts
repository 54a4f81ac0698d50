// basic-ftp against the server over {plain, explicit TLS, implicit TLS} x {IPv4, IPv6}.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { Client } from 'basic-ftp';
import { sha256, startServer } from './testing/harness.ts';
import type { TestServer } from './testing/harness.ts';

const MODES = ['plain', 'explicit', 'implicit'] as const;
const HOSTS = ['127.0.0.1', '::1'] as const;

function sink(): { stream: Writable; data(): Buffer } {
  const chunks: Buffer[] = [];
  return {
    stream: new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    }),
    data: () => Buffer.concat(chunks),
  };
}

for (const host of HOSTS) {
  for (const mode of MODES) {
    describe(`conformance basic-ftp ${mode} ${host}`, () => {
      let t: TestServer;
      let client: Client;

      before(async () => {
        t = await startServer({ host });
        client = new Client(10_000);
        await client.access({
          host,
          port: mode === 'implicit' ? t.implicitPort : t.port,
          user: 'alice',
          password: 'secret',
          secure: mode === 'plain' ? false : mode === 'implicit' ? 'implicit' : true,
          secureOptions: { rejectUnauthorized: false },
        });
      });

      after(async () => {
        client.close();
        await t.close();
      });

      it('reports the TLS state of the control channel', () => {
        const sessions = [...t.server.sessions];
        assert.equal(sessions.length, 1);
        assert.equal(sessions[0]?.isTls, mode !== 'plain');
        assert.equal(sessions[0]?.username, 'alice');
        assert.equal(sessions[0]?.accountId, 'acc-1');
      });

      for (const size of [0, 1, 10 * 1024 * 1024]) {
        it(`uploads and downloads ${size} bytes intact (sha256)`, async () => {
          const data = randomBytes(size);
          await client.uploadFrom(Readable.from([data]), `file-${size}.bin`);
          assert.equal(sha256(fs.readFileSync(path.join(t.home, `file-${size}.bin`))), sha256(data));
          const out = sink();
          await client.downloadTo(out.stream, `file-${size}.bin`);
          assert.equal(sha256(out.data()), sha256(data));
          assert.equal(await client.size(`file-${size}.bin`), size);
        });
      }

      it('resumes a download with REST and appends with APPE', async () => {
        const data = randomBytes(100_000);
        fs.writeFileSync(path.join(t.home, 'resume.bin'), data);
        const out = sink();
        await client.downloadTo(out.stream, 'resume.bin', 40_000);
        assert.equal(sha256(out.data()), sha256(data.subarray(40_000)));
        const tail = randomBytes(5000);
        await client.appendFrom(Readable.from([tail]), 'resume.bin');
        assert.equal(sha256(fs.readFileSync(path.join(t.home, 'resume.bin'))), sha256(Buffer.concat([data, tail])));
      });

      it('lists with MLSD facts, makes directories, renames and removes', async () => {
        await client.ensureDir('/dir one/sub');
        assert.equal(await client.pwd(), '/dir one/sub');
        await client.cd('/');
        await client.uploadFrom(Readable.from([Buffer.from('abc')]), 'dir one/x.txt');
        await client.rename('dir one/x.txt', 'dir one/y.txt');
        const list = await client.list('dir one');
        const names = list.map((f) => f.name).sort();
        assert.deepEqual(names, ['sub', 'y.txt']);
        const file = list.find((f) => f.name === 'y.txt');
        assert.equal(file?.size, 3);
        assert.ok(file?.isFile);
        assert.ok(list.find((f) => f.name === 'sub')?.isDirectory);
        assert.ok(file?.modifiedAt instanceof Date);
        await client.remove('dir one/y.txt');
        await client.removeEmptyDir('dir one/sub');
        assert.deepEqual((await client.list('dir one')).map((f) => f.name), []);
        assert.ok(!fs.readdirSync(t.home).some((n) => n.startsWith('.ftp-upload-')));
      });

      it('quotes 257 replies, reports STOU names and MLSD facts', async () => {
        const made = await client.send('MKD quote"dir');
        assert.equal(made.code, 257);
        assert.match(made.message, /^257 "\/quote""dir" /);
        assert.match((await client.send('CWD quote"dir')).message, /^250 /);
        assert.match((await client.send('PWD')).message, /^257 "\/quote""dir" /);
        await client.cd('/');
        // basic-ftp has no STOU helper; its generic upload path sends the verb given.
        const upload = (client as unknown as { _uploadWithCommand(s: Readable, p: string, c: string, o: object): Promise<{ message: string }> })._uploadWithCommand;
        const stou = await upload.call(client, Readable.from([Buffer.from('stou body')]), 'unique', 'STOU', {});
        const name = /unique file name: (\S+)\)/.exec(stou.message)?.[1];
        assert.ok(name, stou.message);
        assert.equal(fs.readFileSync(path.join(t.home, name), 'utf8'), 'stou body');
        fs.chmodSync(path.join(t.home, name), 0o640);
        const entry = (await client.list()).find((f) => f.name === name);
        assert.equal(entry?.size, 9);
        assert.match(entry?.uniqueID ?? '', /^[0-9a-f]+g[0-9a-f]+$/);
        assert.deepEqual({ ...entry?.permissions }, { user: 6, group: 4, world: 0 });
      });

      it('reports modification times and features', async () => {
        fs.writeFileSync(path.join(t.home, 'm.txt'), 'x');
        const when = new Date(Date.UTC(2020, 0, 2, 3, 4, 5));
        fs.utimesSync(path.join(t.home, 'm.txt'), when, when);
        assert.equal((await client.lastMod('m.txt')).getTime(), when.getTime());
        const features = await client.features();
        assert.ok(features.has('MLST'));
        assert.ok(features.has('EPSV'));
        assert.equal(features.has('AUTH'), true);
      });
    });
  }
}
