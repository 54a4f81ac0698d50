// The one password-strength policy for passwords people choose: owners at setup, admins (API, CLI,
// ADMIN_PASSWORD), FTP accounts set by an admin (API, UI, CLI) and customers in the portal.
// zxcvbn with the common and English dictionaries; the person's username and email count as known words.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';
import { DomainError } from './errors.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords.ts';

/** zxcvbn score 3: "safely unguessable", about 10^8 guesses or more. */
export const MIN_STRENGTH_SCORE = 3;
/** zxcvbn's matching grows with the input: only this many characters are scored (the rest only adds strength). */
const CHECKED_LENGTH = 100;
const ADVICE = 'Use a longer phrase of unrelated words, or a generated password.';

export type PasswordVerdict = { isOk: true } | { isOk: false; reason: string };

let factory: ZxcvbnFactory | undefined;
function checker(): ZxcvbnFactory {
  // Building the ranked dictionaries takes a moment: once, on first use.
  factory ??= new ZxcvbnFactory({
    translations,
    graphs: adjacencyGraphs,
    dictionary: { ...commonDictionary, ...englishDictionary },
  });
  return factory;
}

/** Ok, or the reason in words (length first, then zxcvbn's warning or suggestion). */
export function checkPasswordStrength(password: string, userInputs: ReadonlyArray<string | null | undefined> = []): PasswordVerdict {
  if (password.length < MIN_PASSWORD_LENGTH) return { isOk: false, reason: `The password needs at least ${MIN_PASSWORD_LENGTH} characters.` };
  if (password.length > MAX_PASSWORD_LENGTH) return { isOk: false, reason: `The password may have at most ${MAX_PASSWORD_LENGTH} characters.` };
  const known = userInputs.filter((input): input is string => typeof input === 'string' && input.length > 0);
  const result = checker().check(password.slice(0, CHECKED_LENGTH), known);
  if (result.score >= MIN_STRENGTH_SCORE) return { isOk: true };
  const hint = result.feedback.warning || result.feedback.suggestions[0];
  return { isOk: false, reason: `${hint || 'This password is too easy to guess.'} ${ADVICE}` };
}

/** Throws WEAK_PASSWORD naming the field when the password is short or easy to guess. */
export function assertStrongPassword(password: string, field: string, userInputs: ReadonlyArray<string | null | undefined> = []): void {
  const verdict = checkPasswordStrength(password, userInputs);
  if (!verdict.isOk) throw DomainError.field('WEAK_PASSWORD', field, verdict.reason);
}
