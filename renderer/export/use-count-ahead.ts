/**
 * Counts an export subject's rows before the export, when the view that opened the dialog has no
 * count of its own (the steps of many runs): the dialog then shows the number it will write.
 */
import { useEffect, useState } from 'react';
import type { ExportSubject } from './export-subject';

/** The subject with its count filled in once counted; a failed count leaves the subject's own note and says why. */
export function useCountAhead(subject: ExportSubject): ExportSubject {
  const [done, setDone] = useState<{ readonly of: ExportSubject; readonly shown: ExportSubject } | null>(null);
  useEffect(() => {
    const countAhead = subject.countAhead;
    if (subject.count !== null || !countAhead) {
      return;
    }
    let live = true;
    void countAhead().then((r) => {
      if (live) {
        setDone({
          of: subject,
          shown: r.ok ? { ...subject, count: r.value } : { ...subject, countNote: `not counted (${r.error.message}): the export reports how many it wrote` },
        });
      }
    });
    return () => {
      live = false;
    };
  }, [subject]);
  return done !== null && done.of === subject ? done.shown : subject;
}
