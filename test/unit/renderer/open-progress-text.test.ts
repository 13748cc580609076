import { describe, expect, it } from 'vitest';
import { openProgressFraction, openProgressText, pathLabel } from '../../../renderer/features/sources/open-progress-text';

const MIB = 1024 * 1024;

describe('open progress text', () => {
  it('reads files, records and MiB while reading', () => {
    const p = { phase: 'reading' as const, files: 12, filesTotal: 1_000, records: 345_678, bytes: 120 * MIB, bytesTotal: 386 * MIB };
    expect(openProgressText(p)).toBe('Reading 12 / 1,000 files · 345,678 records · 120 MiB of 386 MiB');
    expect(openProgressFraction(p)).toBeCloseTo(120 / 386);
  });

  it('uses singular nouns and leaves out an unknown size', () => {
    const p = { phase: 'reading' as const, files: 0, filesTotal: 1, records: 1, bytes: 0, bytesTotal: 0 };
    expect(openProgressText(p)).toBe('Reading 0 / 1 file · 1 record');
    expect(openProgressFraction(p)).toBeNull();
  });

  it('says it is building indexes, with an indeterminate bar', () => {
    const p = { phase: 'indexing' as const, files: 300, filesTotal: 300, records: 600_000, bytes: 170 * MIB, bytesTotal: 170 * MIB };
    expect(openProgressText(p)).toBe('Building indexes… · 600,000 records from 300 files');
    expect(openProgressFraction(p)).toBeNull();
    expect(openProgressFraction(null)).toBeNull();
  });

  it('names a store by its last path segment', () => {
    expect(pathLabel('/data/audit/')).toBe('audit');
    expect(pathLabel('/data/audit.sqlite')).toBe('audit.sqlite');
    expect(pathLabel('C:\\logs\\json')).toBe('json');
    expect(pathLabel('/')).toBe('/');
  });
});
