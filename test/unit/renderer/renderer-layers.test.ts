import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The renderer's folders and who may import whom, read from the source: features import the kits
 * (app, grid, export, components) and never another feature; only the shell wires features in;
 * no file imports itself back through a circle.
 */
const RENDERER = path.resolve(__dirname, '..', '..', '..', 'renderer');

/** Every .ts/.tsx file under the renderer, relative to it, with forward slashes. */
function sourceFiles(dir = RENDERER): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      return sourceFiles(full);
    }
    return /\.tsx?$/.test(e.name) ? [path.relative(RENDERER, full).split(path.sep).join('/')] : [];
  });
}

/** The renderer files a file imports (relative imports only, resolved to files; CSS left out). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(RENDERER, file), 'utf8');
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'(\.[^']+)'/g)].map((m) => m[1] ?? '');
  return specs.flatMap((spec) => {
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
    const found = ['.ts', '.tsx'].map((ext) => `${base}${ext}`).find((f) => fs.existsSync(path.join(RENDERER, f)));
    return found && !found.startsWith('..') ? [found] : [];
  });
}

const files = sourceFiles();
const edges = new Map(files.map((f) => [f, importsOf(f)] as const));
const featureOf = (f: string): string | null => /^features\/([^/]+)\//.exec(f)?.[1] ?? null;
const topOf = (f: string): string => f.split('/')[0] ?? f;
const pairs = [...edges].flatMap(([from, tos]) => tos.map((to) => ({ from, to })));

describe('renderer layers', () => {
  it('reads the renderer (a check over no files proves nothing)', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(pairs.length).toBeGreaterThan(100);
  });

  it('features never import another feature', () => {
    const crossing = pairs.filter(({ from, to }) => featureOf(from) !== null && featureOf(to) !== null && featureOf(from) !== featureOf(to));
    expect(crossing).toEqual([]);
  });

  it('only the app shell and the explorer import features', () => {
    const wiring = pairs.filter(({ from, to }) => featureOf(to) !== null && featureOf(from) === null).map(({ from }) => from);
    // The view link reads and seeds each mode's kept state: explorer wiring, in its own folder.
    expect([...new Set(wiring)].sort()).toEqual(['app/app-shell.tsx', 'app/explorer/explorer.tsx', 'app/use-shell-commands.ts', 'app/view-link/use-view-link.ts', 'app/view-link/view-link-state.ts']);
  });

  it('the grid and export kits do not import each other, and components import no other folder', () => {
    const kits = pairs.filter(({ from, to }) => (topOf(from) === 'grid' && topOf(to) === 'export') || (topOf(from) === 'export' && topOf(to) === 'grid'));
    expect(kits).toEqual([]);
    expect(pairs.filter(({ from, to }) => topOf(from) === 'components' && topOf(to) !== 'components')).toEqual([]);
  });

  it('has no import circle', () => {
    const circles: string[][] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: string[]): void => {
      state.set(file, 'open');
      for (const next of edges.get(file) ?? []) {
        if (state.get(next) === 'open') {
          circles.push([...trail.slice(trail.indexOf(next)), next]);
        } else if (!state.has(next)) {
          visit(next, [...trail, next]);
        }
      }
      state.set(file, 'done');
    };
    for (const f of files) {
      if (!state.has(f)) {
        visit(f, [f]);
      }
    }
    expect(circles).toEqual([]);
  });
});
