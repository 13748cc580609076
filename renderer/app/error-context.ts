import { createContext, useCallback, useContext } from 'react';
import type { ApiError } from '../../shared/api/result';

/** Reports a failed call to the app's error bar; `where` names what the user was doing. */
export type ReportError = (error: ApiError, where: string) => void;

/** Provided by the app shell; the default drops errors so isolated components still render. */
export const ErrorReporterContext = createContext<ReportError>(() => undefined);

/** The app's error reporter. Cancellations are not errors and are dropped here, once for all callers. */
export function useReportError(): ReportError {
  const report = useContext(ErrorReporterContext);
  return useCallback<ReportError>(
    (error, where) => {
      if (error.code !== 'cancelled') {
        report(error, where);
      }
    },
    [report],
  );
}
