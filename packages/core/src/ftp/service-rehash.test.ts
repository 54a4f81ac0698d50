// Hashes made with other argon2 parameters are replaced at the next successful FTP login.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { findAccountCredentials } from '@ftp-panel/db';
import { createPasswordHasher } from '../passwords.ts';
import { FAST_HASHER, PASSWORD, startHarness, waitFor, type Harness } from './test-helpers.ts';

describe('argon2 parameter upgrade on login', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness('sqlite');
  });
  after(async () => {
    await h?.close();
  });

  test('an old-parameter hash is rehashed with the current parameters after a good login only', async () => {
    const older = createPasswordHasher({ memoryCost: 2048, timeCost: 2, parallelism: 1 });
    await h.addAccount('legacy');
    await h.db.prisma.account.update({ where: { username: 'legacy' }, data: { passwordHash: await older.hash(PASSWORD) } });
    const before = (await findAccountCredentials(h.db.prisma, 'legacy'))!.passwordHash;
    assert.equal(FAST_HASHER.needsRehash(before), true);

    await assert.rejects(h.client('legacy', 'not-the-password'));
    assert.equal((await findAccountCredentials(h.db.prisma, 'legacy'))!.passwordHash, before, 'a failed login changes nothing');

    const client = await h.client('legacy');
    client.close();
    await waitFor(async () => (await findAccountCredentials(h.db.prisma, 'legacy'))!.passwordHash !== before, 3000, 'the rehash');
    const after = (await findAccountCredentials(h.db.prisma, 'legacy'))!.passwordHash;
    assert.equal(FAST_HASHER.needsRehash(after), false);
    assert.equal(await FAST_HASHER.verify(after, PASSWORD), true);
    const again = await h.client('legacy');
    again.close();
  });
});
