/**
 * Editing a filter chip from the timeline: the same column popover as the runs grid opens here,
 * over the chip, so the user stays in the timeline (a facet column lists its values with counts).
 */
import type { FormatSummary, ValueCounts } from '../../../../shared/api/contract';
import type { ColumnFilter } from '../../../../shared/model/view-request';
import { useOpenStore } from '../../../app/store-context';
import type { Anchor } from '../../../components/popover';
import { FilterPopover } from '../../../grid/filter-popover';
import type { FacetColumn } from '../facet-filters';
import { isFacetColumn } from '../facet-filters';
import { FacetValues } from '../facet-values';
import { columnFamily, headerLabel } from '../run-columns';
import type { RunsViewState } from '../runs-session';
import { filterQuery } from '../runs-session';
import { FACET_LIMIT_MORE, useRunFacets } from '../use-run-facets';

/** The popover of the chip's column; applying replaces that column's filters. */
export function ChipFilterPopover({ format, view, column, anchor, onApply, onClose }: {
  readonly format: FormatSummary;
  readonly view: RunsViewState;
  readonly column: string;
  readonly anchor: Anchor;
  readonly onApply: (filters: readonly ColumnFilter[]) => void;
  readonly onClose: () => void;
}) {
  return isFacetColumn(column)
    ? <FacetChipPopover format={format} view={view} column={column} anchor={anchor} onApply={onApply} onClose={onClose} />
    : <Popover format={format} view={view} column={column} anchor={anchor} onApply={onApply} onClose={onClose} listed={null} />;
}

type Props = Parameters<typeof ChipFilterPopover>[0];

/** A facet column's popover: its values counted under the other filters, to pick from. */
function FacetChipPopover(props: Props & { readonly column: FacetColumn }) {
  const others = { ...props.view, filters: props.view.filters.filter((f) => f.column !== props.column) };
  const { facets } = useRunFacets(props.format.key, filterQuery(others), FACET_LIMIT_MORE);
  return <Popover {...props} listed={facets ? facets[props.column] : null} />;
}

function Popover({ format, view, column, anchor, onApply, onClose, listed }: Props & { readonly listed: ValueCounts | null }) {
  const { catalog } = useOpenStore();
  const ownTable = format.runsTable;
  return (
    <FilterPopover
      key={column}
      column={column}
      title={headerLabel('runs', column, ownTable)}
      detail={column}
      family={columnFamily('runs', column, ownTable, catalog)}
      filters={view.filters.filter((f) => f.column === column)}
      anchor={anchor}
      values={listed ? (picked, onChange) => <FacetValues values={listed} picked={picked} onChange={onChange} /> : undefined}
      onApply={onApply}
      onClose={onClose}
    />
  );
}
