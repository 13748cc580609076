import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/files';
import { runCli } from './cli-run';

const { dir, cleanup } = tempDir('auditlens-hostile-int64-');
const data = path.join(dir, 'data');
const file = path.join(dir, 'numbers.jsonl');

beforeAll(() => {
  fs.writeFileSync(file, [
    '{"id":1,"v":-9223372036854775808}',
    '{"id":2,"v":9223372036854775807}',
    '{"id":3,"v":9223372036854775808}',
    '{"id":4,"v":42}',
  ].join('\n') + '\n');
});
afterAll(cleanup);

describe('64-bit integers from JSON', () => {
  it('H10-int64-min: -2^63 and 2^63-1 come back digit for digit; 2^63 is kept as text and listed', () => {
    const r = runCli(data, ['export', file, '--table', 'numbers', '--columns', 'id,v', '--out', '-', '--raw']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('id,v\n1,-9223372036854775808\n2,9223372036854775807\n3,9223372036854775808\n4,42\n');
    const doc = JSON.parse(runCli(data, ['inspect', file, '--json']).stdout) as { problems: { message: string }[] };
    expect(doc.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('the number 9223372036854775808 cannot be stored exactly as a number, so it is kept as text'),
    ]);
  });
});
