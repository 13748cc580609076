import type { FormatSummary } from '../../../shared/api/contract';
import { useApiCall } from '../../app/use-api-call';

/** The formats of a store, and a way to ask again (after a mapping is saved, imported or removed). */
export interface StoreFormats {
  readonly formats: readonly FormatSummary[] | null;
  readonly failed: boolean;
  readonly reload: () => void;
}

/** What the runs mode shows when the formats could not be read: none, with `failed` saying why. */
const NO_FORMATS: readonly FormatSummary[] = [];

/**
 * The audit formats found in a store (`formats.list`): null while first loading, empty when none
 * or failed. A reload keeps the current list on screen until the new one arrives.
 */
export function useFormats(storeId: string): StoreFormats {
  const { value, error, reload } = useApiCall('formats.list', { storeId }, { report: 'Looking for audit formats' });
  return { formats: error ? NO_FORMATS : value, failed: error !== null, reload };
}
