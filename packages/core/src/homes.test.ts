import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHome, deleteHome, homePath, HomeDirError, resolveHomeDir } from './homes.ts';

describe('home directory confinement', () => {
  let base: string;
  let root: string;
  let outside: string;

  before(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'ftp-panel-homes-test-'));
    root = path.join(base, 'homes');
    outside = path.join(base, 'outside');
    await mkdir(root);
    await mkdir(outside);
    await writeFile(path.join(outside, 'secret.txt'), 'not yours');
    await symlink(outside, path.join(root, 'escape'));
    await mkdir(path.join(root, 'clients'));
    await symlink(path.join(root, 'clients'), path.join(root, 'clients-link'));
  });
  after(async () => {
    if (base) await rm(base, { recursive: true, force: true });
  });

  const refused = (requested: string) => assert.rejects(resolveHomeDir(root, requested, 'alice'), HomeDirError);

  test('traversal out of the root is refused', async () => {
    await refused('../x');
    await refused('a/../../x');
    await refused('..');
    await refused('./../homes-sibling');
  });

  test('an absolute path outside the root is refused; the root itself is not a home', async () => {
    await refused('/etc');
    await refused(outside);
    await refused(root);
    await refused('a/..');
    await refused('with\0nul');
  });

  test('a symlink inside the root pointing out is refused, also below it', async () => {
    await refused('escape');
    await refused('escape/alice');
    await assert.rejects(createHome(root, 'escape/alice'), HomeDirError);
    await assert.rejects(stat(path.join(outside, 'alice')), { code: 'ENOENT' });
    await assert.rejects(deleteHome(root, 'escape'), HomeDirError);
    assert.ok((await stat(path.join(outside, 'secret.txt'))).isFile(), 'nothing outside was deleted');
  });

  test('valid homes: default, nested, absolute inside the root, symlink staying inside', async () => {
    assert.equal(await resolveHomeDir(root, undefined, 'alice'), 'alice');
    assert.equal(await resolveHomeDir(root, '  ', 'alice'), 'alice');
    assert.equal(await resolveHomeDir(root, 'clients/acme/ftp', 'alice'), 'clients/acme/ftp');
    assert.equal(await resolveHomeDir(root, 'clients/x/../acme', 'alice'), 'clients/acme');
    assert.equal(await resolveHomeDir(root, path.join(root, 'clients', 'bob'), 'alice'), 'clients/bob');
    assert.equal(await resolveHomeDir(root, 'clients-link/carol', 'alice'), 'clients-link/carol');
    const real = await createHome(root, 'clients/acme/ftp');
    assert.ok((await stat(real)).isDirectory());
    assert.equal(homePath(root, 'clients/acme/ftp'), path.join(root, 'clients/acme/ftp'));
    assert.throws(() => homePath(root, '../x'), HomeDirError);
  });

  test('a file where the home should be is refused', async () => {
    await writeFile(path.join(root, 'plain-file'), 'x');
    await refused('plain-file');
  });
});
