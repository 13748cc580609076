import type { ValueCounts } from '../../../shared/api/contract';
import type { TableQuery } from '../../../shared/model/view-request';
import { useOpenStore } from '../../app/store-context';
import { useApiCall } from '../../app/use-api-call';
import { cellDisplay } from '../../grid/grid-row';
import type { FilterValue } from '../../grid/filter-form';
import { ValueChecklist } from '../../grid/filter-fields';

/** Most distinct values listed; a column with more gets no list (it would not help). */
const VALUE_LIMIT = 50;

/** What a failed list shows: no list, as for a column with too many values. */
const NO_VALUES: ValueCounts = { values: [], complete: false };

/**
 * The distinct values of a column with their counts under the other columns' filters, as
 * checkboxes. Shown only when the list is complete (a low-cardinality column).
 */
export function ValueList({ query, column, picked, onChange }: {
  readonly query: TableQuery;
  readonly column: string;
  readonly picked: readonly FilterValue[];
  readonly onChange: (picked: readonly FilterValue[]) => void;
}) {
  const { storeId } = useOpenStore();
  const listed = useApiCall('table.values', { storeId, query, column, limit: VALUE_LIMIT }, { report: `Listing the values of ${column}` });
  const values = listed.error ? NO_VALUES : listed.value;

  if (values === null) {
    return <p className="muted">Loading values…</p>;
  }
  if (!values.complete) {
    return <p className="muted">More than {VALUE_LIMIT} distinct values: use the fields above.</p>;
  }
  return (
    <ValueChecklist
      values={values}
      picked={picked}
      onChange={onChange}
      label={(value) => {
        const text = cellDisplay(value);
        return { text, shown: text === '' ? '(empty text)' : text, dim: value === null };
      }}
    />
  );
}
