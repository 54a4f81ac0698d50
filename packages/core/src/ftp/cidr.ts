// Per-account allow/deny lists of addresses and CIDR blocks, IPv4 and IPv6, via net.BlockList.
import net from 'node:net';

export type AddressRule = { matches(ip: string): boolean; isEmpty: boolean };

function family(ip: string): 'ipv4' | 'ipv6' | null {
  const v = net.isIP(ip);
  return v === 4 ? 'ipv4' : v === 6 ? 'ipv6' : null;
}

/** Builds a matcher; entries that do not parse are ignored (the API validates them on write). */
export function compileAddressRule(entries: readonly string[]): AddressRule {
  const list = new net.BlockList();
  let count = 0;
  for (const raw of entries) {
    const entry = raw.trim();
    const slash = entry.indexOf('/');
    const address = slash < 0 ? entry : entry.slice(0, slash);
    const kind = family(address);
    if (!kind) continue;
    if (slash < 0) {
      list.addAddress(address, kind);
    } else {
      const prefix = Number(entry.slice(slash + 1));
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (kind === 'ipv4' ? 32 : 128)) continue;
      list.addSubnet(address, prefix, kind);
    }
    count++;
  }
  return {
    isEmpty: count === 0,
    matches(ip) {
      const kind = family(ip);
      if (!kind) return false;
      if (list.check(ip, kind)) return true;
      // An IPv4 client may also be written as an IPv4-mapped IPv6 address in the list, and back.
      if (kind === 'ipv4') return list.check(`::ffff:${ip}`, 'ipv6');
      const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
      return mapped?.[1] ? list.check(mapped[1], 'ipv4') : false;
    },
  };
}

/** Denied entries win; a non-empty allow list admits only its members. */
export function isAddressAllowed(ip: string, allowed: readonly string[], denied: readonly string[]): boolean {
  if (compileAddressRule(denied).matches(ip)) return false;
  const allow = compileAddressRule(allowed);
  return allow.isEmpty || allow.matches(ip);
}
