import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LineReader } from './line-reader.ts';

function lines(reader: LineReader, ...chunks: (string | number[])[]): string[] {
  return chunks.flatMap((c) =>
    reader.push(typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c)).map((e) => (e.kind === 'line' ? e.text : '<overlong>')),
  );
}

describe('LineReader', () => {
  it('splits CRLF, LF and bare CR lines and joins split packets', () => {
    const r = new LineReader(100);
    assert.deepEqual(lines(r, 'US', 'ER a\r', '\nPASS b\nNOOP\r\n'), ['USER a', 'PASS b', 'NOOP']);
    assert.deepEqual(lines(r, 'ABOR\r'), ['ABOR']);
    assert.deepEqual(lines(r, '\nNOOP\r\n'), ['NOOP']);
    assert.deepEqual(lines(r, 'A\rB\r\n'), ['A', 'B']);
  });

  it('drops Telnet IAC commands and option negotiation, keeps escaped 0xFF', () => {
    const r = new LineReader(100);
    assert.deepEqual(lines(r, [0xff, 0xf4, 0xff, 0xf2], 'ABOR\r\n'), ['ABOR']);
    assert.deepEqual(lines(r, [0xff, 0xfb, 0x01, 0x4e, 0x4f, 0xff], [0xfd, 0x03], 'OP\r\n'), ['NOOP']);
    const escaped = r.push(Buffer.from([0x41, 0xff, 0xff, 0x0d, 0x0a]))[0];
    assert.ok(escaped?.kind === 'line' && escaped.text.length === 2);
  });

  it('keeps CR NUL as a literal CR and UTF-8 intact', () => {
    const r = new LineReader(100);
    assert.deepEqual(lines(r, [0x61, 0x0d, 0x00, 0x62, 0x0d, 0x0a]), ['a\rb']);
    assert.deepEqual(lines(r, 'CWD répertoire/日本\r\n'), ['CWD répertoire/日本']);
  });

  it('flags lines that are not valid UTF-8, also when a character spans two packets', () => {
    const r = new LineReader(100);
    const flags = (...chunks: number[][]): boolean[] => chunks.flatMap((c) => r.push(Buffer.from(c))).map((e) => e.kind === 'line' && e.isUtf8);
    assert.deepEqual(flags([0x61, 0xc3], [0xa9, 0x0d, 0x0a]), [true]);
    assert.deepEqual(flags([0x61, 0x80, 0x0a], [0xc0, 0xaf, 0x0a], [0xed, 0xa0, 0x80, 0x0a], [0xff, 0xff, 0x0a]), [false, false, false, false]);
    assert.deepEqual(flags([0x61, 0xe6, 0x97, 0x0a, 0x62, 0x0a]), [false, true]);
  });

  it('reports over-long lines once and recovers', () => {
    const r = new LineReader(10);
    assert.deepEqual(lines(r, 'x'.repeat(8), 'y'.repeat(8), 'z\r\nNOOP\r\n'), ['<overlong>', 'NOOP']);
  });

  it('forgets buffered text on clear()', () => {
    const r = new LineReader(100);
    assert.deepEqual(lines(r, 'USER half'), []);
    r.clear();
    assert.deepEqual(lines(r, 'NOOP\r\n'), ['NOOP']);
  });
});
