// Serves the Next.js dashboard (production build of apps/web) from this process, so the panel
// and the API share one origin and one port. API paths never reach Next.
import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type NextServerModule from 'next/dist/server/next.js';

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');

export function isWebBuilt(dir = WEB_DIR): boolean {
  return existsSync(path.join(dir, '.next', 'BUILD_ID'));
}

export async function mountWeb(app: FastifyInstance, dir = WEB_DIR): Promise<{ close(): Promise<void> }> {
  // next is CommonJS; require() gives its factory function with its real type.
  const next = createRequire(import.meta.url)('next') as typeof NextServerModule.default;
  const web = next({ dev: false, dir, quiet: true });
  await web.prepare();
  const handle = web.getRequestHandler();
  const serve = async (req: { raw: IncomingMessage }, reply: { hijack(): void; raw: ServerResponse }) => {
    reply.hijack();
    await handle(req.raw, reply.raw);
  };
  app.route({ method: ['GET', 'HEAD', 'POST'], url: '/', handler: serve });
  app.route({ method: ['GET', 'HEAD', 'POST'], url: '/*', handler: serve });
  return { close: () => web.close() };
}
