// The committed api-types.gen.ts must be what the API's OpenAPI document generates now: a route
// schema changed without `npm run api-types -w @ftp-panel/web` fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { OpenAPI3 } from 'openapi-typescript';
import { GENERATED_FILE, generateApiTypes, renderApiTypes } from './api-types.ts';

function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  const at = left.findIndex((line, i) => line !== right[i]);
  const line = at === -1 ? left.length : at;
  return `line ${line + 1}: committed ${JSON.stringify(left[line])}, generated ${JSON.stringify(right[line])}`;
}

test('src/lib/api-types.gen.ts is up to date with the API', async () => {
  const generated = await generateApiTypes();
  const committed = readFileSync(GENERATED_FILE, 'utf8');
  assert.ok(committed === generated, `api-types.gen.ts is stale (${firstDifference(committed, generated)}): run npm run api-types -w @ftp-panel/web`);
});

test('response fields are present unless the schema lists its own required ones; request bodies keep theirs', async () => {
  const object = (properties: Record<string, unknown>, required?: string[]) => ({ type: 'object', properties, ...(required ? { required } : {}) });
  const answer: { required?: string[] } = object({ id: { type: 'string' }, nested: object({ a: { type: 'integer' } }), note: object({ b: { type: 'string' } }, []) });
  const doc = {
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    paths: {
      '/thing': {
        post: {
          requestBody: { content: { 'application/json': { schema: object({ name: { type: 'string' } }) } } },
          responses: {
            200: {
              description: 'ok',
              content: { 'application/json': { schema: answer } },
            },
          },
        },
      },
    },
  } as unknown as OpenAPI3;
  const types = await renderApiTypes(doc);
  assert.match(types, /name\?: string;/, 'a request field stays optional');
  assert.match(types, /\bid: string;/);
  assert.match(types, /\ba: number;/, 'nested response objects too');
  assert.match(types, /\bb\?: string;/, 'a declared required list wins');
  assert.equal(answer.required, undefined, 'the document passed in is not changed');
});
