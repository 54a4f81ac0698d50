// Password strength for passwords people choose (customers, admins): zxcvbn score >= 3 with the
// common dictionaries, plus the minimum length; the person's own name and username count as known words.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { DomainError, MIN_PASSWORD_LENGTH } from '@ftp-panel/core';

export const MIN_STRENGTH_SCORE = 3;

let factory: ZxcvbnFactory | undefined;
function checker(): ZxcvbnFactory {
  // Building the ranked dictionaries takes a moment: once, on first use.
  factory ??= new ZxcvbnFactory({ dictionary: { ...dictionary }, graphs: adjacencyGraphs });
  return factory;
}

export function passwordScore(password: string, userInputs: string[] = []): number {
  return checker().check(password, userInputs).score;
}

/** Throws WEAK_PASSWORD naming the field when the password is short or easy to guess. */
export function assertStrongPassword(password: string, field: string, userInputs: string[] = []): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw DomainError.field('WEAK_PASSWORD', field, `Use at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  if (passwordScore(password, userInputs) < MIN_STRENGTH_SCORE) {
    throw DomainError.field(
      'WEAK_PASSWORD',
      field,
      'This password is too easy to guess. Use a longer phrase of unrelated words, or a generated password.',
    );
  }
}
