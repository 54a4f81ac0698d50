// Test helpers: a server on loopback with temp homes, a cached self-signed certificate, and a
// minimal raw control client for protocol-level assertions.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { FtpServer } from '../server.ts';
import { FtpError } from '../types.ts';
import type { AuthResult, FtpServerOptions, Permission } from '../types.ts';

export const ALL_PERMISSIONS: ReadonlySet<Permission> = new Set(['list', 'read', 'write', 'delete', 'rename', 'mkdir']);
export const USER = 'alice';
export const PASSWORD = 'secret';

let cachedCert: { cert: string; key: string } | null = null;

/** Self-signed certificate for localhost, generated once per test process. */
export function testCertificate(): { cert: string; key: string } {
  if (cachedCert) return cachedCert;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ftp-cert-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '2', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
    cachedCert = { cert: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8'), key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return cachedCert;
}

export function tempDir(prefix = 'ftp-test-'): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function sha256File(file: string): string {
  return sha256(fs.readFileSync(file));
}

export type TestServer = {
  server: FtpServer;
  port: number;
  implicitPort: number;
  host: string;
  home: string;
  root: string;
  close(): Promise<void>;
};

/** Starts a server whose single account (alice/secret) lives in a fresh temp home. */
export async function startServer(
  input: {
    host?: string;
    options?: Partial<FtpServerOptions>;
    auth?: Partial<AuthResult>;
    isTls?: boolean;
  } = {},
): Promise<TestServer> {
  const root = tempDir();
  const home = path.join(root, 'home');
  fs.mkdirSync(home);
  const host = input.host ?? '127.0.0.1';
  const server = new FtpServer({
    failedLoginDelayMs: 10,
    ...(input.isTls === false ? {} : { tls: testCertificate() }),
    ...input.options,
    hooks: input.options?.hooks ?? {
      async authenticate({ username, password }) {
        if (username !== USER || password !== PASSWORD) throw new FtpError(530, 'Login incorrect.');
        return { accountId: 'acc-1', home, permissions: ALL_PERMISSIONS, ...input.auth };
      },
    },
  });
  const { port } = await server.listen({ port: 0, host });
  const implicitPort = input.isTls === false ? 0 : (await server.listenImplicitTls({ port: 0, host })).port;
  return {
    server,
    port,
    implicitPort,
    host,
    home,
    root,
    async close() {
      await server.close({ deadlineMs: 200 });
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A bare control connection that collects full replies (multi-line aware). */
export class RawClient {
  socket: net.Socket | tls.TLSSocket;
  #buffer = '';
  #replies: string[] = [];
  #waiters: ((reply: string) => void)[] = [];
  #isClosed = false;
  readonly closed: Promise<void>;

  private constructor(socket: net.Socket | tls.TLSSocket) {
    this.socket = socket;
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    this.#attach(socket);
  }

  static async connect(port: number, host = '127.0.0.1', localAddress?: string): Promise<RawClient> {
    const socket = net.connect({ port, host, ...(localAddress ? { localAddress } : {}) });
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    return new RawClient(socket);
  }

  #attach(socket: net.Socket | tls.TLSSocket): void {
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => this.#onData(text));
    socket.on('error', () => {});
    socket.on('close', () => {
      this.#isClosed = true;
    });
  }

  get isClosed(): boolean {
    return this.#isClosed;
  }

  #onData(text: string): void {
    this.#buffer += text;
    for (;;) {
      const match = /^(\d{3}) [^\r\n]*\r?\n/m.exec(this.#buffer);
      if (!match) return;
      // A multi-line reply ends with "ddd " using the same code as its first line.
      const first = this.#buffer.slice(0, 4);
      const end = match.index + match[0].length;
      if (first[3] === '-' && match[1] !== first.slice(0, 3)) return;
      const reply = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end);
      const waiter = this.#waiters.shift();
      if (waiter) waiter(reply);
      else this.#replies.push(reply);
    }
  }

  /** Next complete reply (text including code), or throws after a timeout. */
  read(timeoutMs = 5000): Promise<string> {
    const queued = this.#replies.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reply within ${timeoutMs} ms`)), timeoutMs);
      this.#waiters.push((reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
    });
  }

  send(line: string | Buffer): void {
    this.socket.write(typeof line === 'string' ? `${line}\r\n` : line);
  }

  async command(line: string, timeoutMs?: number): Promise<string> {
    this.send(line);
    return this.read(timeoutMs);
  }

  async login(user = USER, password = PASSWORD): Promise<void> {
    await this.read();
    await this.command(`USER ${user}`);
    const reply = await this.command(`PASS ${password}`);
    if (!reply.startsWith('230')) throw new Error(`login failed: ${reply}`);
  }

  /** Performs AUTH TLS and continues on the TLS socket. */
  async startTls(session?: Buffer): Promise<void> {
    const reply = await this.command('AUTH TLS');
    if (!reply.startsWith('234')) throw new Error(`AUTH TLS failed: ${reply}`);
    const raw = this.socket as net.Socket;
    raw.removeAllListeners('data');
    const secure = tls.connect({ socket: raw, rejectUnauthorized: false, ...(session ? { session } : {}) });
    await new Promise<void>((resolve, reject) => secure.once('secureConnect', resolve).once('error', reject));
    this.socket = secure;
    this.#attach(secure);
  }

  /** EPSV, returning the data port. */
  async epsv(): Promise<number> {
    const reply = await this.command('EPSV');
    const match = /\(\|\|\|(\d+)\|\)/.exec(reply);
    if (!match) throw new Error(`EPSV failed: ${reply}`);
    return Number(match[1]);
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Reads a whole data connection into a buffer. */
export function readAll(socket: net.Socket | tls.TLSSocket): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.once('end', () => resolve(Buffer.concat(chunks)));
    socket.once('error', reject);
  });
}

export function connectData(port: number, host = '127.0.0.1', localAddress?: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host, ...(localAddress ? { localAddress } : {}) });
    socket.once('connect', () => resolve(socket)).once('error', reject);
  });
}
