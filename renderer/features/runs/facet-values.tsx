import type { ValueCounts } from '../../../shared/api/contract';
import type { FilterValue } from '../../grid/filter-form';
import { ValueChecklist } from '../../grid/filter-fields';
import { facetText } from './facet-filters';

/**
 * A facet's values with their run counts as the filter popover's checklist, with a hint when the
 * facet lists only the most frequent values.
 */
export function FacetValues({ values, picked, onChange }: {
  readonly values: ValueCounts;
  readonly picked: readonly FilterValue[];
  readonly onChange: (picked: readonly FilterValue[]) => void;
}) {
  return (
    <>
      <ValueChecklist values={values} picked={picked} onChange={onChange}
        label={(value) => ({ text: facetText(value), dim: value === null || value === '' })} />
      {!values.complete && <p className="field-hint">The most frequent values; use the text match for others.</p>}
    </>
  );
}
