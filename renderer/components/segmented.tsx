import './panes.css';

/** One choice of a segmented switch. */
export interface Segment<T extends string> {
  readonly value: T;
  readonly label: string;
  readonly hint?: string;
  readonly testId?: string;
}

/** A small switch between a few exclusive choices (UTC | Local, Runs | Tables). */
export function Segmented<T extends string>({ segments, value, onChange, label }: {
  readonly segments: readonly Segment<T>[];
  readonly value: T;
  readonly onChange: (value: T) => void;
  readonly label: string;
}) {
  return (
    <div className="segmented" role="group" aria-label={label}>
      {segments.map((s) => (
        <button key={s.value} type="button" aria-pressed={s.value === value} data-testid={s.testId} title={s.hint} onClick={() => onChange(s.value)}>
          {s.label}
        </button>
      ))}
    </div>
  );
}
