// One webhook POST to one pinned address: the host is resolved once (target.ts checks the answer),
// and the connection goes to that address while the Host header and TLS SNI/certificate check keep
// the name. Redirects are not followed (a 3xx is a failed attempt). What went wrong is reported as a
// class (TIMEOUT, REFUSED, DNS, TLS, HTTP_<status>, BLOCKED_ADDRESS, REDIRECT), never the socket's
// own message, which would tell a subscriber which inside ports are open.
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { hostOf, pinTarget, systemResolver, TargetError, type WebhookResolver } from './target.ts';

export type WebhookErrorClass = 'TIMEOUT' | 'REFUSED' | 'DNS' | 'TLS' | 'BLOCKED_ADDRESS' | 'REDIRECT' | `HTTP_${number}`;

export type WebhookAttempt = { url: string; headers: Record<string, string>; body: string; timeoutMs: number; isPrivateAllowed: boolean };
export type WebhookAttemptResult = { statusCode: number | null; errorClass: WebhookErrorClass | null };
/** Sends one attempt; never throws. */
export type WebhookRequest = (attempt: WebhookAttempt) => Promise<WebhookAttemptResult>;

const TLS_CODE = /^(ERR_TLS|ERR_SSL|ERR_OSSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|HOSTNAME_MISMATCH|ERR_TLS_CERT)/;

export function classOfSocketError(error: unknown): WebhookErrorClass {
  if (error instanceof TargetError) return error.errorClass;
  const e = error as NodeJS.ErrnoException & { library?: string };
  if (e.name === 'TimeoutError' || e.code === 'ETIMEDOUT' || e.code === 'ABORT_ERR') return 'TIMEOUT';
  if (TLS_CODE.test(e.code ?? '') || e.library === 'SSL routines' || /SSL|TLS|certificate/i.test(e.message ?? '')) return 'TLS';
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return 'DNS';
  return 'REFUSED';
}

export function classOfStatus(status: number): WebhookErrorClass | null {
  if (status >= 200 && status < 300) return null;
  if (status >= 300 && status < 400) return 'REDIRECT';
  return `HTTP_${status}`;
}

/** The dispatcher's default: resolve, check, pin, POST. */
export function createPinnedRequest(options: { resolve?: WebhookResolver } = {}): WebhookRequest {
  const resolve = options.resolve ?? systemResolver;
  return async ({ url, headers, body, timeoutMs, isPrivateAllowed }) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return { statusCode: null, errorClass: 'DNS' };
    }
    const deadline = AbortSignal.timeout(timeoutMs);
    try {
      const host = hostOf(target);
      const pinned = await pinTarget(host, { resolve, isPrivateAllowed });
      if (deadline.aborted) return { statusCode: null, errorClass: 'TIMEOUT' };
      // Every connection of this request goes to the pinned address, whatever the name resolves to now.
      const lookup: LookupFunction = (_hostname, opts, callback) => {
        if (opts.all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [pinned]);
        else callback(null, pinned.address, pinned.family);
      };
      const isTls = target.protocol === 'https:';
      const request = (isTls ? https : http).request(target, {
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body).toString() },
        lookup,
        agent: false,
        signal: deadline,
        ...(isTls && isIP(host) === 0 ? { servername: host } : {}),
      });
      const statusCode = await new Promise<number>((resolveStatus, reject) => {
        request.once('response', (response) => {
          response.resume();
          response.once('error', () => {});
          resolveStatus(response.statusCode ?? 0);
          request.destroy();
        });
        request.once('error', reject);
        request.end(body);
      });
      return { statusCode, errorClass: classOfStatus(statusCode) };
    } catch (e) {
      return { statusCode: null, errorClass: deadline.aborted ? 'TIMEOUT' : classOfSocketError(e) };
    }
  };
}
