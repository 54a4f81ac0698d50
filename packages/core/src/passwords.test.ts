import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ARGON2_PARAMS, createPasswordHasher, generatePassword, Limiter } from './passwords.ts';

test('argon2id hashes with the chosen parameters and verifies', async () => {
  const hasher = createPasswordHasher();
  const hash = await hasher.hash('correct horse battery');
  assert.match(hash, /^\$argon2id\$v=19\$/);
  const params = hash.split('$')[3]!.split(',').sort();
  assert.deepEqual(params, [`m=${ARGON2_PARAMS.memoryCost}`, `p=${ARGON2_PARAMS.parallelism}`, `t=${ARGON2_PARAMS.timeCost}`]);
  assert.equal(await hasher.verify(hash, 'correct horse battery'), true);
  assert.equal(await hasher.verify(hash, 'wrong'), false);
  assert.equal(await hasher.verify('not a hash', 'x'), false);
  assert.equal(hasher.needsRehash(hash), false);
});

test('hashes made with older parameters are flagged for upgrade', async () => {
  const old = createPasswordHasher({ memoryCost: 4096, timeCost: 1, parallelism: 1 });
  const hash = await old.hash('pw-1234567890');
  assert.equal(createPasswordHasher().needsRehash(hash), true);
  assert.equal(await createPasswordHasher().verify(hash, 'pw-1234567890'), true, 'old hashes still verify');
});

test('hashing concurrency is bounded', async () => {
  const limiter = new Limiter(2);
  let active = 0;
  let peak = 0;
  await Promise.all(
    Array.from({ length: 10 }, () =>
      limiter.run(async () => {
        peak = Math.max(peak, ++active);
        await new Promise((r) => setTimeout(r, 5));
        active--;
      }),
    ),
  );
  assert.equal(peak, 2);
});

test('generated passwords are long and varied', () => {
  const a = generatePassword();
  assert.equal(a.length, 20);
  assert.notEqual(a, generatePassword());
  assert.doesNotMatch(a, /[O0Il1]/);
});
