import type { Database } from 'better-sqlite3';
import type { ColumnInfo, ForeignKeyInfo, IndexInfo, KeysetKind, TableInfo } from '../../../shared/model/catalog';
import { familyOf } from '../../../shared/model/catalog';

interface TableListRow { readonly schema: string; readonly name: string; readonly type: string; readonly wr: number }
interface XInfoRow { readonly name: string; readonly type: string; readonly notnull: number; readonly pk: number; readonly hidden: number }
interface FkRow { readonly id: number; readonly seq: number; readonly table: string; readonly from: string; readonly to: string | null }
interface IndexListRow { readonly name: string; readonly unique: number }
interface IndexInfoRow { readonly seqno: number; readonly name: string | null }

/**
 * Reads tables and views of the main schema: columns with declared types, keys and indexes.
 * Uses the pragma table-valued functions, whose arguments are bound, so hostile names are safe.
 */
export function readCatalog(db: Database): TableInfo[] {
  const list = db
    .prepare(`SELECT schema, name, type, wr FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'view', 'virtual') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`)
    .all() as TableListRow[];
  const xinfo = db.prepare('SELECT name, type, "notnull", pk, hidden FROM pragma_table_xinfo(?)');
  const fks = db.prepare('SELECT id, seq, "table", "from", "to" FROM pragma_foreign_key_list(?) ORDER BY id, seq');
  const idxList = db.prepare('SELECT name, "unique" FROM pragma_index_list(?)');
  const idxInfo = db.prepare('SELECT seqno, name FROM pragma_index_info(?) ORDER BY seqno');
  const tables: TableInfo[] = [];
  for (const t of list) {
    let cols: XInfoRow[];
    try {
      cols = (xinfo.all(t.name) as XInfoRow[]).filter((c) => c.hidden === 0 || c.hidden === 2 || c.hidden === 3);
    } catch {
      // A view over a missing table or function cannot be described; list it with no columns.
      cols = [];
    }
    const columns: ColumnInfo[] = cols.map((c) => ({
      name: c.name,
      type: c.type,
      family: familyOf(c.type),
      notNull: c.notnull === 1,
      pk: c.pk,
    }));
    const primaryKey = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    const foreignKeys = t.type === 'table' ? readForeignKeys(fks.all(t.name) as FkRow[]) : [];
    const indexes: IndexInfo[] = t.type === 'table'
      ? (idxList.all(t.name) as IndexListRow[]).map((ix) => ({
          name: ix.name,
          unique: ix.unique === 1,
          columns: (idxInfo.all(ix.name) as IndexInfoRow[]).map((r) => r.name ?? '(expression)'),
        }))
      : [];
    const keyset: KeysetKind = t.type === 'view' || t.type === 'virtual' ? 'none' : t.wr === 1 ? 'pk' : 'rowid';
    tables.push({
      schema: null,
      name: t.name,
      kind: t.type === 'view' ? 'view' : 'table',
      columns,
      primaryKey,
      foreignKeys,
      indexes,
      keyset,
      rowCount: null,
    });
  }
  return tables;
}

function readForeignKeys(rows: readonly FkRow[]): ForeignKeyInfo[] {
  const byId = new Map<number, FkRow[]>();
  for (const r of rows) {
    const group = byId.get(r.id) ?? [];
    group.push(r);
    byId.set(r.id, group);
  }
  return [...byId.values()].map((group) => ({
    columns: group.map((r) => r.from),
    refSchema: null,
    refTable: group[0]?.table ?? '',
    refColumns: group.map((r) => r.to ?? ''),
  }));
}
