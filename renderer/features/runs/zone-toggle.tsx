import { Segmented } from '../../components/segmented';
import type { TimeZoneMode } from './time-display';

/** The UTC | Local switch of the runs and timeline modes; naive stored values show as stored either way. */
export function ZoneToggle({ zone, onChange }: { readonly zone: TimeZoneMode; readonly onChange: (zone: TimeZoneMode) => void }) {
  return (
    <Segmented<TimeZoneMode>
      label="Show times in"
      value={zone}
      onChange={onChange}
      segments={[
        { value: 'utc', label: 'UTC', testId: 'zone-utc', hint: 'Times in UTC; values stored without a zone are shown as stored' },
        { value: 'local', label: 'Local', testId: 'zone-local', hint: "Times in this computer's time zone; values stored without a zone are shown as stored" },
      ]}
    />
  );
}
