import { describe, expect, it } from 'vitest';
import { FAILED_STEPS, firstFailedStep, runErrorText } from '../../../renderer/features/runs/first-failure';

const page = (rows: (string | null)[][]) => ({ columns: ['step_name', 'at', 'status', 'message'], rows, keys: rows.map(() => []), lastRow: rows.length, tookMs: 1 });

describe('the first failed step of a run', () => {
  it('asks for the failed steps in the format\'s order and reads the first one', () => {
    expect(FAILED_STEPS).toEqual([{ column: 'status', op: 'eq', value: 'failed' }]);
    const step = firstFailedStep(page([['run model', '2024-01-01 10:00:00', 'failed', 'Got 78 results, configured to fail if != 0'], ['later', null, 'failed', 'x']]));
    expect(step).toMatchObject({ name: 'run model', at: '2024-01-01 10:00:00', message: 'Got 78 results, configured to fail if != 0' });
    expect(step?.cells.get('status')).toBe('failed');
  });

  it('is null when no step failed, and names a step without a name or message plainly', () => {
    expect(firstFailedStep(page([]))).toBeNull();
    expect(firstFailedStep(page([[null, null, 'failed', '  ']]))).toMatchObject({ name: 'unnamed step', message: null });
  });

  it('puts the run\'s own message in its heading, else its first failed step\'s, and nothing for a run that did not fail', () => {
    const step = firstFailedStep(page([['s', null, 'failed', 'step says why']]));
    expect(runErrorText('failed', 'model failed: relation does not exist', step)).toBe('model failed: relation does not exist');
    expect(runErrorText('failed', null, step)).toBe('step says why');
    expect(runErrorText('failed', ' ', null)).toBeNull();
    expect(runErrorText('ok', 'all good', step)).toBeNull();
  });
});
