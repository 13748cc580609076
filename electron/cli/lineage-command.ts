/**
 * `auditlens lineage STORE --node NAME …`: the edges the app's Lineage mode would draw, as CSV
 * (a file or standard output), JSON or Graphviz DOT, through the same engine
 * (electron/views/lineage-query.ts). Command-line mistakes are UsageErrors (exit 2); a node or a
 * format the engine refuses is an AuditlensError (exit 1).
 */
import fs from 'node:fs';
import path from 'node:path';
import { AuditlensError } from '../../shared/api/result';
import { layeredLayout } from '../../shared/lineage/layered-layout';
import { lineageScene, sceneLabels, sceneLayoutEdges } from '../../shared/lineage/lineage-scene';
import { lineageSvg } from '../../shared/lineage/lineage-svg';
import { LINEAGE_CSV_COLUMNS, lineageCsvRows, lineageDot, lineageJson } from '../../shared/lineage/lineage-writers';
import { estimateTextWidth, sizeNodes } from '../../shared/lineage/node-size';
import type { LineageGraph } from '../../shared/model/lineage-graph';
import { parseTimestamp } from '../../shared/model/timestamps';
import { MAX_LINEAGE_DEPTH } from '../../shared/model/view-request';
import type { MappingStore } from '../app-data/mapping-store';
import { DEFAULT_CSV, formatRecord, makeCellFormatter } from '../csv/csv-format';
import type { StoreManager } from '../sources/store-manager';
import type { FormatCatalog } from '../views/format-catalog';
import { lineageGraph } from '../views/lineage-query';
import type { StoreFormat } from '../views/store-formats';
import { UsageError } from './cli-error';
import { cliFormats } from './view-plan';

/** What `auditlens lineage` was asked for, as typed on the command line. */
export interface LineageArgs {
  readonly store: string;
  readonly format: string | null;
  readonly node: string | null;
  readonly upstream: boolean;
  readonly downstream: boolean;
  readonly both: boolean;
  readonly depth: string | null;
  readonly columns: boolean;
  readonly asOf: string | null;
  readonly run: string | null;
  readonly out: string;
  readonly mappingFile: string | null;
}

/** Where the command runs: saved mappings, cancel, and standard output. */
export interface LineageContext {
  readonly mappings?: MappingStore | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly stdout: (text: string) => void;
}

/** The most nodes the CLI walks: the request's largest budget. */
const CLI_BUDGET = 50_000;

/** What `--out` asks for; checked before any work. */
export function lineageOutput(out: string): 'csv' | 'json' | 'dot' | 'svg' | 'stdout' {
  if (out === '-') {
    return 'stdout';
  }
  const ext = path.extname(out).toLowerCase();
  if (ext === '.csv' || ext === '.json' || ext === '.dot' || ext === '.svg') {
    return ext.slice(1) as 'csv' | 'json' | 'dot' | 'svg';
  }
  if (ext === '.png') {
    throw new UsageError('The command line draws lineage as SVG, not PNG; write --out FILE.svg (or export PNG from the app).');
  }
  throw new UsageError(`--out must name a .csv, .json, .dot or .svg file, or be - for CSV on standard output (not "${out}").`);
}

/** `--depth`: 1 to the maximum, or `all` (the default: scripts want everything a change could reach). */
export function depthArg(v: string | null): number | null {
  if (v === null || v === 'all') {
    return null;
  }
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > MAX_LINEAGE_DEPTH) {
    throw new UsageError(`--depth must be a whole number from 1 to ${MAX_LINEAGE_DEPTH}, or all (not "${v}").`);
  }
  return n;
}

/** `--as-of`: ISO 8601 (no offset means UTC) or a day (its midnight UTC), as ISO with an offset. */
export function asOfArg(v: string | null): string | null {
  if (v === null) {
    return null;
  }
  const parsed = parseTimestamp(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00` : v, { naive: 'utc' });
  if (!parsed) {
    throw new UsageError(`--as-of "${v}" is not a time; write it as ISO 8601, e.g. 2026-10-12T08:15:00Z or 2026-10-12.`);
  }
  return new Date(parsed.epochMs).toISOString();
}

function directionOf(a: LineageArgs): 'upstream' | 'downstream' | 'both' {
  const chosen = [a.upstream && 'upstream', a.downstream && 'downstream', a.both && 'both'].filter((x): x is 'upstream' | 'downstream' | 'both' => x !== false);
  if (chosen.length > 1) {
    throw new UsageError('Give one of --upstream, --downstream and --both.');
  }
  return chosen[0] ?? 'both';
}

/** The format named, else the store's only format with lineage. */
function lineageFormat(fc: FormatCatalog, format: string | null): StoreFormat {
  if (format !== null) {
    return fc.find(format);
  }
  const withLineage = fc.formats.filter((f) => f.model.lineage.length > 0);
  const only = withLineage[0];
  if (withLineage.length === 1 && only) {
    return only;
  }
  throw new AuditlensError('bad-input', withLineage.length === 0
    ? 'The store holds no format with lineage (edge tables, OpenLineage events, a dbt manifest); give --mapping FILE with an edge table.'
    : `The store holds several formats with lineage (${withLineage.map((f) => f.key).join(', ')}); choose one with --format ID.`);
}

/** The graph's edges as CSV text, header first, in the exporter's safe mode. */
export function lineageCsv(g: LineageGraph): string {
  const cell = makeCellFormatter(DEFAULT_CSV);
  return [formatRecord(LINEAGE_CSV_COLUMNS, cell, DEFAULT_CSV), ...lineageCsvRows(g).map((r) => formatRecord(r, cell, DEFAULT_CSV))].join('');
}

/** The picture the app draws, as SVG: the same scene, sizes (estimated text widths) and layered layout. */
export function lineagePicture(g: LineageGraph, columns: boolean): string {
  const scene = lineageScene(g, columns);
  return lineageSvg(scene, layeredLayout(sizeNodes(sceneLabels(scene), estimateTextWidth), sceneLayoutEdges(scene)), g.root);
}

/** Runs the command: opens the store, walks, writes; returns the graph for the summary line. */
export async function lineageCommand(stores: StoreManager, a: LineageArgs, ctx: LineageContext): Promise<LineageGraph> {
  const kind = lineageOutput(a.out);
  if (a.node === null || a.node === '') {
    throw new UsageError('lineage needs --node NAME (a table as schema.table, a column with --columns, a dataset or a dbt unique_id).');
  }
  const depth = depthArg(a.depth);
  const asOf = asOfArg(a.asOf);
  const direction = directionOf(a);
  const { storeId, source } = await stores.openLocation(a.store, {});
  try {
    const fc = await cliFormats(source, a.mappingFile, ctx.mappings ?? null);
    const f = lineageFormat(fc, a.format);
    const g = await lineageGraph(fc, { format: f.key, node: a.node, direction, depth, columns: a.columns, asOf, run: a.run, budget: CLI_BUDGET }, ctx.signal);
    const text = kind === 'json' ? lineageJson(g) : kind === 'dot' ? lineageDot(g) : kind === 'svg' ? lineagePicture(g, a.columns) : lineageCsv(g);
    if (kind === 'stdout') {
      ctx.stdout(text);
    } else {
      fs.writeFileSync(a.out, text);
    }
    return g;
  } finally {
    await stores.close(storeId);
  }
}
