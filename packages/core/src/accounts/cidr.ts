// IP allow/deny lists: CIDRs (IPv4 and IPv6), plain addresses meaning a single host. Lists are
// stored normalised ("addr/prefix") so every reader parses one form.
import { BlockList, isIP } from 'node:net';

/** "10.0.0.0/8" or "2001:db8::/32"; a plain address becomes /32 or /128. Returns null when invalid. */
export function normalizeCidr(text: string): string | null {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  const address = slash === -1 ? trimmed : trimmed.slice(0, slash);
  const family = isIP(address);
  if (family === 0) return null;
  const maxPrefix = family === 4 ? 32 : 128;
  const prefixText = slash === -1 ? String(maxPrefix) : trimmed.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  if (prefix > maxPrefix) return null;
  try {
    // BlockList is the authority on what the matcher will accept (zone ids, odd forms).
    new BlockList().addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
  } catch {
    return null;
  }
  return `${address}/${prefix}`;
}

export function buildBlockList(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const normalized = normalizeCidr(cidr);
    if (!normalized) continue;
    const [address, prefix] = normalized.split('/') as [string, string];
    list.addSubnet(address, Number(prefix), isIP(address) === 4 ? 'ipv4' : 'ipv6');
  }
  return list;
}

/** Whether ip is inside one of the CIDRs (IPv4-mapped IPv6 addresses are matched as IPv4). */
export function isIpInCidrs(ip: string, cidrs: readonly string[]): boolean {
  if (cidrs.length === 0) return false;
  const address = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
  const family = isIP(address);
  if (family === 0) return false;
  return buildBlockList(cidrs).check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The allow/deny decision for an account: denied wins; an empty allow list allows any address. */
export function isIpAllowed(ip: string, allowedCidrs: readonly string[], deniedCidrs: readonly string[]): boolean {
  if (isIpInCidrs(ip, deniedCidrs)) return false;
  return allowedCidrs.length === 0 || isIpInCidrs(ip, allowedCidrs);
}
