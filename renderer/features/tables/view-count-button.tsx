import { useState } from 'react';
import type { RowCount, TableInfo } from '../../../shared/model/catalog';
import { call } from '../../app/api-client';
import { useOpenStore } from '../../app/store-context';
import { formatRowCount } from '../../components/format';

/**
 * A view's count in the sidebar: "not counted" until the user asks, because counting a view runs
 * the view's own code (it can call functions with side effects). The button says so before it runs.
 */
export function ViewCountButton({ table }: { readonly table: TableInfo }) {
  const { storeId } = useOpenStore();
  const [state, setState] = useState<RowCount | 'counting' | 'failed' | null>(null);
  if (state !== null && state !== 'failed') {
    return <span className="table-count view-count-result" data-testid="view-count">{state === 'counting' ? 'counting…' : `${formatRowCount(state)} rows (counted)`}</span>;
  }
  const count = (): void => {
    setState('counting');
    void call('table.count', { storeId, query: { table: { schema: table.schema, name: table.name }, filters: [], sort: [] }, budgetMs: 2_000 })
      .then((r) => setState(r.ok ? r.value : 'failed'));
  };
  return (
    <button
      type="button"
      className="view-count-button"
      data-testid="view-count-button"
      title="Counting a view runs the view's own code in a read-only transaction."
      onClick={count}
    >
      {state === 'failed' ? 'count failed; retry' : 'count (runs the view)'}
    </button>
  );
}
