import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ConfinedFs, toVirtualPath } from './confined-fs.ts';
import { FtpError } from '../types.ts';
import { tempDir } from '../testing/harness.ts';

describe('ConfinedFs', () => {
  let root: string;
  let home: string;
  let cfs: ConfinedFs;

  before(async () => {
    root = tempDir();
    home = path.join(root, 'home');
    fs.mkdirSync(path.join(home, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(root, 'secret'), 's');
    fs.symlinkSync(root, path.join(home, 'out'));
    fs.symlinkSync(path.join(home, 'sub'), path.join(home, 'in'));
    cfs = await ConfinedFs.open(home);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('normalises virtual paths without climbing above /', () => {
    assert.equal(toVirtualPath('/a/b', '../../../etc/passwd'), '/etc/passwd');
    assert.equal(toVirtualPath('/a', './b//c/'), '/a/b/c');
    assert.equal(toVirtualPath('/a', ''), '/a');
    assert.equal(toVirtualPath('/a', '/../x'), '/x');
  });

  it('rejects NUL, CR and LF', () => {
    for (const bad of ['a\0b', 'a\rb', 'a\nb']) {
      assert.throws(() => toVirtualPath('/', bad), (e: unknown) => e instanceof FtpError && e.code === 501);
    }
  });

  it('follows symlinks that stay inside, refuses those that leave', async () => {
    assert.equal((await cfs.resolveExisting('/', 'in')).real, path.join(home, 'sub'));
    await assert.rejects(cfs.resolveExisting('/', 'out/secret'), (e: unknown) => e instanceof FtpError && e.code === 550);
    await assert.rejects(cfs.resolveExisting('/', 'out'), (e: unknown) => e instanceof FtpError && !e.message.includes(root));
    await assert.rejects(cfs.resolveForWrite('/', 'out/new'), (e: unknown) => e instanceof FtpError && e.code === 550);
    assert.equal((await cfs.resolveForWrite('/in', 'new.txt')).real, path.join(home, 'sub', 'new.txt'));
  });

  it('maps missing files to 550 naming only the virtual path', async () => {
    await assert.rejects(cfs.resolveExisting('/', 'nope'), (e: unknown) => e instanceof FtpError && e.code === 550 && e.message.startsWith('/nope'));
  });
});
