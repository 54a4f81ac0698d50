// IP addresses and CIDR blocks, IPv4 and IPv6: the one normalisation and the one matcher used by
// account allow/deny lists, bans (API, CLI and the FTP service's BanGuard) and passive overrides.
//
// Normal form: lower case, IPv6 compressed as RFC 5952 says (the WHATWG URL parser does exactly
// that), an IPv4-mapped IPv6 address ("::ffff:192.0.2.1", any spelling) written as IPv4, so one
// host or block has one spelling whoever typed it.
import { BlockList, isIP } from 'node:net';

type Family = 'ipv4' | 'ipv6';
type Parsed = { address: string; prefix: number | null; family: Family };

const MAPPED = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/;

function canonicalIpv6(address: string): string | null {
  try {
    return new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
}

function parse(text: string): Parsed | null {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  const raw = slash === -1 ? trimmed : trimmed.slice(0, slash);
  const prefixText = slash === -1 ? null : trimmed.slice(slash + 1);
  if (prefixText !== null && !/^\d{1,3}$/.test(prefixText)) return null;
  let prefix = prefixText === null ? null : Number(prefixText);
  const kind = isIP(raw);
  if (kind === 4) return prefix !== null && prefix > 32 ? null : { address: raw, prefix, family: 'ipv4' };
  if (kind !== 6) return null;
  const address = canonicalIpv6(raw);
  if (address === null || (prefix !== null && prefix > 128)) return null;
  const mapped = MAPPED.exec(address);
  if (mapped && (prefix === null || prefix >= 96)) {
    const [high, low] = [parseInt(mapped[1] as string, 16), parseInt(mapped[2] as string, 16)];
    if (prefix !== null) prefix -= 96;
    return { address: `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`, prefix, family: 'ipv4' };
  }
  return { address, prefix, family: 'ipv6' };
}

function fullPrefix(family: Family): number {
  return family === 'ipv4' ? 32 : 128;
}

/**
 * An address ("2001:db8::1") or a block ("10.0.0.0/8") in normal form; a block of one host is
 * written as the address. Null when the text is neither.
 */
export function normalizeAddress(text: string): string | null {
  const parsed = parse(text);
  if (!parsed) return null;
  return parsed.prefix === null || parsed.prefix === fullPrefix(parsed.family) ? parsed.address : `${parsed.address}/${parsed.prefix}`;
}

/** The same, always as "address/prefix" (stored lists: "10.0.0.0/8", "192.0.2.7/32"). */
export function normalizeCidr(text: string): string | null {
  const parsed = parse(text);
  if (!parsed) return null;
  return `${parsed.address}/${parsed.prefix ?? fullPrefix(parsed.family)}`;
}

export type AddressRule = {
  matches(ip: string): boolean;
  /** True when no entry parsed (the list is empty or holds only invalid entries). */
  isEmpty: boolean;
  /** How many entries could not be parsed (and are ignored by matches). */
  invalidCount: number;
};

/** A matcher for a list of addresses and blocks; entries that do not parse match nothing. */
export function compileAddressRule(entries: readonly string[]): AddressRule {
  const list = new BlockList();
  let count = 0;
  let invalidCount = 0;
  for (const entry of entries) {
    const parsed = parse(entry);
    if (!parsed) {
      invalidCount++;
      continue;
    }
    list.addSubnet(parsed.address, parsed.prefix ?? fullPrefix(parsed.family), parsed.family);
    count++;
  }
  return {
    isEmpty: count === 0,
    invalidCount,
    matches(ip) {
      const parsed = count === 0 ? null : parse(ip);
      return parsed !== null && parsed.prefix === null && list.check(parsed.address, parsed.family);
    },
  };
}

/** Whether ip is inside one of the entries (any spelling of either side). */
export function isIpInCidrs(ip: string, cidrs: readonly string[]): boolean {
  return compileAddressRule(cidrs).matches(ip);
}

/**
 * The allow/deny decision for an account: a denied entry wins; an empty allow list allows any
 * address; an allow list whose entries are all invalid allows none (a typo must not open the
 * account to the world).
 */
export function isAddressAllowed(ip: string, allowed: readonly string[], denied: readonly string[]): boolean {
  if (compileAddressRule(denied).matches(ip)) return false;
  return allowed.length === 0 || compileAddressRule(allowed).matches(ip);
}
