import { Segmented } from '../../components/segmented';
import type { NaiveConvention, TimeZoneMode } from './time-display';
import { naiveLabel } from './time-display';

/**
 * The UTC | Local switch of the runs and timeline modes, and what the open format's times without
 * a zone mean (every such value is read that way, so Local moves all of them, not only some).
 */
export function ZoneToggle({ zone, onChange, naive = null }: { readonly zone: TimeZoneMode; readonly onChange: (zone: TimeZoneMode) => void; readonly naive?: NaiveConvention | null }) {
  const naiveHint = naive ? `values stored without a zone are read as ${naiveLabel(naive)}` : 'values stored without a zone are shown as stored';
  return (
    <>
      {naive && (
        <span className="muted naive-time-note" data-testid="naive-time-note" title={`This format writes times without a zone in ${naiveLabel(naive)}; they are converted like the others.`}>
          No-zone times: {naive === 'utc' ? 'UTC' : 'local'}
        </span>
      )}
      <Segmented<TimeZoneMode>
        label="Show times in"
        value={zone}
        onChange={onChange}
        segments={[
          { value: 'utc', label: 'UTC', testId: 'zone-utc', hint: `Times in UTC; ${naiveHint}` },
          { value: 'local', label: 'Local', testId: 'zone-local', hint: `Times in this computer's time zone; ${naiveHint}` },
        ]}
      />
    </>
  );
}
