// Did an upload's data connection really end, or was it cut? In stream mode the end of the
// connection is the end of the file, so a connection that dies halfway must never look like a
// finished upload. Two cases Node cannot tell apart on its own:
//
// - Plain TCP reset. When a reset arrives after data, libuv sees POLLHUP and reports a plain end
//   of stream (no ECONNRESET), exactly like a FIN. The kernel still holds the error: a zero-length
//   write after the end fails with ECONNRESET/EPIPE on a reset socket and succeeds on a socket
//   the peer merely half-closed (CLOSE_WAIT). Needs allowHalfOpen, or Node would shut the write
//   side itself at the end.
// - TLS without close_notify. Node ends a TLS socket the same way for a close_notify and for a
//   bare TCP end. Routing the raw bytes through a pass-through stream shows which came first:
//   after a close_notify the TLS side has already ended when the TCP end arrives; after a cut, the
//   TCP end arrives while TLS still expects records.
import { Duplex } from 'node:stream';
import type net from 'node:net';
import type tls from 'node:tls';

const cutTls = new WeakSet<tls.TLSSocket>();
const watchedTls = new WeakSet<tls.TLSSocket>();

/**
 * A duplex over the raw socket for a TLS socket to run on; call attach() with that TLS socket.
 * Costs a copy through JavaScript per chunk, so it is used for protected uploads only.
 */
export function closeNotifyWatch(raw: net.Socket): { stream: Duplex; attach(secure: tls.TLSSocket): void } {
  let secure: tls.TLSSocket | null = null;
  const stream = new Duplex({
    read() {
      raw.resume();
    },
    write(chunk: Buffer, _encoding, callback) {
      raw.write(chunk, callback);
    },
    final(callback) {
      raw.end();
      callback();
    },
    destroy(error, callback) {
      raw.destroy(error ?? undefined);
      callback(error);
    },
  });
  raw.on('data', (chunk: Buffer) => {
    if (!stream.push(chunk)) raw.pause();
  });
  raw.on('end', () => stream.push(null));
  // Registered before the TLS socket's own listener: when the pass-through ends, every raw byte
  // has been handed to the TLS layer (synchronously processed), but the TCP end has not. The TLS
  // side's `ended` flips as soon as it takes a close_notify, before its 'end' event, which waits
  // until the application read everything.
  stream.once('end', () => {
    const state = (secure as unknown as { _readableState?: { ended?: boolean } } | null)?._readableState;
    if (secure && !state?.ended) cutTls.add(secure);
  });
  raw.on('error', (error) => stream.destroy(error));
  raw.on('close', () => stream.destroy());
  return {
    stream,
    attach(socket) {
      secure = socket;
      watchedTls.add(socket);
    },
  };
}

/**
 * After the upload's data stream ended: 'ok', 'reset' (TCP reset or error) or 'no-close-notify'
 * (TLS ended by TCP alone; only known for sockets built on closeNotifyWatch).
 */
export async function checkUploadEnd(socket: net.Socket | tls.TLSSocket): Promise<'ok' | 'reset' | 'no-close-notify'> {
  if (socket.errored || (socket.destroyed && !socket.readableEnded)) return 'reset';
  if ('encrypted' in socket && socket.encrypted) {
    const secure = socket as tls.TLSSocket;
    if (watchedTls.has(secure) && cutTls.has(secure)) return 'no-close-notify';
    return 'ok';
  }
  if (socket.destroyed || socket.writableEnded) return 'ok';
  return new Promise((resolve) => {
    socket.write(Buffer.alloc(0), (error) => resolve(error ? 'reset' : 'ok'));
  });
}
