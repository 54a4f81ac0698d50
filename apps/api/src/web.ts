// Serves the Next.js dashboard (production build of apps/web) from this process, so the panel
// and the API share one origin and one port. API paths never reach Next.
import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, RouteHandlerMethod } from 'fastify';
import type NextServerModule from 'next/dist/server/next.js';
import { newNonce, pageCsp } from './plugins/security-headers.ts';

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');

export function isWebBuilt(dir = WEB_DIR): boolean {
  return existsSync(path.join(dir, '.next', 'BUILD_ID'));
}

/** Every non-API path goes to the dashboard; these routes are not part of the API document. */
export function routeDashboard(app: FastifyInstance, handler: RouteHandlerMethod): void {
  for (const url of ['/', '/*']) app.route({ method: ['GET', 'HEAD', 'POST'], url, schema: { hide: true }, handler });
}

export async function mountWeb(app: FastifyInstance, dir = WEB_DIR): Promise<{ close(): Promise<void> }> {
  // next is CommonJS; require() gives its factory function with its real type.
  const next = createRequire(import.meta.url)('next') as typeof NextServerModule.default;
  const web = next({ dev: false, dir, quiet: true });
  await web.prepare();
  const handle = web.getRequestHandler();
  const serve = async (req: { raw: IncomingMessage }, reply: { hijack(): void; raw: ServerResponse }) => {
    reply.hijack();
    // The other security headers were set at onRequest (plugins/security-headers.ts). Next takes
    // the nonce for its inline bootstrap scripts from the request's CSP header (the root layout
    // makes every page render per request); whatever a client sent there is replaced.
    const csp = pageCsp(newNonce());
    req.raw.headers['content-security-policy'] = csp;
    delete req.raw.headers['content-security-policy-report-only'];
    reply.raw.setHeader('content-security-policy', csp);
    await handle(req.raw, reply.raw);
  };
  routeDashboard(app, serve);
  return { close: () => web.close() };
}
