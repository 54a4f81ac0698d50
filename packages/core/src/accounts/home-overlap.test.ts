import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { homeRelation, isCaseInsensitiveDir } from './home-overlap.ts';

describe('home overlap', () => {
  test('compares whole segments: "a" and "ab" do not nest', () => {
    assert.equal(homeRelation('a', 'ab', false), null);
    assert.equal(homeRelation('clients/a', 'clients/ab', false), null);
    assert.equal(homeRelation('clients/a', 'clients/a', false), 'same');
    assert.equal(homeRelation('clients/a/b', 'clients/a', false), 'inside');
    assert.equal(homeRelation('clients', 'clients/a/b', false), 'contains');
  });

  test('folds case only on a case-insensitive filesystem', () => {
    assert.equal(homeRelation('Clients/A', 'clients/a', false), null);
    assert.equal(homeRelation('Clients/A/x', 'clients/a', true), 'inside');
  });

  test('probes the homes root filesystem', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ftp-panel-case-'));
    try {
      // Linux filesystems used for tests are case-sensitive; a missing root is treated as such.
      if (process.platform === 'linux') assert.equal(await isCaseInsensitiveDir(dir), false);
      assert.equal(await isCaseInsensitiveDir(path.join(dir, 'missing')), false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
