// argon2id password hashing with bounded concurrency: each hash holds MEMORY_KIB of RAM, so a
// login storm must queue instead of allocating without limit.
import argon2 from 'argon2';
import { randomBytes, randomInt } from 'node:crypto';
import { availableParallelism } from 'node:os';

/**
 * OWASP's first argon2id recommendation (m = 46 MiB, t = 1, p = 1). Measured on the 2-core build
 * machine: 66 ms to hash, 61 ms to verify (README, "Passwords").
 */
export const ARGON2_PARAMS = { memoryCost: 47_104, timeCost: 1, parallelism: 1 } as const;
export type Argon2Params = { memoryCost: number; timeCost: number; parallelism: number };

/** A tiny FIFO semaphore. */
export class Limiter {
  #active = 0;
  readonly #queue: Array<() => void> = [];
  constructor(readonly max: number) {}
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#active >= this.max) await new Promise<void>((resolve) => this.#queue.push(resolve));
    this.#active++;
    try {
      return await task();
    } finally {
      this.#active--;
      this.#queue.shift()?.();
    }
  }
  get pending(): number {
    return this.#queue.length;
  }
}

export type PasswordHasher = {
  hash(password: string): Promise<string>;
  /** False for a wrong password or an unreadable hash. */
  verify(hash: string, password: string): Promise<boolean>;
  /** True when the hash was made with other parameters and should be replaced after a login. */
  needsRehash(hash: string): boolean;
};

export function createPasswordHasher(
  params: Argon2Params = ARGON2_PARAMS,
  maxConcurrent = Math.max(2, Math.min(4, availableParallelism())),
): PasswordHasher {
  const limiter = new Limiter(maxConcurrent);
  const options = { type: argon2.argon2id as 2, ...params };
  return {
    hash: (password) => limiter.run(() => argon2.hash(password, options)),
    verify: (hash, password) => limiter.run(() => argon2.verify(hash, password).catch(() => false)),
    needsRehash: (hash) => {
      try {
        return argon2.needsRehash(hash, options);
      } catch {
        return true;
      }
    },
  };
}

/** A dummy hash to verify against for unknown users, so timing does not reveal who exists. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(hasher: PasswordHasher): Promise<string> {
  dummyHash ??= hasher.hash(randomBytes(16).toString('hex'));
  return dummyHash;
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** 20 characters from a 57-symbol alphabet without look-alikes: about 117 bits. */
export function generatePassword(length = 20): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;
