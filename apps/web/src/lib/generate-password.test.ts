import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPasswordStrength } from '../../../../packages/core/src/password-policy.ts';
import { generatePassword, PASSWORD_ALPHABET } from './generate-password.ts';

test('20 characters from the unambiguous alphabet, different every time, accepted by the policy', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 50; i++) {
    const p = generatePassword();
    assert.equal(p.length, 20);
    assert.ok([...p].every((c) => PASSWORD_ALPHABET.includes(c)));
    assert.doesNotMatch(p, /[0O1lI]/);
    assert.equal(checkPasswordStrength(p, ['alice', 'alice@example.com']).isOk, true, p);
    seen.add(p);
  }
  assert.equal(seen.size, 50);
});
