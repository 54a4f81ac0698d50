import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Account } from '@/lib/types.ts';
import { EMPTY_ACCOUNT_FORM, accountPayload, formValuesFromAccount } from './account-form-values.ts';

const account: Account = {
  id: 'a1',
  username: 'alice',
  email: null,
  status: 'ACTIVE',
  expiresAt: null,
  homeDir: 'alice',
  quotaBytes: 0,
  quotaFiles: 0,
  usedBytes: 0,
  usedFiles: 0,
  uploadKiBps: 0,
  downloadKiBps: 0,
  maxSessions: 0,
  allowedCidrs: [],
  deniedCidrs: [],
  permissions: ['list', 'read'],
  requireTls: false,
  isTlsSessionReuseRequired: null,
  note: '',
  version: 1,
  lastLoginAt: null,
  createdAt: '2026-11-21T10:00:00.000Z',
  updatedAt: '2026-11-21T10:00:00.000Z',
};

test('TLS session reuse: server default, required and not required map to null, true and false both ways', () => {
  assert.equal(EMPTY_ACCOUNT_FORM.tlsSessionReuse, 'default');
  assert.equal(accountPayload(EMPTY_ACCOUNT_FORM, true).isTlsSessionReuseRequired, null);
  for (const [value, choice] of [[null, 'default'], [true, 'required'], [false, 'optional']] as const) {
    const values = formValuesFromAccount({ ...account, isTlsSessionReuseRequired: value });
    assert.equal(values.tlsSessionReuse, choice);
    assert.equal(accountPayload(values, false).isTlsSessionReuseRequired, value);
  }
});
