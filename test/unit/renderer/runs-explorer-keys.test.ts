import { describe, expect, it } from 'vitest';
import { explorerKeyAction } from '../../../renderer/app/explorer/explorer-keys';

const press = (key: string, more: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; typing: boolean }> = {}) =>
  explorerKeyAction({ key, ctrlKey: false, metaKey: false, altKey: false, typing: false, ...more });

describe('explorer shortcuts', () => {
  it('maps r, t and / to runs, tables and find', () => {
    expect([press('r'), press('t'), press('/'), press('x')]).toEqual(['runs', 'tables', 'find', null]);
  });

  it('stays out of the way while typing or with a modifier (Ctrl+R reloads, Shift+R is a capital)', () => {
    expect(press('r', { typing: true })).toBeNull();
    expect(press('r', { ctrlKey: true })).toBeNull();
    expect(press('t', { metaKey: true })).toBeNull();
    expect(press('/', { altKey: true })).toBeNull();
    expect(press('R')).toBeNull();
  });
});
