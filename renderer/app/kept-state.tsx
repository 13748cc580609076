/**
 * State a mode keeps while the user is in another mode of the explorer (the runs session, each
 * table's filters): the explorer holds it for the open store, each mode reads and changes its own
 * slot, and the explorer itself never needs to know what is in it.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/** One mode's kept state: a name for debugging and the value it starts from. */
export interface KeptSlot<T> {
  readonly name: string;
  readonly initial: T;
}

/** Declares a slot; declare it once, at module level, since the slot object is its key. */
export function keptSlot<T>(name: string, initial: T): KeptSlot<T> {
  return { name, initial };
}

type KeptValues = ReadonlyMap<KeptSlot<unknown>, unknown>;

/** Values some slots start from instead of their `initial` (a view link's), each of its slot's type. */
export type KeptSeed = KeptValues;

interface KeptStore {
  readonly values: KeptValues;
  readonly update: <T>(slot: KeptSlot<T>, change: (value: T) => T) => void;
}

const KeptContext = createContext<KeptStore | null>(null);

function read<T>(values: KeptValues, slot: KeptSlot<T>): T {
  // Only `update` writes a slot, and only with a value of the slot's own type.
  return values.has(slot) ? (values.get(slot) as T) : slot.initial;
}

/** Holds the kept state of every mode, for as long as it is mounted (one open store). */
export function KeptStateProvider({ children, seed }: { readonly children: ReactNode; readonly seed?: KeptSeed }) {
  const [values, setValues] = useState<KeptValues>(() => new Map(seed));
  const update = useCallback(<T,>(slot: KeptSlot<T>, change: (value: T) => T) => {
    setValues((all) => new Map(all).set(slot, change(read(all, slot))));
  }, []);
  const store = useMemo(() => ({ values, update }), [values, update]);
  return <KeptContext.Provider value={store}>{children}</KeptContext.Provider>;
}

/** A slot's value and a way to change it, like `useState` but kept while the mode is not shown. */
export function useKeptState<T>(slot: KeptSlot<T>): readonly [T, (change: (value: T) => T) => void] {
  const kept = useContext(KeptContext);
  if (kept === null) {
    throw new Error(`useKeptState(${slot.name}) is used outside a KeptStateProvider.`);
  }
  const { values, update } = kept;
  const change = useCallback((fn: (value: T) => T) => update(slot, fn), [update, slot]);
  return [read(values, slot), change];
}
