import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { listAuditEntries, SYSTEM_ACTOR } from '@ftp-panel/db';
import { createTestDb, testProviders, type TestDb } from '@ftp-panel/db/testing';
import { TOTP } from 'otpauth';
import { DomainError } from '../errors.ts';
import {
  confirmTwoFactorEnrolment,
  disableTwoFactor,
  resetTwoFactor,
  secondFactorStepFor,
  setAdminTwoFactorRequired,
  startTwoFactorEnrolment,
  twoFactorStatus,
  verifySecondFactor,
  type TwoFactorUser,
} from './service.ts';

/** What an authenticator app shows at `at`: computed from the shared secret, not by the code under test. */
function appCode(secret: string, at: Date): string {
  return new TOTP({ secret, digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: at.getTime() });
}

const isWrongCode = (e: unknown) => e instanceof DomainError && e.code === 'VALIDATION_FAILED' && e.details[0]?.field === 'code';

for (const { provider, skip } of await testProviders()) {
  describe(`two-factor use cases (${provider})`, { skip }, () => {
    let t: TestDb;
    let clock = new Date('2026-05-01T10:00:05Z');
    const ctx = () => ({ db: t.prisma, actor: SYSTEM_ACTOR, now: () => clock });
    let serial = 0;
    const newAdmin = async (): Promise<TwoFactorUser> => {
      const username = `tf-admin-${++serial}`;
      const row = await t.prisma.admin.create({ data: { username, passwordHash: 'x', role: 'ADMIN' } });
      return { kind: 'admin', id: row.id, name: username };
    };
    const enrolled = async () => {
      const user = await newAdmin();
      const { secret, uri, qrSvg } = await startTwoFactorEnrolment({ ...ctx(), issuer: 'ftp.example.test' }, user);
      assert.match(uri, /^otpauth:\/\/totp\/ftp\.example\.test:tf-admin-\d+\?/);
      assert.match(uri, new RegExp(`secret=${secret}`));
      assert.match(qrSvg, /^<svg[\s\S]*<\/svg>\s*$/);
      const { recoveryCodes } = await confirmTwoFactorEnrolment(ctx(), user, appCode(secret, clock));
      return { user, secret, recoveryCodes };
    };

    before(async () => (t = await createTestDb(provider)));
    after(async () => t?.cleanup());

    test('enrolment: a wrong code does not enable; the right one returns ten distinct recovery codes, only hashes stored', async () => {
      const user = await newAdmin();
      const { secret } = await startTwoFactorEnrolment(ctx(), user);
      await assert.rejects(confirmTwoFactorEnrolment(ctx(), user, '000000'), isWrongCode);
      assert.deepEqual(await twoFactorStatus(ctx(), user), { isEnabled: false, recoveryCodesLeft: 0 });
      assert.equal(await secondFactorStepFor(ctx(), user), null);
      const { recoveryCodes } = await confirmTwoFactorEnrolment(ctx(), user, appCode(secret, clock));
      assert.equal(new Set(recoveryCodes).size, 10);
      assert.deepEqual(await twoFactorStatus(ctx(), user), { isEnabled: true, recoveryCodesLeft: 10 });
      assert.equal(await secondFactorStepFor(ctx(), user), 'VERIFY');
      const row = await t.prisma.admin.findUniqueOrThrow({ where: { id: user.id } });
      for (const code of recoveryCodes) assert.ok(!row.recoveryCodes.includes(code), 'a recovery code is stored in clear');
      await assert.rejects(startTwoFactorEnrolment(ctx(), user), /already on/);
    });

    test('sign-in: a code once; replayed within its window refused; an older step refused; a neighbour step accepted', async () => {
      const { user, secret } = await enrolled();
      clock = new Date(clock.getTime() + 30_000);
      const code = appCode(secret, clock);
      assert.deepEqual(await verifySecondFactor(ctx(), user, code), { method: 'TOTP', recoveryCodesLeft: 10 });
      assert.equal(await verifySecondFactor(ctx(), user, code), null, 'the same code again, same step');
      clock = new Date(clock.getTime() + 20_000);
      assert.equal(await verifySecondFactor(ctx(), user, code), null, 'the same code again, still inside the ±1 window');
      // The app's clock lags one step behind: accepted only if that step was not used yet.
      clock = new Date(clock.getTime() + 60_000);
      const lagging = appCode(secret, new Date(clock.getTime() - 30_000));
      assert.ok(await verifySecondFactor(ctx(), user, lagging));
      assert.equal(await verifySecondFactor(ctx(), user, appCode(secret, new Date(clock.getTime() - 120_000))), null, 'outside the window');
      assert.equal(await verifySecondFactor(ctx(), user, '000000'), null);
    });

    test('two requests with the same code at once: exactly one is accepted', async () => {
      const { user, secret } = await enrolled();
      clock = new Date(clock.getTime() + 30_000);
      const code = appCode(secret, clock);
      const results = await Promise.all([verifySecondFactor(ctx(), user, code), verifySecondFactor(ctx(), user, code)]);
      assert.equal(results.filter(Boolean).length, 1);
    });

    test('a recovery code works once, in any spelling; the second use is refused', async () => {
      const { user, recoveryCodes } = await enrolled();
      const code = recoveryCodes[3] as string;
      assert.deepEqual(await verifySecondFactor(ctx(), user, ` ${code.toUpperCase()} `), { method: 'RECOVERY_CODE', recoveryCodesLeft: 9 });
      assert.equal(await verifySecondFactor(ctx(), user, code), null);
      assert.equal((await twoFactorStatus(ctx(), user)).recoveryCodesLeft, 9);
      assert.equal(await verifySecondFactor(ctx(), user, 'aaaaa-bbbbb'), null);
    });

    test('disable needs a valid code; reset does not, and is audited', async () => {
      const { user, secret, recoveryCodes } = await enrolled();
      await assert.rejects(disableTwoFactor(ctx(), user, '000000'), isWrongCode);
      assert.equal((await twoFactorStatus(ctx(), user)).isEnabled, true);
      clock = new Date(clock.getTime() + 30_000);
      await disableTwoFactor(ctx(), user, appCode(secret, clock));
      assert.equal((await twoFactorStatus(ctx(), user)).isEnabled, false);
      assert.equal(await verifySecondFactor(ctx(), user, recoveryCodes[0] as string), null, 'recovery codes end with it');

      const other = await enrolled();
      assert.deepEqual(await resetTwoFactor(ctx(), other.user), { wasEnabled: true });
      assert.equal((await twoFactorStatus(ctx(), other.user)).isEnabled, false);
      const { items } = await listAuditEntries(t.prisma, { action: 'two-factor.reset' });
      assert.ok(items.some((e) => e.targetId === other.user.name));
    });

    test('the owner requires two-factor: an admin without it must enrol; one with it cannot turn it off', async () => {
      const plain = await newAdmin();
      const { user, secret } = await enrolled();
      await setAdminTwoFactorRequired(ctx(), true);
      try {
        assert.equal(await secondFactorStepFor(ctx(), plain), 'ENROL');
        assert.equal(await secondFactorStepFor(ctx(), user), 'VERIFY');
        clock = new Date(clock.getTime() + 30_000);
        await assert.rejects(disableTwoFactor(ctx(), user, appCode(secret, clock)), /requires two-factor/);
      } finally {
        await setAdminTwoFactorRequired(ctx(), false);
      }
      assert.equal(await secondFactorStepFor(ctx(), plain), null);
    });
  });
}
