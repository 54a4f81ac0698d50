#!/usr/bin/env node
// Writes the per-provider Prisma schemas from prisma/models.prisma (the one source of truth) and
// generates both clients. `--check` only verifies that the committed schemas match the source.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const PROVIDERS = ['sqlite', 'postgresql'];

// The datasource URL is a placeholder: with engine "js" the CLI and the client connect through the
// driver adapter; the 6.19 CLI still needs a url to read the schema offline.
const PLACEHOLDER_URL = { sqlite: 'file:./placeholder.db', postgresql: 'postgresql://placeholder/placeholder' };

export function schemaFor(provider, models = readFileSync(join(ROOT, 'prisma/models.prisma'), 'utf8')) {
  return `// GENERATED from prisma/models.prisma by packages/db/scripts/generate.mjs: do not edit.

generator client {
  provider     = "prisma-client"
  output       = "../../packages/db/src/generated/${provider}"
  engineType   = "client"
  runtime      = "nodejs"
  moduleFormat = "esm"
}

datasource db {
  provider = "${provider}"
  url      = "${PLACEHOLDER_URL[provider]}"
}

${models}`;
}

function main() {
  const isCheck = process.argv.includes('--check');
  let isStale = false;
  for (const provider of PROVIDERS) {
    const file = join(ROOT, 'prisma', provider, 'schema.prisma');
    const wanted = schemaFor(provider);
    const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (current === wanted) continue;
    if (isCheck) {
      console.error(`prisma/${provider}/schema.prisma is out of date with prisma/models.prisma`);
      isStale = true;
      continue;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, wanted);
  }
  if (isCheck) process.exit(isStale ? 1 : 0);
  for (const provider of PROVIDERS) {
    const r = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/prisma/build/index.js'), 'generate', '--config', join(ROOT, `prisma/${provider}.config.ts`)],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1' } },
    );
    if (r.status !== 0) {
      process.stdout.write(r.stdout);
      process.exit(r.status ?? 1);
    }
  }
  console.log('prisma: schemas and clients generated for', PROVIDERS.join(' and '));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
