import Database from 'better-sqlite3';
import { withSqliteBinding } from '../../native/sqlite-binding';
import { CACHE_FORMAT } from './cache-key';
import { OPENLINEAGE_DERIVED } from './layouts/openlineage';
import { RecordShaper, type ColumnDef, type RowObject, type SchemaChange, type TableSpec } from './record-shaper';
import type { FoundFile } from './scan-files';
import { RowInserter } from './row-inserter';
import { ShapeMirror, type Shaping } from './shape-mirror';
import { addUntypedColumn, applySchemaChanges, createIndex, createLayoutTable, createTable, readExistingTables } from './table-schema';

/** The index of files read: shown in the catalog, since every row's `_file_id` points at it. */
export const FILES_TABLE = '_files';
/** Format version, location and whether the cache was finished; hidden by JsonSource. */
export const META_TABLE = '_auditlens_meta';
/** Problems found while reading; hidden by JsonSource, which lists them in `Catalog.problems`. */
export const PROBLEMS_TABLE = '_auditlens_problems';
/** Rows wait this long before their table exists, so first types come from a sample, not one row. */
const SAMPLE_ROWS = 256;

/** A table as a shaping worker needs to continue it: its columns and the last id handed out. */
export interface TableSeed {
  readonly name: string;
  readonly columns: readonly ColumnDef[] | null;
  readonly lastId: number;
}

interface TableState {
  shaper: Shaping | null;
  /** Slot of the `rowidAlias` column, and the last id handed out for it. */
  idSlot: number;
  lastId: number;
  /** Columns already in the database (a cache being extended), until the first row arrives. */
  existing: ColumnDef[] | null;
  created: boolean;
  pending: unknown[][];
  inserter: RowInserter;
}

/** A problem as stored in the cache. */
export interface StoredProblem {
  readonly rel: string;
  readonly offset: number | null;
  readonly line: number | null;
  readonly message: string;
}

/**
 * Writes the private SQLite cache of a JSON store: journal off, synchronous off, one transaction,
 * prepared inserts. Only this class writes, and only to a temporary file the caller renames when it
 * is complete, so a crash or a cancel never leaves a half-written cache under the final name.
 */
export class CacheWriter {
  private readonly tables = new Map<string, TableState>();
  private readonly insertFile: Database.Statement;
  private readonly updateFile: Database.Statement;
  private readonly insertProblem: Database.Statement;

  private constructor(private readonly db: Database.Database) {
    this.insertFile = db.prepare(`INSERT INTO ${FILES_TABLE} (id, path, size, mtime_ms, mode) VALUES (?, ?, ?, ?, ?)`);
    this.updateFile = db.prepare(`UPDATE ${FILES_TABLE} SET records = ?, problems = ?, bytes_read = ?, layouts = ? WHERE id = ?`);
    this.insertProblem = db.prepare(`INSERT INTO ${PROBLEMS_TABLE} (file_id, path, offset, line, message) VALUES (?, ?, ?, ?, ?)`);
  }

  /** Opens `file` (new, or a copy of an older cache to extend) for writing. */
  public static open(file: string, location: string): CacheWriter {
    const db = new Database(file, withSqliteBinding({}));
    try {
      db.pragma('page_size = 16384');
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      db.pragma('locking_mode = EXCLUSIVE');
      // 64 MiB of page cache, and temp b-trees on disk: memory stays flat however big the input
      // (peak RSS 148 MiB for 78 MiB of JSON, 155 MiB for 774 MiB), where 256 MiB in memory grew
      // to 650 MiB at 774 MiB, since the index sorts spilled into RAM. Measured no slower: 1,000
      // files x 1,000 events took 29.1 s this way against 32.0 s. `threads` lets sorts use a second core.
      db.pragma('cache_size = -65536');
      db.pragma('temp_store = FILE');
      db.pragma('threads = 2');
      db.exec(`
        CREATE TABLE IF NOT EXISTS ${META_TABLE} (key TEXT PRIMARY KEY, value);
        CREATE TABLE IF NOT EXISTS ${FILES_TABLE} (id INTEGER PRIMARY KEY, path TEXT NOT NULL, size INTEGER, mtime_ms REAL,
          mode TEXT, records INTEGER, problems INTEGER, bytes_read INTEGER, layouts TEXT);
        CREATE TABLE IF NOT EXISTS ${PROBLEMS_TABLE} (file_id INTEGER, path TEXT, offset INTEGER, line INTEGER, message TEXT);
        BEGIN;
      `);
      db.prepare(`INSERT OR REPLACE INTO ${META_TABLE} VALUES ('complete', 0), ('format', ?), ('location', ?)`).run(CACHE_FORMAT, location);
    } catch (e) {
      db.close();
      throw e;
    }
    const writer = new CacheWriter(db);
    writer.loadExisting();
    return writer;
  }

  /** Registers a file about to be read; returns its id. */
  public addFile(f: Pick<FoundFile, 'rel' | 'size' | 'mtimeMs' | 'mode'>, id: number | null = null): number {
    return Number(this.insertFile.run(id, f.rel, f.size, f.mtimeMs, f.mode).lastInsertRowid);
  }

  /** The id the next `addFile` gets, so a worker can hand file ids out ahead of the writer. */
  public nextFileId(): number {
    return Number(this.db.prepare(`SELECT coalesce(max(id), 0) + 1 FROM ${FILES_TABLE}`).pluck().get());
  }

  /** The tables written so far (a cache being extended), for a shaper that runs in a worker. */
  public seeds(): TableSeed[] {
    return [...this.tables].map(([name, t]) => ({ name, columns: t.shaper ? [...t.shaper.columns] : t.existing, lastId: t.lastId }));
  }

  /**
   * Adds a row shaped in the parse worker: `values` in column order (provenance and id filled in),
   * with the worker shaper's columns and changes whenever they changed (always on a table's first row).
   */
  public addShapedRow(spec: TableSpec, values: unknown[], columns: readonly ColumnDef[] | null, changes: readonly SchemaChange[] | null): void {
    let t = this.tables.get(spec.name);
    if (!t) {
      t = { shaper: null, idSlot: -1, lastId: 0, existing: null, created: false, pending: [], inserter: new RowInserter(this.db) };
      this.tables.set(spec.name, t);
    }
    if (!t.shaper) {
      t.shaper = new ShapeMirror(spec, columns ?? t.existing ?? spec.columns);
    }
    if (columns) {
      (t.shaper as ShapeMirror).update(columns, changes ?? []);
    }
    this.place(spec.name, t, values);
  }

  /** `addShapedRow` for a row with unchanged columns whose `n` values sit in `src` from `start` (the parse worker's flat batches). */
  public addShapedValues(spec: TableSpec, src: readonly unknown[], start: number, n: number): void {
    const t = this.tables.get(spec.name);
    if (!t || !t.created || !t.shaper) {
      this.addShapedRow(spec, src.slice(start, start + n), null, null);
      return;
    }
    const changes = t.shaper.takeChanges();
    if (changes.length > 0) {
      this.applyChanges(spec.name, t, changes);
    }
    t.inserter.insertFrom(t.shaper, src, start, n);
  }

  /** Hands a worker-shaped table its null-only columns (added by `finishSteps`). */
  public setNullOnly(name: string, columns: readonly ColumnDef[]): void {
    const shaper = this.tables.get(name)?.shaper;
    if (shaper instanceof ShapeMirror) {
      shaper.setNullOnly(columns);
    }
  }

  /** Records what reading a file produced. */
  public finishFile(id: number, records: number, problems: number, bytes: number, layouts: readonly string[]): void {
    this.updateFile.run(records, problems, bytes, layouts.join(','), id);
  }

  /** Stores a problem found in a file. */
  public addProblem(fileId: number | null, p: StoredProblem): void {
    this.insertProblem.run(fileId, p.rel, p.offset, p.line, p.message);
  }

  /**
   * Adds one row to a table, creating or widening the table as its records require. Returns the
   * id given to the row when the table has a `rowidAlias` column (ids are handed out here rather
   * than by SQLite, so a layout can point other rows at a row that is not written yet).
   */
  public addRow(spec: TableSpec, row: RowObject, fileId: number, line: number, exact: boolean): number | null {
    let t = this.tables.get(spec.name);
    if (!t) {
      t = { shaper: null, idSlot: -1, lastId: 0, existing: null, created: false, pending: [], inserter: new RowInserter(this.db) };
      this.tables.set(spec.name, t);
    }
    if (!t.shaper) {
      t.shaper = new RecordShaper(t.existing ? { ...spec, columns: t.existing } : spec);
      t.idSlot = spec.rowidAlias ? t.shaper.columns.findIndex((c) => c.name === spec.rowidAlias) : -1;
    }
    if (!(t.shaper instanceof RecordShaper)) {
      throw new Error(`table ${spec.name} is shaped by the parse worker`);
    }
    const values = t.shaper.shape(row, exact);
    values[0] = fileId;
    values[1] = line;
    let id: number | null = null;
    if (t.idSlot >= 0) {
      id = ++t.lastId;
      values[t.idSlot] = id;
    }
    this.place(spec.name, t, values);
    return id;
  }

  /** Holds the row back until the table exists (first SAMPLE_ROWS rows), else applies changes and inserts. */
  private place(name: string, t: TableState, values: unknown[]): void {
    const changes = (t.shaper as Shaping).takeChanges();
    if (!t.created) {
      t.pending.push(values);
      if (t.pending.length >= SAMPLE_ROWS) {
        this.flush(name, t);
      }
      return;
    }
    if (changes.length > 0) {
      this.applyChanges(name, t, changes);
    }
    t.inserter.insert(t.shaper as Shaping, values);
  }

  /**
   * The work left once every file is read, as separate steps so the caller can report progress and
   * yield between them: write pending rows, add null-only columns, index, derive the OpenLineage
   * tables, and mark the cache complete. Each step is one or a few SQL statements.
   */
  public finishSteps(): (() => void)[] {
    const steps: (() => void)[] = [];
    for (const [name, t] of this.tables) {
      const shaper = t.shaper;
      if (!shaper) {
        continue;
      }
      steps.push(() => {
        this.flush(name, t);
        for (const column of shaper.addNullOnly()) {
          addUntypedColumn(this.db, name, column);
        }
      });
      for (const cols of shaper.spec.indexes ?? []) {
        steps.push(() => createIndex(this.db, name, cols));
      }
    }
    if (this.tables.get(OPENLINEAGE_DERIVED.source)) {
      steps.push(() => {
        // Events without any input or output still need an (empty) edges table to derive from.
        for (const spec of OPENLINEAGE_DERIVED.needs) {
          this.ensureTable(spec);
        }
        for (const sql of OPENLINEAGE_DERIVED.create) {
          this.db.exec(sql);
        }
      });
      for (const sql of [...OPENLINEAGE_DERIVED.refresh, ...OPENLINEAGE_DERIVED.indexes]) {
        steps.push(() => this.db.exec(sql));
      }
    }
    steps.push(() => {
      this.db.prepare(`UPDATE ${META_TABLE} SET value = 1 WHERE key = 'complete'`).run();
      this.db.exec('COMMIT');
    });
    return steps;
  }

  /** Runs every finishing step at once. */
  public finish(): void {
    for (const step of this.finishSteps()) {
      step();
    }
  }

  /** Creates a table with its layout's columns if no row created it. */
  private ensureTable(spec: TableSpec): void {
    if (!this.tables.get(spec.name)?.created) {
      createLayoutTable(this.db, spec);
    }
  }

  /** Closes the connection (after `finish`, or to abandon the file). */
  public close(): void {
    if (this.db.open) {
      this.db.close();
    }
  }

  private loadExisting(): void {
    for (const { name, columns, lastId } of readExistingTables(this.db)) {
      this.tables.set(name, { shaper: null, idSlot: -1, lastId, existing: columns, created: true, pending: [], inserter: new RowInserter(this.db) });
    }
  }

  private flush(name: string, t: TableState): void {
    const shaper = t.shaper as Shaping;
    if (!t.created) {
      createTable(this.db, name, shaper.spec, shaper.columns);
      t.created = true;
      shaper.takeChanges();
    }
    for (const values of t.pending) {
      t.inserter.insert(shaper, values);
    }
    t.pending = [];
    t.inserter.drain();
  }

  private applyChanges(name: string, t: TableState, changes: readonly SchemaChange[]): void {
    t.inserter.drain();
    const shaper = t.shaper as Shaping;
    applySchemaChanges(this.db, name, shaper.spec, shaper.columns, changes);
    t.inserter.reset();
  }
}
