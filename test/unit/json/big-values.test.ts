import { describe, expect, it } from 'vitest';
import { cutBigValues } from '../../../electron/ingest/json/parse/big-values';

const cut = (json: string, cap: number) => {
  const r = cutBigValues(Buffer.from(json), cap);
  return r ? { value: JSON.parse(r.bytes.toString('utf8')) as unknown, cuts: r.cuts } : null;
};

describe('cutBigValues', () => {
  it('replaces only top-level objects and arrays over the cap, by a string of their first bytes', () => {
    const r = cut('{"id":1,"big":[1,2,3,4,5,6],"s":"x\\"]}","small":[1],"o":{"k":"]]]]]]]]"}}', 8);
    expect(r?.value).toEqual({ id: 1, big: '[1,2,3,4', s: 'x"]}', small: [1], o: '{"k":"]]' });
    expect(r?.cuts).toEqual([{ key: 'big', rel: 14, size: 13 }, { key: 'o', rel: 56, size: 16 }]);
  });

  it('leaves records without a big field, and records that are not objects, alone', () => {
    expect(cut('{"a":[1,2],"b":{"c":[3]}}', 20)).toBeNull();
    expect(cut('[[1,2,3,4,5,6,7,8,9]]', 4)).toBeNull();
    expect(cut('"a string"', 2)).toBeNull();
  });

  it('cuts on a character boundary, and keys with escapes keep their text', () => {
    const r = cut('{"k\\u00e9y":["ééééé"]}', 5);
    expect(r?.value).toEqual({ 'kéy': '["é' });
    expect(r?.cuts[0]?.key).toBe('kéy');
  });
});
