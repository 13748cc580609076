import { describe, expect, it } from 'vitest';
import type { FormatSummary } from '../../../shared/api/contract';
import { EXPLORER_MODES, landingMode, modeInfo } from '../../../renderer/app/explorer/explorer-modes';

const format = { key: 'dbt-audit:main:dbt_audit_summary' } as FormatSummary;

describe('explorer modes', () => {
  it('lists the modes in switch order, each with its own key', () => {
    expect(EXPLORER_MODES.map((m) => [m.id, m.key])).toEqual([['runs', 'r'], ['timeline', 'i'], ['lineage', 'l'], ['tables', 't'], ['sql', 'q']]);
    expect(new Set(EXPLORER_MODES.map((m) => m.key)).size).toBe(EXPLORER_MODES.length);
  });

  it('lands on the runs of a store with a known format, on its tables otherwise (and while formats load)', () => {
    expect(landingMode({ formats: [format] })).toBe('runs');
    expect(landingMode({ formats: [] })).toBe('tables');
    expect(landingMode({ formats: null })).toBe('tables');
  });

  it('leaves `/` to the runs view and sends it to the table filter in the tables', () => {
    expect(modeInfo('runs').findTarget).toBeUndefined();
    expect(modeInfo('tables').findTarget).toBe('.sidebar-filter');
  });
});
