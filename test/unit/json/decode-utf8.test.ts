import { describe, expect, it } from 'vitest';
import { findInvalidUtf8, sniffEncoding } from '../../../electron/ingest/json/parse/decode-utf8';

describe('sniffEncoding', () => {
  it('skips a UTF-8 byte-order mark and accepts plain UTF-8', () => {
    expect(sniffEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toEqual({ ok: true, bomLength: 3 });
    expect(sniffEncoding(Buffer.from('{"a":1}'))).toEqual({ ok: true, bomLength: 0 });
    expect(sniffEncoding(Buffer.alloc(0))).toEqual({ ok: true, bomLength: 0 });
  });

  it.each([
    ['UTF-16LE with a BOM', [0xff, 0xfe, 0x7b, 0x00], 'UTF-16LE'],
    ['UTF-16BE with a BOM', [0xfe, 0xff, 0x00, 0x7b], 'UTF-16BE'],
    ['UTF-32LE with a BOM', [0xff, 0xfe, 0x00, 0x00], 'UTF-32LE'],
    ['UTF-32BE with a BOM', [0x00, 0x00, 0xfe, 0xff], 'UTF-32BE'],
    ['UTF-16LE without a BOM', [0x7b, 0x00, 0x22, 0x00], 'UTF-16LE'],
    ['UTF-16BE without a BOM', [0x00, 0x7b, 0x00, 0x22], 'UTF-16BE'],
  ])('names %s as unsupported', (_name, bytes, encoding) => {
    expect(sniffEncoding(Buffer.from(bytes))).toEqual({ ok: false, encoding });
  });
});

describe('findInvalidUtf8', () => {
  it('accepts valid text including 4-byte characters', () => {
    expect(findInvalidUtf8(Buffer.from('plain, é, 中, 😀'))).toBeNull();
  });

  it.each([
    [[0x61, 0xff], 1, /never appears/],
    [[0x61, 0x62, 0x80], 2, /continuation byte with no lead/],
    [[0xc1, 0xbf], 0, /overlong/],
    [[0xe0, 0x80, 0xaf], 0, /overlong/],
    [[0xf0, 0x80, 0x80, 0xaf], 0, /overlong/],
    [[0xed, 0xbf, 0xbf], 0, /surrogate/],
    [[0xf4, 0x90, 0x80, 0x80], 0, /truncated multi-byte/],
    [[0x61, 0xe2, 0x82], 1, /cut off by the end/],
  ])('finds %j at byte %i', (bytes, offset, reason) => {
    const bad = findInvalidUtf8(Buffer.from(bytes));
    expect(bad?.offset).toBe(offset);
    expect(bad?.reason).toMatch(reason);
  });
});
