// lftp mirrors a 1,000-file tree both ways over TLS with pipelining (sync-mode off).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { hasCommand, skipUnless } from '../../../../scripts/test-support.ts';
import { sha256, startServer, tempDir } from '../testing/harness.ts';
import type { TestServer } from '../testing/harness.ts';
import { run } from '../testing/exec.ts';

const skip = skipUnless(hasCommand('lftp'), 'lftp');

function makeTree(root: string): void {
  for (let d = 0; d < 10; d++) {
    const dir = path.join(root, `dir${d}`, `nested${d % 3}`);
    fs.mkdirSync(dir, { recursive: true });
    for (let f = 0; f < 100; f++) fs.writeFileSync(path.join(dir, `file-${f}.txt`), `dir ${d} file ${f} ${'x'.repeat((d * 100 + f) % 700)}\n`);
  }
}

/** Relative path -> sha256 of every file below root. */
function digest(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.set(path.relative(root, full), sha256(fs.readFileSync(full)));
    }
  };
  walk(root);
  return out;
}

describe('interop: lftp', { skip }, () => {
  let t: TestServer;
  let local: string;

  before(async () => {
    t = await startServer();
    local = tempDir('ftp-lftp-');
  });
  after(async () => {
    await t.close();
    fs.rmSync(local, { recursive: true, force: true });
  });

  const lftp = (commands: string) =>
    run('lftp', [
      '-u', 'alice,secret', '-p', String(t.port),
      '-e', `set ftp:ssl-force true; set ssl:verify-certificate no; set ftp:sync-mode off; set net:max-retries 1; set net:timeout 15; set cmd:fail-exit true; ${commands}; bye`,
      '127.0.0.1',
    ], { timeoutMs: 120_000 });

  it('mirror -R uploads 1,000 files and mirror downloads them back identical', async () => {
    const source = path.join(local, 'source');
    makeTree(source);
    let r = await lftp(`mirror -R --parallel=4 ${source} /tree`);
    assert.equal(r.code, 0, r.stderr);
    const expected = digest(source);
    assert.equal(expected.size, 1000);
    assert.deepEqual(digest(path.join(t.home, 'tree')), expected);
    const back = path.join(local, 'back');
    r = await lftp(`mirror --parallel=4 /tree ${back}`);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(digest(back), expected);
  });
});
