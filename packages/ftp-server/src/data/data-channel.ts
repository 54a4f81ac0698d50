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

// A passive connection under PROT P starts its TLS handshake as soon as it is accepted, not when
// RETR/STOR/LIST arrives: curl (and others) open the data connection and send their ClientHello
// before the transfer command, then stop reading the control connection until the handshake
// completes, which otherwise costs ~200 ms per transfer (their poll timeout).
type EarlyTls = { tls: DataTls; socket: Promise<DataSocket> };
type Pending = { kind: 'passive'; listener: PassiveListener; early: EarlyTls | null } | { kind: 'active'; target: ActiveTarget; localAddress: string };

export class DataChannel {
  #pending: Pending | null = null;
  // The listener a transfer is waiting on: ABOR or session end must be able to close it too.
  #accepting: PassiveListener | null = null;

  get hasPending(): boolean {
    return this.#pending !== null;
  }

  /**
   * Opens a new passive listener, replacing any previous one (one per session). With earlyTls the
   * accepted connection shakes hands at once (reuse check included); connect() must then ask for
   * a protection that this handshake satisfies.
   */
  async openPassive(input: PassiveInput, earlyTls: DataTls | null = null): Promise<number> {
    this.close();
    const listener = await PassiveListener.open(input);
    let early: EarlyTls | null = null;
    if (earlyTls) {
      const socket = listener.accept().then((raw) => {
        raw.on('error', () => {});
        return wrapTls(raw, earlyTls, input.timeoutMs);
      });
      socket.catch(() => {});
      early = { tls: earlyTls, socket };
    }
    this.#pending = { kind: 'passive', listener, early };
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
    if (pending.kind === 'passive' && pending.early) {
      const { early } = pending;
      if (!satisfies(early.tls, input.tls)) {
        pending.listener.close();
        void early.socket.then((s) => s.destroy(), () => {});
        throw new FtpError(425, 'Data protection changed since PASV/EPSV; open a new data connection.');
      }
      this.#accepting = pending.listener;
      try {
        return await early.socket;
      } finally {
        if (this.#accepting === pending.listener) this.#accepting = null;
      }
    }
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
    if (this.#pending?.kind === 'passive') {
      this.#pending.listener.close();
      // Accepted and shaking hands (or done) but never taken by a transfer.
      void this.#pending.early?.socket.then((s) => s.destroy(), () => {});
    }
    this.#pending = null;
    this.#accepting?.close();
    this.#accepting = null;
  }
}

/** Whether a handshake made with `made` gives at least what a transfer asks for. */
function satisfies(made: DataTls, wanted: DataTls | null): boolean {
  if (!wanted || made.secureContext !== wanted.secureContext) return false;
  if (wanted.isReuseRequired && !made.isReuseRequired) return false;
  return !wanted.isCloseNotifyWatched || made.isCloseNotifyWatched === true;
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
