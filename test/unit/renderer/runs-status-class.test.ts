import { describe, expect, it } from 'vitest';
import { pillClass, statusClassOf } from '../../../renderer/features/runs/status-class';

describe('status pills', () => {
  it.each([
    ['ok', 'status-pill status-ok'],
    ['failed', 'status-pill status-failed'],
    ['running', 'status-pill status-running'],
    ['skipped', 'status-pill status-skipped'],
    ['unknown', 'status-pill status-unknown'],
  ] as const)('%s → %s', (status, cls) => {
    expect(pillClass(statusClassOf(status))).toBe(cls);
  });

  it('reads anything outside the five classes as unknown, so stored text never becomes a class name', () => {
    for (const cell of [null, undefined, 'FAILED', 'error', 'ok status-x', '', 1, { t: 'int', v: '1' }] as const) {
      expect(statusClassOf(cell)).toBe('unknown');
    }
  });
});
