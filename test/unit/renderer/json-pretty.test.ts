import { describe, expect, it } from 'vitest';
import { prettyJson } from '../../../renderer/components/json-pretty';

describe('prettyJson', () => {
  it('pretty-prints objects and arrays', () => {
    expect(prettyJson('{"a":1,"b":[true,null]}')).toBe('{\n  "a": 1,\n  "b": [\n    true,\n    null\n  ]\n}');
    expect(prettyJson(' [1] ')).toBe('[\n  1\n]');
  });

  it('leaves scalars, broken JSON and plain text alone', () => {
    expect(prettyJson('"text"')).toBeNull();
    expect(prettyJson('42')).toBeNull();
    expect(prettyJson('{not json}')).toBeNull();
    expect(prettyJson('<img src=x onerror=alert(1)>')).toBeNull();
    expect(prettyJson('[1]', 2)).toBeNull();
  });
});
