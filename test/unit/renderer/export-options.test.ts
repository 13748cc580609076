import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EXPORT_OPTIONS, OPTIONS_STORAGE_KEY, loadExportOptions, parseStoredOptions, saveExportOptions, serializeOptions,
} from '../../../renderer/export/export-options';

describe('export options persistence', () => {
  it('uses the safe defaults when nothing (or nothing readable) is stored', () => {
    expect(DEFAULT_EXPORT_OPTIONS).toEqual({ safe: true, bom: false, delimiter: ',', eol: '\n', time: 'stored', provenance: true });
    for (const text of [null, '', 'not json', '[1,2]', 'null', '42', '"text"']) {
      expect(parseStoredOptions(text)).toEqual(DEFAULT_EXPORT_OPTIONS);
    }
  });

  it('round-trips every valid choice', () => {
    const options = { safe: false, bom: true, delimiter: '\t' as const, eol: '\r\n' as const, time: 'local' as const, provenance: false };
    expect(parseStoredOptions(serializeOptions(options))).toEqual(options);
  });

  it('replaces only the fields that are missing, mistyped or unknown', () => {
    const parsed = parseStoredOptions(JSON.stringify({ safe: 'no', bom: true, delimiter: '|', eol: '\r\n', time: 'mars', provenance: 0 }));
    expect(parsed).toEqual({ safe: true, bom: true, delimiter: ',', eol: '\r\n', time: 'stored', provenance: true });
    expect(parseStoredOptions(JSON.stringify({ delimiter: ';' }))).toEqual({ ...DEFAULT_EXPORT_OPTIONS, delimiter: ';' });
  });

  it('stores only the known fields', () => {
    const withExtra = { ...DEFAULT_EXPORT_OPTIONS, target: '/etc/passwd' } as typeof DEFAULT_EXPORT_OPTIONS;
    expect(Object.keys(JSON.parse(serializeOptions(withExtra)) as object).sort()).toEqual(['bom', 'delimiter', 'eol', 'provenance', 'safe', 'time']);
  });

  it('loads and saves under auditlens.export.options, surviving storage that throws', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    saveExportOptions(storage, { ...DEFAULT_EXPORT_OPTIONS, safe: false });
    expect(OPTIONS_STORAGE_KEY).toBe('auditlens.export.options');
    expect([...store.keys()]).toEqual(['auditlens.export.options']);
    expect(loadExportOptions(storage).safe).toBe(false);

    const broken = { getItem: (): string | null => { throw new Error('denied'); }, setItem: (): void => { throw new Error('quota'); } };
    expect(loadExportOptions(broken)).toEqual(DEFAULT_EXPORT_OPTIONS);
    expect(() => saveExportOptions(broken, DEFAULT_EXPORT_OPTIONS)).not.toThrow();
    expect(loadExportOptions(null)).toEqual(DEFAULT_EXPORT_OPTIONS);
  });
});
