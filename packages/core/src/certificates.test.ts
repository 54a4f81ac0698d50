// Uploaded FTPS certificates are refused with the reason and the field: weak RSA and EC keys, SHA-1
// and MD5 signatures, expired or not yet valid, a key of another certificate. Pairs made by openssl.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { validateCertificatePair } from './certificates.ts';
import { DomainError } from './errors.ts';

type Pair = { cert: string; key: string };

let dir: string;
function pair(name: string, keyArgs: string[], extra: string[] = []): Pair {
  const key = path.join(dir, `${name}.key`);
  const cert = path.join(dir, `${name}.crt`);
  execFileSync('openssl', [...keyArgs, '-out', key], { stdio: 'pipe' });
  execFileSync('openssl', ['req', '-x509', '-new', '-key', key, '-out', cert, '-days', '30', '-subj', `/CN=${name}.example`, ...extra], { stdio: 'pipe' });
  return { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') };
}
const rsa = (bits: number) => ['genpkey', '-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${bits}`];
const ec = (curve: string) => ['genpkey', '-algorithm', 'EC', '-pkeyopt', `ec_paramgen_curve:${curve}`];

function refusal(p: Pair, now?: Date): { field: string | undefined; message: string } {
  try {
    validateCertificatePair(p.cert, p.key, now);
  } catch (e) {
    assert.ok(e instanceof DomainError);
    assert.equal(e.code, 'INVALID_CERTIFICATE');
    assert.equal(e.status, 400);
    return { field: e.details[0]?.field, message: e.message };
  }
  assert.fail('accepted');
}

describe('certificate upload rules', () => {
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cert-rules-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('good pairs pass: RSA 2048 SHA-256, EC P-256, EC P-384; the description carries the SHA-256 fingerprint', () => {
    for (const p of [pair('rsa2048', rsa(2048), ['-sha256']), pair('p256', ec('P-256')), pair('p384', ec('P-384'))]) {
      const info = validateCertificatePair(p.cert, p.key);
      assert.equal(info.fingerprint256, new X509Certificate(p.cert).fingerprint256);
      assert.match(info.subject, /CN=/);
      assert.ok(info.validFrom < info.expiresAt);
    }
  });

  test('an RSA key below 2048 bits', () => {
    const r = refusal(pair('rsa1024', rsa(1024), ['-sha256']));
    assert.equal(r.field, 'certPem');
    assert.match(r.message, /1024 bits; at least 2048/);
  });

  test('an EC curve below P-256', () => {
    const r = refusal(pair('p224', ec('secp224r1')));
    assert.equal(r.field, 'certPem');
    assert.match(r.message, /secp224r1; P-256/);
  });

  test('SHA-1 and MD5 signatures', () => {
    assert.match(refusal(pair('sha1', rsa(2048), ['-sha1'])).message, /signed with SHA-1/);
    assert.match(refusal(pair('ecsha1', ec('P-256'), ['-sha1'])).message, /signed with SHA-1/);
    // OpenSSL 3 may refuse to sign with MD5 at its default security level; test it when it does sign.
    let md5: Pair | null = null;
    try {
      md5 = pair('md5', rsa(2048), ['-md5']);
    } catch {
      md5 = null;
    }
    if (md5) assert.match(refusal(md5).message, /signed with MD5/);
  });

  test('expired, and not yet valid (the use case takes the time as an argument)', () => {
    const p = pair('dated', rsa(2048), ['-sha256']);
    const cert = new X509Certificate(p.cert);
    const expired = refusal(p, new Date(new Date(cert.validTo).getTime() + 1000));
    assert.equal(expired.field, 'certPem');
    assert.match(expired.message, /expired on/);
    const early = refusal(p, new Date(new Date(cert.validFrom).getTime() - 86_400_000));
    assert.equal(early.field, 'certPem');
    assert.match(early.message, /not valid before/);
  });

  test('a key that does not belong to the certificate; text that is not PEM', () => {
    const a = pair('a', rsa(2048), ['-sha256']);
    const b = pair('b', rsa(2048), ['-sha256']);
    const mismatch = refusal({ cert: a.cert, key: b.key });
    assert.equal(mismatch.field, 'keyPem');
    assert.match(mismatch.message, /does not belong/);
    assert.equal(refusal({ cert: 'nope', key: a.key }).field, 'certPem');
    assert.equal(refusal({ cert: a.cert, key: 'nope' }).field, 'keyPem');
  });
});
