import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvCell, toCsv } from './csv.ts';

test('CSV quoting: commas, quotes and line breaks are quoted; formulas are defused', () => {
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('two\nlines'), '"two\nlines"');
  assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvCell(null), '');
  assert.equal(csvCell(new Date('2026-01-02T03:04:05Z')), '2026-01-02T03:04:05.000Z');
  assert.equal(csvCell(-5), '-5');
  assert.equal(toCsv(['a', 'b'], [{ a: 1, b: '/x,y.txt' }]), 'a,b\r\n1,"/x,y.txt"\r\n');
});
