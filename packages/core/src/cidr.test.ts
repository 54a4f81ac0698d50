import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileAddressRule, isAddressAllowed, normalizeAddress, normalizeCidr } from './cidr.ts';

test('address lists: IPv4 and IPv6, deny wins, IPv4-mapped addresses', () => {
  assert.equal(isAddressAllowed('10.1.2.3', [], []), true);
  assert.equal(isAddressAllowed('10.1.2.3', ['10.0.0.0/8'], []), true);
  assert.equal(isAddressAllowed('11.1.2.3', ['10.0.0.0/8'], []), false);
  assert.equal(isAddressAllowed('10.1.2.3', ['10.0.0.0/8'], ['10.1.0.0/16']), false);
  assert.equal(isAddressAllowed('2001:db8::5', ['2001:db8::/32'], []), true);
  assert.equal(isAddressAllowed('2001:db9::5', ['2001:db8::/32'], []), false);
  assert.equal(isAddressAllowed('::1', [], ['::1']), false);
  assert.equal(isAddressAllowed('192.0.2.1', ['::ffff:192.0.2.0/120'], []), true);
  assert.equal(isAddressAllowed('::ffff:192.0.2.1', ['192.0.2.0/24'], []), true, 'a dual-stack socket reports IPv4 peers mapped');
  assert.equal(isAddressAllowed('2001:DB8:0:0::5', ['2001:db8::5'], []), true, 'any spelling of the client address');
});

test('an allow list of only invalid entries allows nobody; invalid entries elsewhere match nothing', () => {
  assert.equal(isAddressAllowed('192.0.2.1', ['not-an-address'], []), false);
  assert.equal(isAddressAllowed('192.0.2.1', ['10.0.0.0/33', 'nope'], []), false);
  assert.equal(isAddressAllowed('192.0.2.1', ['not-an-address', '192.0.2.0/24'], []), true);
  assert.equal(isAddressAllowed('192.0.2.1', [], ['not-an-address']), true);
  const rule = compileAddressRule(['nope', '10.0.0.0/8']);
  assert.equal(rule.invalidCount, 1);
  assert.equal(rule.isEmpty, false);
});

test('one normal form: case, IPv6 compression, IPv4-mapped, prefixes', () => {
  for (const spelling of ['2001:db8::1', '2001:DB8::1', '2001:0db8:0000:0000:0000:0000:0000:0001', ' 2001:db8:0:0::1 ', '2001:db8::1/128']) {
    assert.equal(normalizeAddress(spelling), '2001:db8::1', spelling);
  }
  assert.equal(normalizeAddress('2001:DB8:0::/32'), '2001:db8::/32');
  assert.equal(normalizeAddress('::FFFF:192.0.2.7'), '192.0.2.7');
  assert.equal(normalizeAddress('::ffff:c000:207'), '192.0.2.7');
  assert.equal(normalizeAddress('::ffff:192.0.2.0/120'), '192.0.2.0/24');
  assert.equal(normalizeAddress('192.0.2.7/32'), '192.0.2.7');
  assert.equal(normalizeAddress('10.0.0.0/8'), '10.0.0.0/8');
  assert.equal(normalizeCidr('192.0.2.7'), '192.0.2.7/32');
  assert.equal(normalizeCidr('2001:DB8::1'), '2001:db8::1/128');
  for (const bad of ['', 'not-an-ip', '999.1.1.1', '10.0.0.0/33', '2001:db8::/129', '10.0.0.0/', '10.0.0.0/-1', '1.2.3.4/8/8', 'fe80::1%eth0']) {
    assert.equal(normalizeAddress(bad), null, bad);
    assert.equal(normalizeCidr(bad), null, bad);
  }
});
