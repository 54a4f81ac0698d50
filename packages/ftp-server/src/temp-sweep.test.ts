// Upload temp files: the sweep removes the abandoned ones (and only those), and no session can
// reach another's in-flight upload by its temp name.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { connectData, RawClient, startServer, tempDir } from './testing/harness.ts';
import type { TestServer } from './testing/harness.ts';
import { isTempUploadName } from './list-format.ts';
import { registerTempUpload, releaseTempUpload, sweepTempUploads } from './temp-sweep.ts';

const HOUR = 3600_000;

function writeAged(file: string, content: string, ageMs: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  const when = new Date(Date.now() - ageMs);
  fs.utimesSync(file, when, when);
}

describe('sweepTempUploads', () => {
  it('removes old temp files at any depth, keeps fresh, live and ordinary files, never follows symlinks', async () => {
    const root = tempDir('ftp-sweep-');
    try {
      const homes = path.join(root, 'homes');
      const outside = path.join(root, 'outside');
      writeAged(path.join(homes, 'a/.ftp-upload-0000000000000001.part'), 'x'.repeat(100), HOUR);
      writeAged(path.join(homes, 'a/deep/er/.ftp-upload-0000000000000002.part'), 'y'.repeat(50), HOUR);
      writeAged(path.join(homes, 'b/.ftp-upload-0000000000000003.part'), 'fresh', 1000);
      writeAged(path.join(homes, 'b/.ftp-upload-0000000000000004.part'), 'live', HOUR);
      writeAged(path.join(homes, 'b/report.part'), 'customer data', HOUR);
      writeAged(path.join(homes, 'b/.ftp-upload-notes.txt'), 'customer data', HOUR);
      writeAged(path.join(outside, '.ftp-upload-0000000000000005.part'), 'not ours', HOUR);
      fs.symlinkSync(outside, path.join(homes, 'b/link'));
      fs.symlinkSync(path.join(outside, '.ftp-upload-0000000000000005.part'), path.join(homes, 'b/.ftp-upload-0000000000000006.part'));
      const live = path.join(homes, 'b/.ftp-upload-0000000000000004.part');
      registerTempUpload(live);
      let result;
      try {
        result = await sweepTempUploads(homes, { olderThanMs: 60_000 });
      } finally {
        releaseTempUpload(live);
      }
      assert.equal(result.removed, 2);
      assert.equal(result.removedBytes, 150);
      assert.equal(result.kept, 2);
      assert.equal(result.isTruncated, false);
      assert.ok(!fs.existsSync(path.join(homes, 'a/.ftp-upload-0000000000000001.part')));
      assert.ok(!fs.existsSync(path.join(homes, 'a/deep/er/.ftp-upload-0000000000000002.part')));
      for (const kept of ['b/.ftp-upload-0000000000000003.part', 'b/.ftp-upload-0000000000000004.part', 'b/report.part', 'b/.ftp-upload-notes.txt']) {
        assert.ok(fs.existsSync(path.join(homes, kept)), kept);
      }
      assert.ok(fs.existsSync(path.join(outside, '.ftp-upload-0000000000000005.part')), 'symlinked directory not followed');
      assert.ok(fs.lstatSync(path.join(homes, 'b/.ftp-upload-0000000000000006.part')).isSymbolicLink(), 'a symlink is not a temp file');

      // Released, the formerly live file is judged by age like any other.
      const again = await sweepTempUploads(homes, { olderThanMs: 60_000 });
      assert.equal(again.removed, 1);
      assert.ok(!fs.existsSync(live));
      // olderThanMs 0 takes every temp file that nobody here writes.
      assert.equal((await sweepTempUploads(homes, { olderThanMs: 0 })).removed, 1);
      assert.ok(!fs.existsSync(path.join(homes, 'b/.ftp-upload-0000000000000003.part')));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('bounds its work and stops when aborted, answering for a missing root without throwing', async () => {
    const root = tempDir('ftp-sweep-');
    try {
      for (let i = 0; i < 40; i++) writeAged(path.join(root, `d${i}`, `.ftp-upload-${String(i).padStart(16, '0')}.part`), 'z', HOUR);
      const bounded = await sweepTempUploads(root, { olderThanMs: 0, maxEntries: 10 });
      assert.equal(bounded.isTruncated, true);
      assert.ok(bounded.entries <= 11 && bounded.removed < 40);
      const controller = new AbortController();
      controller.abort();
      const aborted = await sweepTempUploads(root, { olderThanMs: 0, signal: controller.signal });
      assert.equal(aborted.isTruncated, true);
      assert.equal(aborted.removed, 0);
      const full = await sweepTempUploads(root, { olderThanMs: 0 });
      assert.equal(full.removed + bounded.removed, 40);
      assert.deepEqual(await sweepTempUploads(path.join(root, 'missing'), { olderThanMs: 0 }), { removed: 0, removedBytes: 0, kept: 0, entries: 0, isTruncated: false });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('keeps the event loop turning on a big directory', async () => {
    const root = tempDir('ftp-sweep-');
    try {
      for (let i = 0; i < 3000; i++) fs.writeFileSync(path.join(root, `f${i}`), '');
      let ticks = 0;
      const timer = setInterval(() => ticks++, 0);
      const sweep = sweepTempUploads(root, { olderThanMs: 0 });
      const result = await sweep;
      clearInterval(timer);
      assert.equal(result.entries, 3000);
      assert.ok(ticks > 0, 'timers ran during the walk');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('temp upload names over FTP', () => {
  let t: TestServer;
  before(async () => {
    t = await startServer({ isTls: false });
  });
  after(() => t.close());

  it("no session can read, replace, rename or probe another session's in-flight upload", async () => {
    const uploader = await RawClient.connect(t.port);
    await uploader.login();
    assert.match(await uploader.command('TYPE I'), /^200 /);
    const data = await connectData(await uploader.epsv());
    assert.match(await uploader.command('STOR big.bin'), /^150 /);
    data.write(Buffer.alloc(4096, 1));
    let temp = '';
    for (let i = 0; i < 200 && !temp; i++) {
      temp = fs.readdirSync(t.home).find(isTempUploadName) ?? '';
      if (!temp) await new Promise((r) => setTimeout(r, 10));
    }
    assert.ok(temp, 'the upload writes a temp file');

    const other = await RawClient.connect(t.port);
    await other.login();
    assert.match(await other.command('TYPE I'), /^200 /);
    for (const command of ['RETR', 'DELE', 'RNFR', 'SIZE', 'MDTM', 'MLST', 'CWD', 'RMD']) {
      assert.match(await other.command(`${command} ${temp}`), /^550 /, command);
      assert.match(await other.command(`${command} /sub/../${temp}`), /^550 /, `${command} via ..`);
    }
    assert.match(await other.command('SITE CHMOD 600 ' + temp), /^550 /);
    assert.match(await other.command('MFMT 20200101000000 ' + temp), /^550 /);
    for (const command of ['STOR', 'APPE', 'MKD']) assert.match(await other.command(`${command} ${temp}`), /^553 /, command);
    fs.writeFileSync(path.join(t.home, 'mine.txt'), 'mine');
    assert.match(await other.command('RNFR mine.txt'), /^350 /);
    assert.match(await other.command(`RNTO ${temp}`), /^55[03] /);
    assert.equal(fs.readFileSync(path.join(t.home, 'mine.txt'), 'utf8'), 'mine');
    other.close();

    data.end(Buffer.alloc(4096, 2));
    assert.match(await uploader.read(), /^226 /);
    const stored = fs.readFileSync(path.join(t.home, 'big.bin'));
    assert.deepEqual(stored, Buffer.concat([Buffer.alloc(4096, 1), Buffer.alloc(4096, 2)]));
    assert.ok(!fs.readdirSync(t.home).some(isTempUploadName));
    uploader.close();
  });
});
