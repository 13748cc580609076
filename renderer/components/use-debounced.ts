import { useEffect, useState } from 'react';

/** The value, settled: it follows `value` once it has not changed for `ms` (arrow keys through runs load one run's steps, not every run's). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
