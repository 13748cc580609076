import { Segmented } from '../components/segmented';
import type { Delimiter, ExportOptions, LineEnding, TimeMode } from './export-options';

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

      <span className="export-label">Delimiter</span>
      <Segmented<Delimiter>
        label="Delimiter"
        value={options.delimiter}
        onChange={(v) => set('delimiter', v)}
        segments={[
          { value: ',', label: 'Comma', testId: 'export-delimiter-comma' },
          { value: ';', label: 'Semicolon', testId: 'export-delimiter-semicolon', hint: 'What Excel expects where the decimal mark is a comma' },
          { value: '\t', label: 'Tab', testId: 'export-delimiter-tab' },
        ]}
      />

      <span className="export-label">Line endings</span>
      <Segmented<LineEnding>
        label="Line endings"
        value={options.eol}
        onChange={(v) => set('eol', v)}
        segments={[
          { value: '\n', label: 'LF', testId: 'export-eol-lf', hint: 'Unix, macOS and most tools' },
          { value: '\r\n', label: 'CRLF', testId: 'export-eol-crlf', hint: 'Windows; what RFC 4180 specifies' },
        ]}
      />

      <span className="export-label">Timestamps</span>
      <Segmented<TimeMode>
        label="Timestamps"
        value={options.time}
        onChange={(v) => set('time', v)}
        segments={[
          { value: 'stored', label: 'As stored', testId: 'export-time-stored' },
          { value: 'utc', label: 'UTC ISO', testId: 'export-time-utc', hint: 'ISO 8601 in UTC, e.g. 2024-05-01T12:00:00Z' },
          { value: 'local', label: 'Local ISO', testId: 'export-time-local', hint: "ISO 8601 in this machine's time zone, with its offset" },
        ]}
      />

      <span className="export-label">Provenance</span>
      <label className="export-check">
        <input type="checkbox" data-testid="export-provenance" checked={options.provenance} onChange={(e) => set('provenance', e.target.checked)} />
        <span>Write provenance (<span className="mono">{fileName}.json</span>) beside the file</span>
      </label>
    </fieldset>
  );
}
