/** A callback whose identity never changes but which always calls the latest function given. */
import { useCallback, useLayoutEffect, useRef } from 'react';

/**
 * For handlers baked into memoised things (grid column definitions): parents pass inline arrows,
 * and depending on their identity would rebuild those things on every render.
 */
export function useLatestCallback<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const latest = useRef(fn);
  useLayoutEffect(() => {
    latest.current = fn;
  });
  return useCallback((...args: A) => latest.current(...args), []);
}
