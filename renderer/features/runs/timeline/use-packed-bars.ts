/**
 * The answer on screen packed for drawing, reusing the memory of an earlier packing that is no
 * longer drawn: zooming and the 5-second "now" tick repack 100k bars without allocating
 * megabytes each time. A packing a committed view draws is never lent out (React may render
 * twice before it commits, as StrictMode does, and a render may be dropped).
 */
import { useEffect, useMemo } from 'react';
import type { TimelineResult } from '../../../../shared/model/timeline';
import type { PackedBars } from '../../../../shared/timeline/bar-layout';
import { packBars } from '../../../../shared/timeline/bar-layout';

/** Recent packings whose memory may be lent, newest first. */
let recent: readonly PackedBars[] = [];
/** The memory of the packings committed views draw now. */
const drawn = new Set<ArrayBuffer>();

function packLending(shown: TimelineResult, nowMs: number): PackedBars {
  const spare = recent.find((p) => !drawn.has(p.buffer)) ?? null;
  const next = packBars(shown, nowMs, false, spare);
  recent = [next, ...recent.filter((p) => p.buffer !== next.buffer)].slice(0, 3);
  return next;
}

/** `shown` packed lazily (lanes as they come on screen), `nowMs` ending the bars still running. */
export function usePackedBars(shown: TimelineResult | null, nowMs: number): PackedBars | null {
  const packed = useMemo(() => (shown ? packLending(shown, nowMs) : null), [shown, nowMs]);
  useEffect(() => {
    if (!packed) {
      return undefined;
    }
    drawn.add(packed.buffer);
    return () => {
      drawn.delete(packed.buffer);
    };
  }, [packed]);
  return packed;
}
