import { Segmented, type Segment } from '../components/segmented';
import type { Delimiter, ExportOptions, LineEnding, TimeMode } from './export-options';

const DELIMITERS: readonly Segment<Delimiter>[] = [
  { value: ',', label: 'Comma', testId: 'export-delimiter-comma' },
  { value: ';', label: 'Semicolon', testId: 'export-delimiter-semicolon', hint: 'What Excel expects where the decimal mark is a comma' },
  { value: '\t', label: 'Tab', testId: 'export-delimiter-tab' },
];

const LINE_ENDINGS: readonly Segment<LineEnding>[] = [
  { value: '\n', label: 'LF', testId: 'export-eol-lf', hint: 'Unix, macOS and most tools' },
  { value: '\r\n', label: 'CRLF', testId: 'export-eol-crlf', hint: 'Windows; what RFC 4180 specifies' },
];

const TIME_MODES: readonly Segment<TimeMode>[] = [
  { value: 'stored', label: 'As stored', testId: 'export-time-stored' },
  { value: 'utc', label: 'UTC ISO', testId: 'export-time-utc', hint: 'ISO 8601 in UTC, e.g. 2024-05-01T12:00:00Z' },
  { value: 'local', label: 'Local ISO', testId: 'export-time-local', hint: "ISO 8601 in this machine's time zone, with its offset" },
];

/** The CSV options: cell safety, BOM, delimiter, line endings, timestamps and provenance. */
export function ExportOptionsForm({ options, fileName, disabled, onChange }: {
  readonly options: ExportOptions;
  /** The CSV's name, so the provenance file can be named next to it. */
  readonly fileName: string;
  readonly disabled: boolean;
  readonly onChange: (options: ExportOptions) => void;
}) {
  const set = <K extends keyof ExportOptions>(key: K, value: ExportOptions[K]): void => onChange({ ...options, [key]: value });
  return (
    <fieldset className="export-options" disabled={disabled}>
      <legend className="visually-hidden">CSV options</legend>
      <span className="export-label">Cells</span>
      <div className="export-field">
        <Segmented<'safe' | 'raw'>
          label="Cell safety"
          value={options.safe ? 'safe' : 'raw'}
          onChange={(v) => set('safe', v === 'safe')}
          segments={[
            { value: 'safe', label: 'Safe for spreadsheets', testId: 'export-mode-safe', hint: 'Text starting with = + - @ gets a leading apostrophe, so a spreadsheet never runs it as a formula' },
            { value: 'raw', label: 'Raw', testId: 'export-mode-raw', hint: 'Every value byte for byte, for scripts and databases' },
          ]}
        />
        <span className="field-hint">
          {options.safe
            ? 'Text that a spreadsheet would run as a formula (=, +, -, @) gets a leading apostrophe.'
            : 'Values exactly as stored; do not open this file in a spreadsheet if the data is untrusted.'}
        </span>
      </div>

      <span className="export-label">Encoding</span>
      <label className="export-check">
        <input type="checkbox" data-testid="export-bom" checked={options.bom} onChange={(e) => set('bom', e.target.checked)} />
        UTF-8 BOM for Excel
      </label>

      <ChoiceField label="Delimiter" value={options.delimiter} onChange={(v) => set('delimiter', v)} segments={DELIMITERS} />
      <ChoiceField label="Line endings" value={options.eol} onChange={(v) => set('eol', v)} segments={LINE_ENDINGS} />
      <ChoiceField label="Timestamps" value={options.time} onChange={(v) => set('time', v)} segments={TIME_MODES} />

      <span className="export-label">Provenance</span>
      <label className="export-check">
        <input type="checkbox" data-testid="export-provenance" checked={options.provenance} onChange={(e) => set('provenance', e.target.checked)} />
        <span>Write provenance (<span className="mono">{fileName}.json</span>) beside the file</span>
      </label>
    </fieldset>
  );
}

/** One row of the options grid: its label, then a switch between the choices (the label names the group too). */
function ChoiceField<T extends string>({ label, value, onChange, segments }: {
  readonly label: string;
  readonly value: T;
  readonly onChange: (value: T) => void;
  readonly segments: readonly Segment<T>[];
}) {
  return (
    <>
      <span className="export-label">{label}</span>
      <Segmented<T> label={label} value={value} onChange={onChange} segments={segments} />
    </>
  );
}
