// Address helpers shared by passive and active mode. Sockets report IPv4 peers of a dual-stack
// listener as "::ffff:a.b.c.d"; comparing and advertising always uses the plain form.
import dns from 'node:dns/promises';
import net from 'node:net';
import type { PassiveOverride } from '../types.ts';

export function normalizeIp(address: string | undefined): string {
  if (!address) return '';
  const lower = address.toLowerCase();
  return lower.startsWith('::ffff:') && net.isIPv4(lower.slice(7)) ? lower.slice(7) : lower;
}

/** Same host, whatever notation the two addresses use. */
export function isSameIp(a: string | undefined, b: string | undefined): boolean {
  const x = normalizeIp(a);
  const y = normalizeIp(b);
  if (x === y) return x !== '';
  if (net.isIPv6(x) && net.isIPv6(y)) {
    const list = new net.BlockList();
    list.addAddress(x, 'ipv6');
    return list.check(y, 'ipv6');
  }
  return false;
}

type CompiledOverride = { list: net.BlockList; host: string };
const compiledCache = new WeakMap<readonly PassiveOverride[], CompiledOverride[]>();

function compile(overrides: readonly PassiveOverride[]): CompiledOverride[] {
  let compiled = compiledCache.get(overrides);
  if (compiled) return compiled;
  compiled = overrides.map(({ cidr, host }) => {
    const [base = '', bits] = cidr.split('/');
    const family = net.isIPv6(base) ? 'ipv6' : 'ipv4';
    const prefix = bits === undefined ? (family === 'ipv6' ? 128 : 32) : Number(bits);
    const list = new net.BlockList();
    list.addSubnet(base, prefix, family);
    return { list, host };
  });
  compiledCache.set(overrides, compiled);
  return compiled;
}

/** Validates override CIDRs up front so a typo fails updateOptions() rather than a client's PASV. */
export function validateOverrides(overrides: readonly PassiveOverride[]): void {
  compile(overrides);
}

/**
 * IPv4 address to put in a 227 reply: a matching per-network override, else the configured
 * advertised host (a literal or a name resolved now, so DNS changes apply), else the local address.
 */
export async function advertisedIpv4(input: {
  clientIp: string;
  localIp: string;
  advertisedHost: string | null;
  overrides: readonly PassiveOverride[];
}): Promise<string | null> {
  const client = normalizeIp(input.clientIp);
  const family = net.isIPv6(client) ? 'ipv6' : 'ipv4';
  let host = input.advertisedHost;
  for (const override of compile(input.overrides)) {
    if (override.list.check(client, family)) {
      host = override.host;
      break;
    }
  }
  host ??= normalizeIp(input.localIp);
  if (net.isIPv4(host)) return host;
  if (net.isIP(host)) return null;
  try {
    return (await dns.lookup(host, { family: 4 })).address;
  } catch {
    return null;
  }
}
