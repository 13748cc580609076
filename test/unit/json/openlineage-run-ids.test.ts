import { describe, expect, it } from 'vitest';
import { scopedRunId, suspiciousRunId } from '../../../electron/ingest/json/layouts/openlineage';

// Shapes seen in real events (issue 13 item 15): dbt-ol's unrendered `{{ any(result) }}`, Jinja
// blocks, shell-style placeholders, ids that are not the UUIDs the OpenLineage spec requires.
describe('suspicious OpenLineage run ids', () => {
  it('knows templates and non-UUIDs from real ids', () => {
    expect(suspiciousRunId('{{ any(result) }}')).toBe('an unrendered template');
    expect(suspiciousRunId('{% raw %}x{% endraw %}')).toBe('an unrendered template');
    expect(suspiciousRunId('${RUN_ID}')).toBe('an unrendered template');
    expect(suspiciousRunId('run-42')).toBe('not a UUID');
    expect(suspiciousRunId('69f4acab-b87d-4fc0-b27b-8ea950370ff3')).toBeNull();
    expect(suspiciousRunId('69F4ACAB-B87D-4FC0-B27B-8EA950370FF3')).toBeNull();
  });

  it('scopes a suspicious id to its file and notes it; a real id is kept as written', () => {
    const notes: string[] = [];
    const ctx = { rel: 'dbt/build/result.json', line: 2, exact: false, note: (m: string) => notes.push(m) };
    expect(scopedRunId('{{ any(result) }}', ctx)).toBe('{{ any(result) }} @ dbt/build/result.json');
    expect(scopedRunId('69f4acab-b87d-4fc0-b27b-8ea950370ff3', ctx)).toBe('69f4acab-b87d-4fc0-b27b-8ea950370ff3');
    expect(scopedRunId(null, ctx)).toBeNull();
    expect(notes).toEqual(['run id "{{ any(result) }}" is an unrendered template: its events make a run of this file only']);
  });
});
