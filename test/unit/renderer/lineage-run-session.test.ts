import { describe, expect, it } from 'vitest';
import { fetchesOf } from '../../../renderer/features/lineage/lineage-session';
import { runSession } from '../../../renderer/features/lineage/use-lineage-intent';

describe('a run\'s "Show lineage" session', () => {
  it('walks all the way from each of the run\'s nodes, its first output the root, with the run filter set', () => {
    const s = runSession('tl', 'u2', ['mart.revenue', 'stg.fx_rates', 'stg.refunds']);
    expect(s).toMatchObject({ formatKey: 'tl', run: 'u2', root: 'mart.revenue', depth: null, asOf: null });
    expect(fetchesOf(s)).toEqual([
      { node: 'mart.revenue', direction: 'both', depth: null },
      { node: 'stg.fx_rates', direction: 'both', depth: null },
      { node: 'stg.refunds', direction: 'both', depth: null },
    ]);
  });

  it('has no root when the run recorded nothing', () => {
    const s = runSession('tl', 'u9', []);
    expect(s.root).toBeNull();
    expect(fetchesOf(s)).toEqual([]);
  });
});
