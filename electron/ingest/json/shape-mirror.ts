import type { ColumnDef, SchemaChange, TableSpec } from './record-shaper';

/** What the writer needs of a table's shaper: a RecordShaper, or a mirror of one run in a worker. */
export interface Shaping {
  readonly spec: TableSpec;
  readonly columns: readonly ColumnDef[];
  takeChanges(): SchemaChange[];
  addNullOnly(): ColumnDef[];
}

/** The writer's side of a table shaped elsewhere (in the parse worker): columns and changes as sent. */
export class ShapeMirror implements Shaping {
  private changes: SchemaChange[] = [];
  private nullOnly: ColumnDef[] = [];
  public constructor(public readonly spec: TableSpec, public columns: readonly ColumnDef[]) {}
  /** Takes the columns and the changes the worker's shaper reported with a row. */
  public update(columns: readonly ColumnDef[], changes: readonly SchemaChange[]): void {
    this.columns = columns;
    this.changes.push(...changes);
  }
  /** Takes the null-only columns the worker's shaper added at the end. */
  public setNullOnly(columns: readonly ColumnDef[]): void {
    this.nullOnly = [...columns];
  }
  public takeChanges(): SchemaChange[] {
    const out = this.changes;
    this.changes = [];
    return out;
  }
  public addNullOnly(): ColumnDef[] {
    const added = this.nullOnly;
    this.columns = [...this.columns, ...added];
    this.nullOnly = [];
    this.changes = [];
    return added;
  }
}
