import type { ColumnInfo, TableInfo } from '../../shared/model/catalog';
import { familyOf } from '../../shared/model/catalog';

/** Builds a catalog table for pure tests: `cols` as [name, declared type] pairs. */
export function tableOf(name: string, cols: readonly (readonly [string, string])[], opts: Partial<TableInfo> = {}): TableInfo {
  const columns: ColumnInfo[] = cols.map(([n, t]) => ({ name: n, type: t, family: familyOf(t), notNull: false, pk: 0 }));
  return { schema: null, name, kind: 'table', columns, primaryKey: [], foreignKeys: [], indexes: [], keyset: 'rowid', rowCount: null, ...opts };
}
