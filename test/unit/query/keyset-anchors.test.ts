import { describe, expect, it } from 'vitest';
import { seekFor, withAnchor } from '../../../shared/query/keyset-anchors';

describe('keyset anchors', () => {
  it('starts from the top without anchors', () => {
    expect(seekFor([], 0)).toEqual({ after: null, offset: 0 });
    expect(seekFor([], 500)).toEqual({ after: null, offset: 500 });
  });

  it('continues exactly after the previous page when scrolling on', () => {
    const anchors = withAnchor([], { position: 100, key: [100] });
    expect(seekFor(anchors, 100)).toEqual({ after: [100], offset: 0 });
  });

  it('jumps from the nearest anchor before the target', () => {
    let anchors = withAnchor([], { position: 100, key: [100] });
    anchors = withAnchor(anchors, { position: 5_000, key: [5_000] });
    anchors = withAnchor(anchors, { position: 9_000, key: [9_000] });
    expect(seekFor(anchors, 6_000)).toEqual({ after: [5_000], offset: 1_000 });
  });

  it('stays bounded and sorted', () => {
    let anchors = withAnchor([], { position: 1, key: [1] });
    for (let i = 2; i < 50; i++) {
      anchors = withAnchor(anchors, { position: i * 100, key: [i] }, 10);
    }
    expect(anchors).toHaveLength(10);
    expect(anchors.map((a) => a.position)).toEqual([...anchors.map((a) => a.position)].sort((a, b) => a - b));
    expect(anchors[anchors.length - 1]?.position).toBe(4_900);
  });
});
