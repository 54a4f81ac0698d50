// The session's one pending data connection (passive listener or active target) and its
// conversion into a ready socket, TLS-wrapped when PROT P is in effect.
import type net from 'node:net';
import tls from 'node:tls';
import { selectAlpn } from '../tls-options.ts';
import { FtpError } from '../types.ts';
import { PassiveListener } from './passive.ts';
import type { PassiveInput } from './passive.ts';
import { connectActive } from './active.ts';
import type { ActiveTarget } from './active.ts';
import { normalizeIp } from './address.ts';
import { closeNotifyWatch } from './end-check.ts';

export type DataSocket = net.Socket | tls.TLSSocket;

export type DataTls = {
  secureContext: tls.SecureContext;
  /** Refuse data connections that did not resume the control connection's TLS session (522). */
  isReuseRequired: boolean;
  /** Route the raw bytes through closeNotifyWatch, so checkUploadEnd can tell a cut from a close_notify. */
  isCloseNotifyWatched?: boolean;
};

type Pending = { kind: 'passive'; listener: PassiveListener } | { kind: 'active'; target: ActiveTarget; localAddress: string };

export class DataChannel {
  #pending: Pending | null = null;
  // The listener a transfer is waiting on: ABOR or session end must be able to close it too.
  #accepting: PassiveListener | null = null;

  get hasPending(): boolean {
    return this.#pending !== null;
  }

  /** Opens a new passive listener, replacing any previous one (one per session). */
  async openPassive(input: PassiveInput): Promise<number> {
    this.close();
    const listener = await PassiveListener.open(input);
    this.#pending = { kind: 'passive', listener };
    return listener.port;
  }

  setActive(target: ActiveTarget, localAddress: string): void {
    this.close();
    this.#pending = { kind: 'active', target, localAddress: normalizeIp(localAddress) };
  }

  /** Consumes the pending connection: waits for (or makes) the TCP connection, then TLS if asked. */
  async connect(input: { timeoutMs: number; tls: DataTls | null }): Promise<DataSocket> {
    const pending = this.#pending;
    this.#pending = null;
    if (!pending) throw new FtpError(425, 'Use PORT, EPRT, PASV or EPSV first.');
    let socket: net.Socket;
    if (pending.kind === 'passive') {
      this.#accepting = pending.listener;
      try {
        socket = await pending.listener.accept();
      } finally {
        if (this.#accepting === pending.listener) this.#accepting = null;
      }
    } else {
      socket = await connectActive(pending.target, pending.localAddress, input.timeoutMs);
    }
    // Errors surface through the transfer pipeline; an extra listener keeps a late one from crashing the process.
    socket.on('error', () => {});
    if (!input.tls) return socket;
    return wrapTls(socket, input.tls, input.timeoutMs);
  }

  close(): void {
    if (this.#pending?.kind === 'passive') this.#pending.listener.close();
    this.#pending = null;
    this.#accepting?.close();
    this.#accepting = null;
  }
}

function wrapTls(socket: net.Socket, options: DataTls, timeoutMs: number): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const watch = options.isCloseNotifyWatched ? closeNotifyWatch(socket) : null;
    const secure = new tls.TLSSocket(watch ? watch.stream : socket, { isServer: true, secureContext: options.secureContext, ALPNCallback: selectAlpn });
    watch?.attach(secure);
    const timer = setTimeout(() => fail(new FtpError(425, 'TLS handshake on the data connection timed out.')), timeoutMs);
    const fail = (error: FtpError): void => {
      clearTimeout(timer);
      secure.destroy();
      socket.destroy();
      reject(error);
    };
    secure.on('error', () => fail(new FtpError(425, 'TLS handshake on the data connection failed.')));
    secure.once('secure', () => {
      clearTimeout(timer);
      if (options.isReuseRequired && !secure.isSessionReused()) {
        // Said to the user of a client that cannot resume (stock ftplib, wget, several Java/.NET/Go
        // clients): the way out is an administrator's setting, not a client option they lack.
        fail(new FtpError(522, 'Data connection must resume the TLS session of the control connection and this client did not; use a client that resumes TLS sessions, or ask the administrator to set TLS session reuse to "not required" for this account.'));
        return;
      }
      secure.removeAllListeners('error');
      secure.on('error', () => {});
      resolve(secure);
    });
  });
}
