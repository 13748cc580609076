import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOSTILE_CASES } from './corpus';

const TEST_ROOT = path.resolve(__dirname, '..', '..');

describe('the hostile corpus', () => {
  it('names each case once, and each case is the start of a test title in the file it names', () => {
    const ids = HOSTILE_CASES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of HOSTILE_CASES) {
      const text = fs.readFileSync(path.join(TEST_ROOT, c.test), 'utf8');
      expect(text, c.id).toMatch(new RegExp(`\\(\\s*[\`'"]${c.id}[:\`'"]`));
    }
  });
});
