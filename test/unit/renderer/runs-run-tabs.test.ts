import { describe, expect, it } from 'vitest';
import type { CompareTab, RunTab, TabsState } from '../../../renderer/features/runs/run-tabs';
import { closeTab, compareTabId, openTab, runTabId } from '../../../renderer/features/runs/run-tabs';

const tab = (name: string): RunTab => ({ id: runTabId('f', [name]), formatKey: 'f', key: [name], runId: name, title: name, cells: [] });

describe('run tabs', () => {
  it('opens a run once and activates it again when reopened', () => {
    const one = openTab({ tabs: [], active: null }, tab('a'));
    const two = openTab(one, tab('b'));
    expect(openTab(two, tab('a'))).toEqual({ tabs: two.tabs, active: tab('a').id });
  });

  it('closing the active tab moves right, then left, then back to Runs', () => {
    let s = [tab('a'), tab('b'), tab('c')].reduce((acc, t) => openTab(acc, t), { tabs: [], active: null } as TabsState);
    s = { ...s, active: tab('b').id };
    s = closeTab(s, tab('b').id);
    expect(s.active).toBe(tab('c').id);
    s = closeTab(s, tab('c').id);
    expect(s.active).toBe(tab('a').id);
    s = closeTab(s, tab('a').id);
    expect(s).toEqual({ tabs: [], active: null });
  });

  it('closing another tab keeps the active one', () => {
    const s = openTab(openTab({ tabs: [], active: null }, tab('a')), tab('b'));
    expect(closeTab(s, tab('a').id)).toEqual({ tabs: [tab('b')], active: tab('b').id });
  });

  it('keeps ids apart whatever the key values hold', () => {
    expect(runTabId('f', ['a', 'b'])).not.toBe(runTabId('f', ['a,b']));
    expect(runTabId('f', [1])).not.toBe(runTabId('f', ['1']));
  });

  it('opens a comparison as its own tab, apart from either run\'s tab', () => {
    const compare: CompareTab = { kind: 'compare', id: compareTabId('f', ['a'], ['b']), formatKey: 'f', a: ['a'], b: ['b'], title: 'a: A vs B', hint: '' };
    const s = openTab(openTab({ tabs: [], active: null }, tab('a')), compare);
    expect(s.tabs.map((t) => t.id)).toEqual([tab('a').id, compare.id]);
    expect(s.active).toBe(compare.id);
    expect(compareTabId('f', ['a'], ['b'])).not.toBe(compareTabId('f', ['b'], ['a']));
    expect(compareTabId('f', ['a'], ['b'])).not.toBe(runTabId('f', ['a']));
  });
});
