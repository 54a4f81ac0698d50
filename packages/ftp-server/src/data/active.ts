// Active mode (PORT/EPRT). The target must be the control peer itself and an unprivileged port:
// anything else would let a client use the server to scan or attack third parties (FTP bounce).
import net from 'node:net';
import { FtpError } from '../types.ts';
import { isSameIp } from './address.ts';

export type ActiveTarget = { host: string; port: number };

export function parsePortArgument(arg: string): ActiveTarget {
  const parts = arg.trim().split(',');
  const numbers = parts.map((p) => (/^\d{1,3}$/.test(p.trim()) ? Number(p) : NaN));
  if (numbers.length !== 6 || numbers.some((n) => Number.isNaN(n) || n > 255)) {
    throw new FtpError(501, 'Syntax error in PORT arguments.');
  }
  const [a, b, c, d, p1, p2] = numbers as [number, number, number, number, number, number];
  return { host: `${a}.${b}.${c}.${d}`, port: p1 * 256 + p2 };
}

export function parseEprtArgument(arg: string): ActiveTarget {
  const delimiter = arg[0];
  if (!delimiter || arg.length < 7) throw new FtpError(501, 'Syntax error in EPRT arguments.');
  const [, family, host = '', port = '', rest] = arg.split(delimiter);
  if (rest !== '') throw new FtpError(501, 'Syntax error in EPRT arguments.');
  if (family !== '1' && family !== '2') throw new FtpError(522, 'Network protocol not supported, use (1,2).');
  if ((family === '1' && !net.isIPv4(host)) || (family === '2' && !net.isIPv6(host)) || !/^\d{1,5}$/.test(port)) {
    throw new FtpError(501, 'Syntax error in EPRT arguments.');
  }
  return { host, port: Number(port) };
}

/** Refuses bounce targets: only the control peer, only ports >= 1024. */
export function checkActiveTarget(target: ActiveTarget, controlPeer: string): void {
  if (!isSameIp(target.host, controlPeer)) throw new FtpError(501, 'Data connections are only allowed to the client address.');
  if (target.port < 1024 || target.port > 65535) throw new FtpError(501, 'Data port must be between 1024 and 65535.');
}

export function connectActive(target: ActiveTarget, localAddress: string | undefined, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: target.host, port: target.port, localAddress, noDelay: true, allowHalfOpen: true });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new FtpError(425, 'Cannot open data connection: timed out.'));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.on('error', () => {
      clearTimeout(timer);
      reject(new FtpError(425, 'Cannot open data connection.'));
    });
  });
}
