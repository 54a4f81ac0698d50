// Security headers on every response the process gives: API JSON, the event stream, the API docs
// and the dashboard (web.ts replaces the CSP there with one carrying a per-request nonce).
// Hand-written rather than @fastify/helmet: three different CSPs by path, a nonce that must reach
// Next through a request header, and hijacked replies (SSE, Next) that never pass through onSend.
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';

/** Nothing may load, run or frame anything: JSON, event streams, errors. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** The end of both page CSPs: fetches to this origin only, no base, no plugins, never framed. */
const LOCKED_DOWN = ["connect-src 'self'", "base-uri 'none'", "form-action 'self'", "object-src 'none'", "frame-ancestors 'none'"];

/** Swagger UI (/api/docs): its bundle, stylesheet and the OpenAPI document, all from this origin. */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // swagger-ui's React components set element.style (CSSOM, not blocked); its highlighter and
  // model views also inject <style> elements without a nonce, so the docs page alone allows them.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  ...LOCKED_DOWN,
].join('; ');

/** The dashboard: scripts and styles only from this origin or carrying this response's nonce. */
export function pageCsp(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    ...LOCKED_DOWN,
  ].join('; ');
}

/** 128 random bits, fresh per response (CSP3 asks for at least 128). */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

// Features the panel never uses; clipboard-write stays allowed (copy buttons).
const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'usb=()',
].join(', ');

/** One year; no includeSubDomains: the panel's host says nothing about its siblings or children. */
export const HSTS = 'max-age=31536000';

/** The headers every response carries, CSP aside. */
export function baseSecurityHeaders(publicUrl: string): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // Reset and setup links carry their token in the query: no page's address is ever sent on,
    // not even the origin. Same-origin fetch() keeps its Origin header (the CSRF check reads it).
    'referrer-policy': 'no-referrer',
    'permissions-policy': PERMISSIONS_POLICY,
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    // Over plain http a browser ignores HSTS; it is only promised when the public URL is https
    // (TLS may end at a proxy in front, so the request's own scheme does not decide).
    ...(new URL(publicUrl).protocol === 'https:' ? { 'strict-transport-security': HSTS } : {}),
  };
}

export function setHeaders(res: ServerResponse, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
}

function isDocsPath(url: string): boolean {
  return url === '/api/docs' || url.startsWith('/api/docs/') || url.startsWith('/api/docs?');
}

/**
 * Set on the raw response at onRequest, so replies that are hijacked (SSE, the dashboard) carry
 * them too; Fastify's own writeHead merges them with the reply's headers.
 */
export function registerSecurityHeaders(app: FastifyInstance, publicUrl: string): void {
  const base = baseSecurityHeaders(publicUrl);
  app.addHook('onRequest', async (request, reply) => {
    setHeaders(reply.raw, base);
    reply.raw.setHeader('content-security-policy', isDocsPath(request.url) ? DOCS_CSP : API_CSP);
  });
}
