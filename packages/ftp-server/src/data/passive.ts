// One passive listener: a port from the configured range, chosen at random, that accepts exactly
// one data connection from the control peer's address. Strangers are dropped without consuming
// the slot, so a port scanner can neither steal the transfer nor deny it to the real client.
import net from 'node:net';
import { randomInt } from 'node:crypto';
import { FtpError } from '../types.ts';
import { isSameIp, normalizeIp } from './address.ts';

export type PassiveInput = {
  bindHost: string;
  expectedPeer: string;
  portMin: number;
  portMax: number;
  timeoutMs: number;
  onStranger(address: string): void;
};

export class PassiveListener {
  readonly port: number;
  readonly #server: net.Server;
  #socket: net.Socket | null = null;
  #isHandedOut = false;
  #error: FtpError | null = null;
  #waiter: { resolve(socket: net.Socket): void; reject(error: FtpError): void } | null = null;
  readonly #timer: NodeJS.Timeout;

  private constructor(server: net.Server, port: number, input: PassiveInput) {
    this.#server = server;
    this.port = port;
    server.on('connection', (socket) => this.#onConnection(socket, input));
    this.#timer = setTimeout(() => this.#fail(new FtpError(425, 'No data connection was established in time.')), input.timeoutMs);
    this.#timer.unref();
  }

  static async open(input: PassiveInput): Promise<PassiveListener> {
    const server = net.createServer({ noDelay: true, allowHalfOpen: true });
    server.on('error', () => {});
    if (input.portMin === 0) {
      const port = await tryListen(server, input.bindHost, 0);
      if (port === null) throw new FtpError(425, 'Cannot open a passive port.');
      return new PassiveListener(server, port, input);
    }
    const count = input.portMax - input.portMin + 1;
    // Random start then a walk over the whole range: random choice, yet exhaustion is certain.
    const start = randomInt(count);
    for (let i = 0; i < count; i++) {
      const candidate = input.portMin + ((start + i) % count);
      const port = await tryListen(server, input.bindHost, candidate);
      if (port !== null) return new PassiveListener(server, port, input);
    }
    throw new FtpError(425, 'No passive port available, try again later.');
  }

  /** The client's data socket, once it connects. */
  accept(): Promise<net.Socket> {
    if (this.#socket) {
      this.#isHandedOut = true;
      return Promise.resolve(this.#socket);
    }
    if (this.#error) return Promise.reject(this.#error);
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject };
    });
  }

  /** Stops listening; a connection nobody took yet is dropped. */
  close(): void {
    if (this.#socket && !this.#isHandedOut) this.#socket.destroy();
    this.#fail(null);
  }

  #onConnection(socket: net.Socket, input: PassiveInput): void {
    if (!isSameIp(socket.remoteAddress, input.expectedPeer)) {
      input.onStranger(normalizeIp(socket.remoteAddress));
      socket.destroy();
      return;
    }
    if (this.#socket || this.#error) {
      socket.destroy();
      return;
    }
    // Until a transfer takes it, nobody else listens for its errors.
    socket.on('error', () => {});
    this.#socket = socket;
    clearTimeout(this.#timer);
    this.#server.close();
    if (this.#waiter) {
      this.#isHandedOut = true;
      this.#waiter.resolve(socket);
      this.#waiter = null;
    }
  }

  /** null: cancelled by the session (the error object is only built if someone waits). */
  #fail(error: FtpError | null): void {
    clearTimeout(this.#timer);
    this.#server.close();
    if (this.#socket) return;
    this.#error ??= error ?? new FtpError(425, 'Data connection cancelled.');
    this.#waiter?.reject(this.#error);
    this.#waiter = null;
  }
}

function tryListen(server: net.Server, host: string, port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const onError = (): void => {
      server.off('listening', onListening);
      resolve(null);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve((server.address() as net.AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ host, port, exclusive: true });
  });
}
