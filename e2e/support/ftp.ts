import { Readable } from 'node:stream';
import { Client } from 'basic-ftp';
import type { Product } from './product.ts';

export async function ftpConnect(product: Product, user: string, password: string): Promise<Client> {
  const client = new Client(30_000);
  await client.access({ host: '127.0.0.1', port: product.ftpPort, user, password, secure: false });
  return client;
}

/** Resolves true when the credentials work over FTP, false when the server refuses them. */
export async function canFtpLogin(product: Product, user: string, password: string): Promise<boolean> {
  const client = new Client(15_000);
  try {
    await client.access({ host: '127.0.0.1', port: product.ftpPort, user, password, secure: false });
    return true;
  } catch {
    return false;
  } finally {
    client.close();
  }
}

export function bytesStream(size: number): Readable {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= size) return this.push(null);
      const n = Math.min(chunk.length, size - sent);
      sent += n;
      this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    },
  });
}
