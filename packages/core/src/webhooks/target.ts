// Where a webhook may be delivered. By default only to public addresses: an endpoint URL must not
// become a way to probe or call services inside the panel's network (loopback, private ranges,
// cloud metadata at 169.254.169.254...). The name is resolved once per use and the answer is what
// gets checked and then connected to (see request.ts), so a DNS answer that changes in between
// (rebinding) cannot move the request inside.
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { normalizeAddress } from '../cidr.ts';
import type { FieldIssue } from '../errors.ts';

/** Resolves a host name to its addresses (all of them); injectable for tests. */
export type WebhookResolver = (hostname: string) => Promise<{ address: string; family: 4 | 6 }[]>;

/** Blocks refused unless isWebhookPrivateTargetAllowed: each with what it is, for the message. */
const BLOCKED: [cidr: string, what: string][] = [
  ['0.0.0.0/8', 'this-network'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'shared (CGNAT)'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.168.0.0/16', 'private'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['fc00::/7', 'unique-local'],
  ['fe80::/10', 'link-local'],
  ['ff00::/8', 'multicast'],
];

const LISTS = BLOCKED.map(([cidr, what]) => {
  const [address, prefix] = cidr.split('/') as [string, string];
  const list = new BlockList();
  list.addSubnet(address, Number(prefix), isIP(address) === 4 ? 'ipv4' : 'ipv6');
  return { list, what };
});

/**
 * What kind of inside address this is ("loopback", "private"...), or null for a public one. An
 * IPv4-mapped IPv6 address (::ffff:127.0.0.1) is judged as the IPv4 address it carries; text
 * that is not an address counts as blocked.
 */
export function blockedAddressKind(ip: string): string | null {
  const normal = normalizeAddress(ip.replace(/^\[|\]$/g, ''));
  const family = normal === null ? 0 : isIP(normal);
  if (normal === null || family === 0) return 'not an address';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  return LISTS.find(({ list }) => list.check(normal, type))?.what ?? null;
}

export const systemResolver: WebhookResolver = async (hostname) => {
  const answers = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** Why a delivery to a target could not start; stored as the delivery's error class. */
export class TargetError extends Error {
  constructor(
    readonly errorClass: 'DNS' | 'BLOCKED_ADDRESS',
    message: string,
  ) {
    super(message);
    this.name = 'TargetError';
  }
}

/** The host of a URL as the resolver and the address rules take it (brackets of IPv6 removed). */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

/**
 * The one address a request to this host goes to: a literal is itself; a name is resolved once and
 * every answer must be allowed (a name with one inside address among public ones is refused, the
 * choice among them would otherwise be the resolver's). Throws TargetError (DNS, BLOCKED_ADDRESS).
 */
export async function pinTarget(host: string, options: { resolve: WebhookResolver; isPrivateAllowed: boolean }): Promise<{ address: string; family: 4 | 6 }> {
  const literal = isIP(host);
  let answers: { address: string; family: 4 | 6 }[];
  if (literal !== 0) {
    answers = [{ address: host, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      answers = await options.resolve(host);
    } catch {
      throw new TargetError('DNS', `${host} does not resolve.`);
    }
    if (answers.length === 0) throw new TargetError('DNS', `${host} does not resolve.`);
  }
  if (!options.isPrivateAllowed) {
    for (const answer of answers) {
      const kind = blockedAddressKind(answer.address);
      if (kind !== null) {
        const via = literal === 0 ? `${host} resolves to ${answer.address}, ` : `${answer.address} is `;
        throw new TargetError('BLOCKED_ADDRESS', `${via}a ${kind} address; webhooks go to public addresses only (unless the setting isWebhookPrivateTargetAllowed is on).`);
      }
    }
  }
  return answers[0] as { address: string; family: 4 | 6 };
}

/**
 * The check at subscription time: the URL's host must not be, or resolve to, an inside address.
 * A name that does not resolve now is accepted (it may later); delivery checks again.
 */
export async function webhookTargetIssue(url: string, options: { resolve: WebhookResolver; isPrivateAllowed: boolean; timeoutMs?: number }): Promise<FieldIssue | null> {
  if (options.isPrivateAllowed) return null;
  let host: string;
  try {
    host = hostOf(new URL(url));
  } catch {
    return null; // the URL rule reports it
  }
  const timeoutMs = options.timeoutMs ?? 5_000;
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<{ address: string; family: 4 | 6 }[]>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
  });
  const resolve: WebhookResolver = (name) => Promise.race([options.resolve(name), slow]);
  try {
    await pinTarget(host, { resolve, isPrivateAllowed: false });
    return null;
  } catch (e) {
    if (e instanceof TargetError && e.errorClass === 'BLOCKED_ADDRESS') return { field: 'url', message: e.message };
    return null;
  } finally {
    clearTimeout(timer);
  }
}
