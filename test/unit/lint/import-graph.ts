/**
 * The project's import graph, read from the source text: every relative `import`, `export … from`,
 * `import()` and `require()` of the `.ts`/`.tsx` files under the given folders, resolved to files.
 * TypeScript's own pre-processor finds them, so comments and strings that look like imports do not count.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Each file (relative to the root, `/`-separated) and the project files it imports. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

const SOURCE = /\.tsx?$/;
/** Imports of files the bundler handles that are not code (styles, images): no edge. */
const ASSET = /\.(css|svg|png|json|html)$/;
const RESOLVE_SUFFIXES = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : SOURCE.test(e.name) ? [full] : [];
  });
}

function resolveRelative(root: string, from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(path.join(root, from)), spec);
  for (const suffix of RESOLVE_SUFFIXES) {
    const file = base + suffix;
    if (SOURCE.test(file) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      return path.relative(root, file).split(path.sep).join('/');
    }
  }
  return null;
}

/**
 * Reads the graph of every source file under `folders` (relative to `root`). An import that does
 * not resolve to a file is reported as an edge to `?<specifier>`, so a typo cannot hide an edge.
 */
export function readImportGraph(root: string, folders: readonly string[]): ImportGraph {
  const graph = new Map<string, string[]>();
  for (const file of folders.flatMap((f) => sourceFiles(path.join(root, f)))) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    const targets = info.importedFiles
      .map((f) => f.fileName)
      .filter((spec) => spec.startsWith('.') && !ASSET.test(spec))
      .map((spec) => resolveRelative(root, rel, spec) ?? `?${spec}`);
    graph.set(rel, [...new Set(targets)]);
  }
  return graph;
}

/**
 * One cycle per strongly connected component of more than one file (or a file importing itself),
 * each as the path `a → b → … → a`. Tarjan's algorithm, then a walk inside the component.
 */
export function findCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v) as number);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      for (let w = stack.pop(); w !== undefined; w = w === v ? undefined : stack.pop()) {
        onStack.delete(w);
        component.push(w);
      }
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) {
        components.push(component.sort());
      }
    }
  };
  for (const v of [...graph.keys()].sort()) {
    if (!index.has(v)) {
      visit(v);
    }
  }
  return components.map((c) => cycleWithin(graph, new Set(c), c[0] as string));
}

/** A shortest path from `start` back to itself through the component's files (breadth-first). */
function cycleWithin(graph: ImportGraph, members: ReadonlySet<string>, start: string): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift() as string;
    for (const w of graph.get(v) ?? []) {
      if (w === start) {
        const cycle = [start];
        for (let at: string | undefined = v; at !== undefined && at !== start; at = cameFrom.get(at)) {
          cycle.splice(1, 0, at);
        }
        return [...cycle, start];
      }
      if (members.has(w) && !cameFrom.has(w)) {
        cameFrom.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}
