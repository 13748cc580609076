/**
 * Counts an export subject's rows before the export, when the view that opened the dialog has no
 * count of its own (the steps of many runs): the dialog then shows the number it will write.
 */
import { useMemo } from 'react';
import { useLatestAnswer } from '../app/use-api-call';
import type { ExportSubject } from './export-subject';

/** The subject with its count filled in once counted; a failed count leaves the subject's own note and says why. */
export function useCountAhead(subject: ExportSubject): ExportSubject {
  const countAhead = subject.count === null ? subject.countAhead : undefined;
  // The subject itself is the question: views rebuild it whenever what it exports changes.
  const { value, error, loading } = useLatestAnswer(countAhead ? { key: subject, start: () => countAhead() } : null);
  return useMemo(() => {
    if (!countAhead || loading) {
      return subject;
    }
    if (error) {
      return { ...subject, countNote: `not counted (${error.message}): the export reports how many it wrote` };
    }
    return value === null ? subject : { ...subject, count: value };
  }, [subject, countAhead, loading, error, value]);
}
