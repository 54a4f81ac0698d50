// The dependency direction (ARCHITECTURE.md, "Where a rule lives"): apps call core, only
// packages/db talks to Prisma. The lint rule stops value imports of the db package in apps; the
// scan below finds raw Prisma calls anywhere else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RULE = '@typescript-eslint/no-restricted-imports';

async function restrictedImports(eslint: ESLint, file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === RULE).map((m) => m.message);
}

test('apps may import types from @ftp-panel/db, but no values and nothing from Prisma', async () => {
  const eslint = new ESLint({ cwd: ROOT });
  const route = 'apps/api/src/routes/layering-probe.ts';
  assert.equal((await restrictedImports(eslint, route, "import { listTransfers } from '@ftp-panel/db';\nvoid listTransfers;\n")).length, 1);
  assert.equal((await restrictedImports(eslint, 'apps/cli/src/commands/probe.ts', "import { createDb } from '@ftp-panel/db';\nvoid createDb;\n")).length, 1);
  assert.equal((await restrictedImports(eslint, route, "import { PrismaClient } from '@prisma/client';\nvoid PrismaClient;\n")).length, 1);
  assert.equal((await restrictedImports(eslint, route, "import { openTestDb } from '@ftp-panel/db/testing';\nvoid openTestDb;\n")).length, 1);
  assert.deepEqual(await restrictedImports(eslint, route, "import type { Account } from '@ftp-panel/db';\nexport type A = Account;\n"), []);
  assert.deepEqual(await restrictedImports(eslint, route, "import { type Account } from '@ftp-panel/db';\nexport type A = Account;\n"), []);
  // Tests seed and inspect the database directly.
  assert.deepEqual(await restrictedImports(eslint, 'apps/api/src/routes/probe.test.ts', "import { createBan } from '@ftp-panel/db';\nvoid createBan;\n"), []);
});

test('apps/api and apps/cli pass the rule', async () => {
  const eslint = new ESLint({ cwd: ROOT });
  const results = await eslint.lintFiles(['apps/api/src', 'apps/cli/src']);
  const offences = results.flatMap((r) => r.messages.filter((m) => m.ruleId === RULE).map((m) => `${path.relative(ROOT, r.filePath)}:${m.line}`));
  assert.deepEqual(offences, []);
});

const MODELS = ['account', 'admin', 'ban', 'transferLog', 'loginEvent', 'apiToken', 'auditEntry', 'serverSettings', 'passwordResetToken', 'webSession', 'setupToken', 'changeEvent', 'webhook', 'webhookDelivery'];
const PRISMA_CALL = new RegExp(
  `\\.(?:${MODELS.join('|')})\\s*\\.\\s*(?:findMany|findFirst|findUnique|findFirstOrThrow|findUniqueOrThrow|create|createMany|update|updateMany|upsert|delete|deleteMany|count|aggregate|groupBy)\\s*\\(` +
    '|\\$(?:queryRaw|executeRaw|queryRawUnsafe|executeRawUnsafe|transaction)\\b',
);
/** Test fixtures seed and inspect the database directly. */
const FIXTURE = /(\.test\.tsx?|[/\\]test-support\.ts|[/\\]testing\.ts|[/\\]test-helpers\.ts)$/;

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (['node_modules', 'generated', '.next'].includes(name) || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) sources(full, out);
    else if (/\.(ts|tsx)$/.test(name) && !FIXTURE.test(full)) out.push(full);
  }
  return out;
}

test('raw Prisma calls exist only in packages/db', () => {
  const folders = ['packages/core/src', 'packages/ftp-server/src', 'apps/api/src', 'apps/cli/src', 'apps/web/src'];
  const found: string[] = [];
  for (const file of folders.flatMap((f) => sources(path.join(ROOT, f)))) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (PRISMA_CALL.test(line)) found.push(`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
      });
  }
  assert.deepEqual(found, []);
});
