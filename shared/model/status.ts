/** Every run and step status normalises to one of these. */
export type StatusClass = 'ok' | 'failed' | 'running' | 'skipped' | 'unknown';

/** The normalised status classes, in display order. */
export const STATUS_CLASSES: readonly StatusClass[] = ['ok', 'failed', 'running', 'skipped', 'unknown'];

/** Maps raw status values (compared case-insensitively, trimmed) to a status class. */
export interface StatusVocabulary {
  readonly [raw: string]: StatusClass;
}

/** Normalises a raw status with a vocabulary; unknown values stay `unknown` rather than guessed. */
export function normaliseStatus(raw: unknown, vocabulary: StatusVocabulary): StatusClass {
  if (raw === null || raw === undefined) {
    return 'unknown';
  }
  const text = typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'bigint' || typeof raw === 'boolean' ? String(raw) : JSON.stringify(raw);
  const key = (text ?? '').trim().toLowerCase();
  return vocabulary[key] ?? 'unknown';
}
