import { useEffect, useState } from 'react';
import type { ValueCounts } from '../../../shared/api/contract';
import type { TableQuery } from '../../../shared/model/view-request';
import { call } from '../../app/api-client';
import { useReportError } from '../../app/error-context';
import { cellDisplay } from '../../grid/grid-row';
import type { FilterValue } from '../../grid/filter-form';
import { ValueChecklist } from '../../grid/filter-fields';

/** Most distinct values listed; a column with more gets no list (it would not help). */
const VALUE_LIMIT = 50;

/**
 * The distinct values of a column with their counts under the other columns' filters, as
 * checkboxes. Shown only when the list is complete (a low-cardinality column).
 */
export function ValueList({ storeId, query, column, picked, onChange }: {
  readonly storeId: string;
  readonly query: TableQuery;
  readonly column: string;
  readonly picked: readonly FilterValue[];
  readonly onChange: (picked: readonly FilterValue[]) => void;
}) {
  const report = useReportError();
  const [values, setValues] = useState<ValueCounts | null>(null);

  useEffect(() => {
    let live = true;
    void call('table.values', { storeId, query, column, limit: VALUE_LIMIT }).then((r) => {
      if (!live) {
        return;
      }
      if (r.ok) {
        setValues(r.value);
      } else {
        setValues({ values: [], complete: false });
        report(r.error, `Listing the values of ${column}`);
      }
    });
    return () => {
      live = false;
    };
    // Loaded once per popover: the query does not change while it is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [storeId, column]);

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
