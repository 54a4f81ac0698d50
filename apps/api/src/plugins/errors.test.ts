// Request validation reports every problem at once, each with its field path, in the one error shape.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { as, createTestApp, errorOf, seedAdmin, signIn, type Session, type TestApp } from '../test-support.ts';

describe('request validation', () => {
  let t: TestApp;
  let owner: Session;
  before(async () => {
    t = await createTestApp('sqlite');
    await seedAdmin(t, 'root', 'OWNER');
    owner = await signIn(t.app, 'root');
  });
  after(() => t.close());

  test('three bad fields of an account: one 400 naming all three', async () => {
    const response = await as(t.app, owner, {
      method: 'POST',
      url: '/api/v1/accounts',
      payload: { username: 'alice', quotaBytes: -1, allowedCidrs: ['10.0.0.0/8', { cidr: '10.0.0.0/8' }], status: 'SLEEPING' },
    });
    assert.equal(response.statusCode, 400, response.body);
    const error = errorOf(response);
    assert.equal(error.code, 'VALIDATION_FAILED');
    assert.deepEqual(error.details.map((d) => d.field).sort(), ['allowedCidrs.1', 'quotaBytes', 'status']);
    assert.ok(error.details.every((d) => d.message.length > 0));
    assert.match(error.message, /allowedCidrs\.1/);
    assert.equal(await t.db.prisma.account.count(), 0);
  });

  test('nested paths, missing and unknown fields are all named in one answer', async () => {
    const response = await as(t.app, owner, {
      method: 'PATCH',
      url: '/api/v1/settings',
      payload: { pasvOverrides: [{ cidr: '10.0.0.0/8', host: 'a.example' }, { cidr: { bits: 5 } }], tlsMode: 'SOMETIMES', colour: 'blue' },
    });
    assert.equal(response.statusCode, 400, response.body);
    const details = errorOf(response).details;
    assert.deepEqual(details.map((d) => d.field).sort(), ['colour', 'pasvOverrides.1.cidr', 'pasvOverrides.1.host', 'tlsMode']);
    assert.equal(details.find((d) => d.field === 'pasvOverrides.1.host')?.message, 'is required');
    assert.equal(details.find((d) => d.field === 'colour')?.message, 'is not a known field');
    assert.match(details.find((d) => d.field === 'tlsMode')?.message ?? '', /^must be one of /);
  });
});
