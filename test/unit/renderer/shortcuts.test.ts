import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPLORER_MODES } from '../../../renderer/app/explorer/explorer-modes';
import { SHORTCUTS, SHORTCUT_SCOPES, isHelpKey, isOpenKey, shortcutKeys, withShortcut } from '../../../renderer/app/shortcuts';
import { edgeRowOf } from '../../../renderer/grid/grid-events';

const RENDERER = path.resolve(__dirname, '..', '..', '..', 'renderer');

/** Every .ts/.tsx file under the renderer, with its text. */
function sources(dir = RENDERER): { readonly file: string; readonly text: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      return sources(full);
    }
    return /\.tsx?$/.test(e.name) ? [{ file: path.relative(RENDERER, full), text: fs.readFileSync(full, 'utf8') }] : [];
  });
}

/**
 * The keys a hint names by hand: a parenthesised key at the end of a string literal, as in
 * `'Close (Esc)'` or `'… store (r)'`. Hints built with `withShortcut` have no such literal.
 */
function handWrittenKeys(text: string): string[] {
  return [...text.matchAll(/\(((?:Ctrl|Cmd|Shift|Alt)\+[^)\s'"`]+|Esc|Escape|Enter|[a-z?/])\)['"`]/g)].map((m) => m[1] ?? '');
}

const registryKeys = new Set(SHORTCUTS.map((s) => s.keys));

describe('the shortcut registry', () => {
  it('names every key a hint in the renderer writes by hand (the sheet lists what the buttons say)', () => {
    const found = sources().flatMap(({ file, text }) => handWrittenKeys(text).map((keys) => ({ file, keys })));
    // The check reads real hints: the modes' keys and the modal dialog's Close (Esc) at least.
    expect(found.length).toBeGreaterThanOrEqual(EXPLORER_MODES.length + 1);
    expect(found.filter((f) => !registryKeys.has(f.keys))).toEqual([]);
  });

  it('catches a hint whose key the registry does not know', () => {
    expect(handWrittenKeys(`title="Close (Escape)" hint: 'Go (Ctrl+G)'`)).toEqual(['Escape', 'Ctrl+G']);
    expect(registryKeys.has('Escape')).toBe(false);
    expect(registryKeys.has('Ctrl+G')).toBe(false);
  });

  it('lists each mode by the key its switch names', () => {
    for (const m of EXPLORER_MODES) {
      expect(m.hint.endsWith(`(${m.key})`)).toBe(true);
      expect(SHORTCUTS.find((s) => s.id === `mode-${m.id}`)?.keys).toBe(m.key);
    }
  });

  it('builds hints from the registry, with unique ids and known scopes', () => {
    expect(withShortcut('Export what the grid shows as CSV', 'export')).toBe('Export what the grid shows as CSV (Ctrl+E)');
    expect(shortcutKeys('last-row')).toBe('Ctrl+End');
    expect(shortcutKeys('open')).toBe('Ctrl+O');
    const ids = SHORTCUTS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(SHORTCUTS.every((s) => SHORTCUT_SCOPES.includes(s.scope))).toBe(true);
  });

  it('tells the keys that open the sheet, open a store and jump to the first or last row', () => {
    const press = { ctrlKey: false, metaKey: false, altKey: false, shiftKey: false };
    expect(isHelpKey({ ctrlKey: false, metaKey: false, altKey: false, key: '?' })).toBe(true);
    expect(isHelpKey({ ...press, key: '?', ctrlKey: true })).toBe(false);
    expect(isHelpKey({ ...press, key: '/' })).toBe(false);
    expect(isOpenKey({ ...press, key: 'o', ctrlKey: true })).toBe(true);
    expect(isOpenKey({ ...press, key: 'O', metaKey: true })).toBe(true);
    expect(isOpenKey({ ...press, key: 'o' })).toBe(false);
    expect(isOpenKey({ ...press, key: 'o', ctrlKey: true, shiftKey: true })).toBe(false);
    expect(edgeRowOf({ ...press, key: 'End', ctrlKey: true })).toBe('last');
    expect(edgeRowOf({ ...press, key: 'Home', metaKey: true })).toBe('first');
    expect(edgeRowOf({ ...press, key: 'End' })).toBeNull();
    expect(edgeRowOf({ ...press, key: 'End', ctrlKey: true, shiftKey: true })).toBeNull();
  });
});
