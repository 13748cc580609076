import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportGraph } from './import-graph';
import { findCycles, readImportGraph } from './import-graph';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * Circles that another change is removing; each entry is the exact set of files of one circle,
 * so the test fails as soon as the circle grows or changes.
 */
const KNOWN_CIRCLES: readonly (readonly string[])[] = [];

/**
 * Which module may import which: the data flow of the architecture (store → source → profile →
 * view plan → export → api → entry points) as data. A module is a folder directly under
 * `electron/` or a file at its top; `shared` and `renderer` are one module each. Every module of
 * `electron/` may also import `shared`. A module that is not in this table fails the test: adding
 * one means deciding where it sits.
 */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  shared: [],
  renderer: ['shared'],

  // Leaves of the Node side: each imports nothing else of electron/.
  'electron/runtime-paths.ts': [],
  'electron/csv': [],
  'electron/workers': [],
  'electron/app-data': [],
  'electron/serving': [],
  'electron/demo': ['electron/native'],
  // Native files (better-sqlite3 per runtime, the CSV extension) and their recorded hashes.
  'electron/native': ['electron/runtime-paths.ts'],

  // store → source: the importer that builds the JSON cache, then the query sources.
  'electron/ingest': ['electron/runtime-paths.ts', 'electron/native'],
  'electron/sources': ['electron/ingest', 'electron/csv', 'electron/workers', 'electron/runtime-paths.ts', 'electron/native'],

  // → profile (reads only the catalog, in shared/) → view plan.
  'electron/profiles': [],
  'electron/views': ['electron/profiles', 'electron/sources', 'electron/app-data'],

  // → export.
  'electron/export': ['electron/views', 'electron/profiles', 'electron/sources', 'electron/csv', 'electron/app-data'],

  // Electron adapters (typed surface, app:// protocol, hardening, dialogs, utility processes):
  // no data flows through them; the api's IPC transport uses their surface and origin check.
  'electron/shell': ['electron/export', 'electron/serving', 'electron/workers', 'electron/app-data'],

  // → api: handlers and the IPC and loopback transports.
  'electron/api': ['electron/export', 'electron/views', 'electron/profiles', 'electron/sources', 'electron/shell', 'electron/serving', 'electron/app-data'],

  // Entry points and their wiring: Electron's main, browser mode (the loopback bridge) and the CLI.
  'electron/host.ts': ['electron/api', 'electron/export', 'electron/views', 'electron/sources', 'electron/workers', 'electron/demo', 'electron/app-data', 'electron/runtime-paths.ts'],
  'electron/cli': ['electron/host.ts', 'electron/export', 'electron/views', 'electron/profiles', 'electron/sources', 'electron/csv', 'electron/app-data', 'electron/runtime-paths.ts'],
  'electron/browser-mode.ts': ['electron/host.ts', 'electron/api', 'electron/runtime-paths.ts'],
  'electron/cli.ts': ['electron/cli', 'electron/browser-mode.ts', 'electron/export', 'electron/sources', 'electron/workers', 'electron/demo', 'electron/app-data', 'electron/runtime-paths.ts'],
  'electron/menu.ts': ['electron/shell'],
  'electron/window.ts': ['electron/shell'],
  'electron/preload.ts': ['electron/shell'],
  'electron/main.ts': ['electron/host.ts', 'electron/menu.ts', 'electron/window.ts', 'electron/api', 'electron/shell', 'electron/app-data', 'electron/runtime-paths.ts'],
};

/** The module a file belongs to, as the table names it. */
function moduleOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] !== 'electron') {
    return parts[0] as string;
  }
  return parts.length > 2 ? `electron/${parts[1]}` : file;
}

/** Every import that crosses modules against the table, as `from → to (module → module)`. */
function upwardImports(graph: ImportGraph): string[] {
  const bad: string[] = [];
  for (const [from, targets] of graph) {
    const a = moduleOf(from);
    const allowed = new Set([...(MAY_IMPORT[a] ?? []), ...(a.startsWith('electron/') ? ['shared'] : [])]);
    for (const to of targets) {
      const b = moduleOf(to);
      if (a !== b && !allowed.has(b)) {
        bad.push(`${from} → ${to} (${a} may not import ${b})`);
      }
    }
  }
  return bad.sort();
}

function isKnown(cycle: readonly string[]): boolean {
  const files = [...new Set(cycle)].sort();
  return KNOWN_CIRCLES.some((known) => known.length === files.length && [...known].sort().every((f, i) => f === files[i]));
}

describe('the import graph', () => {
  const graph = readImportGraph(ROOT, ['shared', 'electron', 'renderer']);

  it('reads every source file and resolves every relative import', () => {
    expect(graph.size).toBeGreaterThan(200);
    expect(graph.get('electron/sources/source.ts')).toContain('shared/query/plan.ts');
    const unresolved = [...graph].flatMap(([from, targets]) => targets.filter((t) => t.startsWith('?')).map((t) => `${from} → ${t}`));
    expect(unresolved).toEqual([]);
  });

  it('has no import circle between files', () => {
    const cycles = findCycles(graph).filter((c) => !isKnown(c));
    expect(cycles.map((c) => c.join(' → '))).toEqual([]);
  });

  it('never imports up the data flow between the folders of electron/', () => {
    const unknown = [...new Set([...graph.keys()].map(moduleOf))].filter((m) => !(m in MAY_IMPORT)).sort();
    expect(unknown, 'modules missing from MAY_IMPORT').toEqual([]);
    expect(upwardImports(graph)).toEqual([]);
  });

  it('finds a circle and an upward import when there is one', () => {
    const circle: ImportGraph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
    ]);
    expect(findCycles(circle)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
    expect(upwardImports(new Map([['electron/csv/x.ts', ['electron/export/y.ts']]]))).toEqual([
      'electron/csv/x.ts → electron/export/y.ts (electron/csv may not import electron/export)',
    ]);
  });
});
