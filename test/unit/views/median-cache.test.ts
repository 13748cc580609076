import { describe, expect, it } from 'vitest';
import { MedianCache } from '../../../electron/views/median-cache';

describe('median cache', () => {
  it('computes once per key within a minute, again after it', async () => {
    let now = 0;
    let computed = 0;
    const cache = new MedianCache(() => now);
    const compute = async () => {
      computed += 1;
      return [{ group: 'a', value: computed }];
    };
    expect(await cache.get('k', compute)).toEqual([{ group: 'a', value: 1 }]);
    now = 59_000;
    expect(await cache.get('k', compute)).toEqual([{ group: 'a', value: 1 }]);
    now = 61_000;
    expect(await cache.get('k', compute)).toEqual([{ group: 'a', value: 2 }]);
  });

  it('does not keep a failed computation', async () => {
    const cache = new MedianCache(() => 0);
    await expect(cache.get('k', () => Promise.reject(new Error('timeout')))).rejects.toThrow('timeout');
    expect(await cache.get('k', async () => [])).toEqual([]);
  });

  it('keeps at most 32 filter sets, dropping the oldest', async () => {
    let computed = 0;
    const cache = new MedianCache(() => 0);
    const compute = async () => {
      computed += 1;
      return [];
    };
    for (let i = 0; i < 33; i++) {
      await cache.get(`k${i}`, compute);
    }
    await cache.get('k32', compute);
    expect(computed).toBe(33);
    await cache.get('k0', compute);
    expect(computed).toBe(34);
  });
});
