/**
 * The edges of a lineage graph as a CSV file (the `auditlens lineage` columns), written like every
 * export: the exporter's cell rules (safe mode, delimiter, line ends, BOM), a journalled temporary
 * file renamed when complete, and a provenance record naming the store and the walk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AuditlensError } from '../../shared/api/result';
import { LINEAGE_CSV_COLUMNS, lineageCsvRows } from '../../shared/lineage/lineage-writers';
import type { LineageGraph } from '../../shared/model/lineage-graph';
import type { LineageRequest } from '../../shared/model/view-request';
import { UTF8_BOM, formatRecord, makeCellFormatter } from '../csv/csv-format';
import type { Source } from '../sources/source';
import type { ExportOptions } from './export-service';
import { tempPathFor } from './export-file';
import { buildProvenance, removeStaleProvenance, sha256File, writeProvenance } from './provenance';
import { openExportJournal } from './temp-sweep';

/** One lineage export. */
export interface LineageExportSpec {
  readonly source: Source;
  readonly graph: LineageGraph;
  readonly request: Omit<LineageRequest, 'kind'>;
  readonly target: string;
  readonly options: ExportOptions;
  readonly appVersion: string;
  readonly dataDir: string;
  readonly signal?: AbortSignal | undefined;
}

/** Writes the CSV (and its provenance); what was written. */
export async function exportLineageCsv(spec: LineageExportSpec): Promise<{ rows: number; bytes: number; totalRows: number; path: string }> {
  const { options } = spec;
  const cell = makeCellFormatter(options);
  const rows = lineageCsvRows(spec.graph);
  const text = (options.bom ? UTF8_BOM : '') + [formatRecord(LINEAGE_CSV_COLUMNS, cell, options), ...rows.map((r) => formatRecord(r, cell, options))].join('');
  const target = path.resolve(spec.target);
  const journal = openExportJournal(spec.dataDir, target);
  const tmp = tempPathFor(target);
  journal.track(tmp);
  try {
    if (spec.signal?.aborted) {
      throw new AuditlensError('cancelled', 'The export was cancelled; no file was written.');
    }
    fs.writeFileSync(tmp, text, { flag: 'wx', mode: 0o600 });
    removeStaleProvenance(target);
    fs.renameSync(tmp, target);
    const bytes = Buffer.byteLength(text);
    if (options.provenance) {
      const hash = spec.source.info.kind === 'sqlite' ? await sha256File(spec.source.info.location, spec.signal).catch(() => null) : null;
      const r = spec.request;
      writeProvenance(target, buildProvenance({
        csvPath: target, createdAt: new Date(), appVersion: spec.appVersion, source: spec.source.info, fileHash: hash,
        query: { table: { schema: null, name: 'lineage' }, columns: [...LINEAGE_CSV_COLUMNS], filters: [], sort: [] },
        view: {
          kind: 'lineage', format: r.format,
          lineage: { node: r.node, direction: r.direction, depth: r.depth, columns: r.columns, asOf: r.asOf, run: r.run, budget: r.budget, nodes: spec.graph.nodes.length, truncated: spec.graph.truncated },
        },
        columns: LINEAGE_CSV_COLUMNS, sql: '', params: [], rowCount: rows.length, bytes, options,
      }), (t) => journal.track(t));
    }
    return { rows: rows.length, bytes, totalRows: rows.length, path: target };
  } finally {
    fs.rmSync(tmp, { force: true });
    journal.close();
  }
}
