// Passive-mode diagnostics: which ports of the range can be bound, whether the advertised address
// makes sense for where clients come from, a self-test through the advertised address, and
// firewall rules to paste.
import net from 'node:net';
import { readdir, readFile, readlink } from 'node:fs/promises';

export type Warning = { code: string; message: string; field?: string };

/** The kernel's ephemeral (outgoing) port range, or null when it cannot be read (not Linux). */
export async function ephemeralRange(file: string): Promise<{ min: number; max: number } | null> {
  const text = await readFile(file, 'utf8').catch(() => null);
  const match = text ? /^\s*(\d+)\s+(\d+)/.exec(text) : null;
  return match ? { min: Number(match[1]), max: Number(match[2]) } : null;
}

export function overlapWarning(range: { min: number; max: number }, ephemeral: { min: number; max: number } | null): Warning | null {
  if (!ephemeral || range.max < ephemeral.min || range.min > ephemeral.max) return null;
  return {
    code: 'PASV_OVERLAPS_EPHEMERAL',
    field: 'pasvPortMin',
    message: `The passive range ${range.min}-${range.max} overlaps the kernel's ephemeral port range ${ephemeral.min}-${ephemeral.max}: outgoing connections may occupy passive ports now and then. Prefer a range outside it.`,
  };
}

export function isPrivateAddress(ip: string): boolean {
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (net.isIPv4(v4)) {
    const [a = 0, b = 0] = v4.split('.').map(Number);
    return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
  }
  if (net.isIPv6(ip)) {
    const lower = ip.toLowerCase();
    return lower === '::1' || lower.startsWith('fc') || lower.startsWith('fd') || lower.startsWith('fe80');
  }
  return false;
}

/** Listening TCP ports held by this very process (Linux /proc): the FTP service's own passive listeners. */
export async function portsHeldByThisProcess(): Promise<Set<number>> {
  const held = new Set<number>();
  try {
    const inodes = new Set<string>();
    for (const fd of await readdir('/proc/self/fd')) {
      const target = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
      const match = /^socket:\[(\d+)\]$/.exec(target);
      if (match) inodes.add(match[1] as string);
    }
    for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
      const text = await readFile(file, 'utf8').catch(() => '');
      for (const line of text.split('\n').slice(1)) {
        const cols = line.trim().split(/\s+/);
        // local_address is HEXIP:HEXPORT, state 0A is LISTEN, inode is column 10.
        if (cols[3] === '0A' && cols[9] && inodes.has(cols[9])) held.add(parseInt((cols[1] ?? '').split(':')[1] ?? '0', 16));
      }
    }
  } catch {
    // not Linux: nothing is known to be ours
  }
  return held;
}

function canBind(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Binds each port of the range (at most `cap` of them, a few at a time). */
export async function checkPorts(range: { min: number; max: number }, host: string, cap = 2000): Promise<{ total: number; bindable: number; unbindable: number[]; checked: number }> {
  const held = await portsHeldByThisProcess();
  const total = range.max - range.min + 1;
  const ports = Array.from({ length: Math.min(total, cap) }, (_, i) => range.min + i);
  const unbindable: number[] = [];
  let bindable = 0;
  for (let i = 0; i < ports.length; i += 50) {
    const batch = ports.slice(i, i + 50);
    const results = await Promise.all(batch.map((p) => (held.has(p) ? Promise.resolve(true) : canBind(p, host))));
    results.forEach((ok, j) => (ok ? bindable++ : unbindable.push(batch[j] as number)));
  }
  return { total, bindable, unbindable, checked: ports.length };
}

type PortCheck = Awaited<ReturnType<typeof checkPorts>>;
const portChecks = new Map<string, { at: number; result: Promise<PortCheck> }>();

/**
 * checkPorts, reused while younger than maxAgeMs: the overview asks on every refresh and binding a
 * whole range each time would be wasteful. maxAgeMs 0 checks afresh (and refreshes the cache).
 */
export function checkPortsCached(range: { min: number; max: number }, host: string, maxAgeMs: number): Promise<PortCheck> {
  const key = `${host}|${range.min}-${range.max}`;
  const now = Date.now();
  const cached = portChecks.get(key);
  if (cached && now - cached.at < maxAgeMs) return cached.result;
  const result = checkPorts(range, host);
  // Only the latest range matters: the cache never holds more than a few entries.
  if (portChecks.size > 8) portChecks.clear();
  portChecks.set(key, { at: now, result });
  result.catch(() => portChecks.delete(key));
  return result;
}

/** The warning for ports of the passive range that another program holds. */
export function unbindablePortsWarning(ports: PortCheck, code = 'PASV_PORTS_UNBINDABLE'): Warning | null {
  if (ports.unbindable.length === 0) return null;
  const sample = ports.unbindable.slice(0, 5).join(', ');
  return {
    code,
    message: `${ports.unbindable.length} of ${ports.total} passive port(s) are used by another program (${sample}${ports.unbindable.length > 5 ? ', …' : ''}) and cannot serve transfers.`,
  };
}

/** Connects to host:port and expects the FTP greeting (220). */
export function ftpSelfTest(host: string, port: number, timeoutMs = 3000): Promise<{ isOk: boolean; message: string }> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let buffer = '';
    const finish = (isOk: boolean, message: string) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ isOk, message });
    };
    const timer = setTimeout(() => finish(false, `No FTP greeting from ${host}:${port} within ${timeoutMs / 1000} s.`), timeoutMs);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      const line = buffer.split(/\r?\n/)[0] ?? '';
      if (buffer.includes('\n')) {
        if (/^220[ -]/.test(line)) finish(true, `Reached the FTP service at ${host}:${port} (${line.slice(0, 120)}).`);
        else finish(false, `${host}:${port} answered, but not with an FTP greeting: ${line.slice(0, 120)}`);
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => finish(false, `Cannot connect to ${host}:${port}: ${error.code ?? error.message}.`));
  });
}

export function firewallRules(controlPorts: number[], range: { min: number; max: number }): Record<'ufw' | 'iptables' | 'nftables' | 'firewalld', string> {
  const span = `${range.min}-${range.max}`;
  return {
    ufw: [...controlPorts.map((p) => `ufw allow ${p}/tcp`), `ufw allow ${range.min}:${range.max}/tcp`].join('\n'),
    iptables: [
      ...controlPorts.map((p) => `iptables -A INPUT -p tcp --dport ${p} -j ACCEPT`),
      `iptables -A INPUT -p tcp --dport ${range.min}:${range.max} -j ACCEPT`,
    ].join('\n'),
    nftables: `nft add rule inet filter input tcp dport { ${[...controlPorts.map(String), span].join(', ')} } accept`,
    firewalld: [
      ...controlPorts.map((p) => `firewall-cmd --permanent --add-port=${p}/tcp`),
      `firewall-cmd --permanent --add-port=${span}/tcp`,
      'firewall-cmd --reload',
    ].join('\n'),
  };
}
