import type { StoredProblem, TableSeed } from './cache-writer';
import type { IngestProgress, IngestSink } from './ingest';
import { RecordShaper, type ColumnDef, type RowObject, type SchemaChange, type TableSpec } from './record-shaper';
import type { FoundFile } from './scan-files';

/**
 * Operations a parse worker sends the writer, flattened into one array per batch (cheap to
 * structured-clone): each starts with its code and has a fixed number of operands.
 */
export const OP = {
  /** id, rel, size, mtimeMs, mode */
  file: 1,
  /** fileId, rel, offset, line, message */
  problem: 2,
  /** table index, values, columns or null, changes or null */
  row: 3,
  /** id, records, problems, bytes, layouts */
  finishFile: 4,
  /** table index, spec */
  table: 5,
  /** table index, null-only columns */
  nullOnly: 6,
  /** progress */
  progress: 7,
  /**
   * table index, n, then the row's n values inline: a row that changes no columns. Inline values
   * keep a batch one flat array; a small array per row cost the writer's thread about a second
   * per 1M rows to clone (bench, flat JSON Lines records).
   */
  values: 8,
} as const;

/** Rows per batch posted to the writer. */
const BATCH_ROWS = 2_000;
/**
 * Entries per batch at most: V8 puts arrays over 16k elements in its large-object space, where
 * they outlive young collections (bench: +29 MiB peak RSS with inline values and no cap).
 */
const BATCH_ENTRIES = 12_000;

interface FrontTable {
  readonly index: number;
  readonly shaper: RecordShaper;
  readonly idSlot: number;
  lastId: number;
  announced: boolean;
}

/**
 * The shaping half of the cache writer, run in the parse worker: shapes rows exactly as
 * `CacheWriter.addRow` does (same shaper, same ids, same file ids) and queues them as operations
 * for `applyOps` on the writer's side.
 */
export class ShapingFront implements IngestSink {
  private ops: unknown[] = [];
  private rows = 0;
  private readonly tables = new Map<string, FrontTable>();
  private readonly seeds: Map<string, TableSeed>;
  private nextFile: number;

  public constructor(seeds: readonly TableSeed[], nextFileId: number, private readonly post: (ops: unknown[]) => void) {
    this.seeds = new Map(seeds.map((s) => [s.name, s]));
    this.nextFile = nextFileId;
  }

  public addFile(f: FoundFile): number {
    const id = this.nextFile++;
    this.ops.push(OP.file, id, f.rel, f.size, f.mtimeMs, f.mode);
    return id;
  }

  public addProblem(fileId: number | null, p: StoredProblem): void {
    this.ops.push(OP.problem, fileId, p.rel, p.offset, p.line, p.message);
  }

  public finishFile(id: number, records: number, problems: number, bytes: number, layouts: readonly string[]): void {
    this.ops.push(OP.finishFile, id, records, problems, bytes, [...layouts]);
  }

  public progress(p: IngestProgress): void {
    this.ops.push(OP.progress, p);
    this.flush();
  }

  public addRow(spec: TableSpec, row: RowObject, fileId: number, line: number, exact: boolean): number | null {
    let t = this.tables.get(spec.name);
    if (!t) {
      const seed = this.seeds.get(spec.name);
      const shaper = new RecordShaper(seed?.columns ? { ...spec, columns: seed.columns } : spec);
      t = {
        index: this.tables.size,
        shaper,
        idSlot: spec.rowidAlias ? shaper.columns.findIndex((c) => c.name === spec.rowidAlias) : -1,
        lastId: seed?.lastId ?? 0,
        announced: false,
      };
      this.tables.set(spec.name, t);
      this.ops.push(OP.table, t.index, spec);
    }
    const values = t.shaper.shape(row, exact);
    values[0] = fileId;
    values[1] = line;
    let id: number | null = null;
    if (t.idSlot >= 0) {
      id = ++t.lastId;
      values[t.idSlot] = id;
    }
    const changes: SchemaChange[] = t.shaper.takeChanges();
    if (changes.length > 0 || !t.announced) {
      t.announced = true;
      this.ops.push(OP.row, t.index, values, [...t.shaper.columns] as ColumnDef[], changes);
    } else {
      this.ops.push(OP.values, t.index, values.length, ...values);
    }
    if (++this.rows >= BATCH_ROWS || this.ops.length >= BATCH_ENTRIES) {
      this.flush();
    }
    return id;
  }

  /** Queues every table's null-only columns (they become columns when the cache is finished), then flushes. */
  public end(): void {
    for (const t of this.tables.values()) {
      this.ops.push(OP.nullOnly, t.index, t.shaper.addNullOnly());
    }
    this.flush();
  }

  /** Posts what is queued. */
  public flush(): void {
    if (this.ops.length > 0) {
      const ops = this.ops;
      this.ops = [];
      this.rows = 0;
      this.post(ops);
    }
  }
}
