// Serves the Next.js dashboard (production build of apps/web) from this process, so the panel
// and the API share one origin and one port. API paths never reach Next.
import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');

export function isWebBuilt(dir = WEB_DIR): boolean {
  return existsSync(path.join(dir, '.next', 'BUILD_ID'));
}

export async function mountWeb(app: FastifyInstance, dir = WEB_DIR): Promise<{ close(): Promise<void> }> {
  // next is CommonJS; require() gives its factory function with its real type.
  const next = createRequire(import.meta.url)('next') as typeof import('next/dist/server/next.js').default;
  const web = next({ dev: false, dir, quiet: true });
  await web.prepare();
  const handle = web.getRequestHandler();
  const serve = async (req: { raw: import('node:http').IncomingMessage }, reply: { hijack(): void; raw: import('node:http').ServerResponse }) => {
    reply.hijack();
    await handle(req.raw, reply.raw);
  };
  app.route({ method: ['GET', 'HEAD', 'POST'], url: '/', handler: serve });
  app.route({ method: ['GET', 'HEAD', 'POST'], url: '/*', handler: serve });
  return { close: () => web.close() };
}
