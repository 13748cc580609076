import { describe, expect, it } from 'vitest';
import { columnSortOf, sortModelToKeys, sortSignature } from '../../../renderer/grid/sort-model';

describe('sort model', () => {
  it('maps AG Grid sort items to sort keys in order, once per column', () => {
    expect(sortModelToKeys([{ colId: 'b', sort: 'desc' }, { colId: 'a', sort: 'asc' }, { colId: 'b', sort: 'asc' }])).toEqual([
      { column: 'b', desc: true },
      { column: 'a', desc: false },
    ]);
    expect(sortModelToKeys([])).toEqual([]);
  });

  it('gives each column its initial sort back', () => {
    const keys = [{ column: 'b', desc: true }, { column: 'a', desc: false }];
    expect(columnSortOf(keys, 'a')).toEqual({ sort: 'asc', sortIndex: 1 });
    expect(columnSortOf(keys, 'c')).toEqual({ sort: null, sortIndex: null });
    expect(columnSortOf([{ column: 'a', desc: true }], 'a')).toEqual({ sort: 'desc', sortIndex: null });
  });

  it('tells sorts apart by signature', () => {
    expect(sortSignature([{ column: 'a', desc: false }])).not.toBe(sortSignature([{ column: 'a', desc: true }]));
  });
});
