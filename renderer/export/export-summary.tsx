import type { ExportSubject } from './export-subject';
import { countText } from './export-progress-text';

/** What the export will write: the row count, the columns in order and the filters as chips. */
export function ExportSummary({ subject }: { readonly subject: ExportSubject }) {
  const { count, columns, filters, countNote, unfiltered, order = [] } = subject;
  return (
    <dl className="export-summary">
      <dt>Rows</dt>
      <dd
        className="export-count"
        data-testid="export-count"
        data-exact={count ? String(count.exact) : undefined}
        data-value={count ? String(count.value) : undefined}
      >
        {count ? countText(count) : <span className="muted">{countNote ?? 'counting…'}</span>}
      </dd>
      <dt>Columns</dt>
      <dd>
        <ol className="export-columns" data-testid="export-columns" aria-label={`${columns.length} columns, in order`}>
          {columns.map((c) => (
            <li key={c} data-testid="export-column">{c}</li>
          ))}
        </ol>
      </dd>
      <dt>Filters</dt>
      <dd>
        {filters.length === 0 ? (
          <span className="muted">{unfiltered ?? 'None: every row of the table'}</span>
        ) : (
          <ul className="chips" data-testid="export-filters" aria-label="Filters">
            {filters.map((f, i) => (
              <li key={i} className="chip chip-static" data-testid="export-filter">
                <span className="chip-text" title={f}>{f}</span>
              </li>
            ))}
          </ul>
        )}
      </dd>
      {order.length > 0 && (
        <>
          <dt>Order</dt>
          <dd data-testid="export-order">{order.join(', then ')}</dd>
        </>
      )}
    </dl>
  );
}
