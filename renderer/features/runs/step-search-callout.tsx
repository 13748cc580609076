/**
 * The first step of an opened run whose message contains the runs search, in one line above the
 * steps: in a long run the highlighted row may be far down the grid. Asked apart from the paged
 * grid (`runs.steps` filtered on the message), as the first failure is.
 */
import type { FormatSummary } from '../../../shared/api/contract';
import type { CellValue } from '../../../shared/model/values';
import { useApiCall } from '../../app/use-api-call';
import { useOpenStore } from '../../app/store-context';
import { firstFailedStep, type FailedStep } from './first-failure';

/** The first matching step's line; nothing while it loads or when no step message matches (the run's own message did). */
export function StepSearchCallout({ format, runKey, search, onOpen }: {
  readonly format: FormatSummary;
  readonly runKey: readonly CellValue[];
  readonly search: string;
  readonly onOpen: (step: FailedStep) => void;
}) {
  const { storeId } = useOpenStore();
  const first = useApiCall('runs.steps', {
    storeId, format: format.key, runKey: [...runKey], query: { filters: [{ column: 'message', op: 'contains', value: search }], sort: [] }, startRow: 0, endRow: 1,
  }, { report: 'Finding the step that matches the search' });
  const step = first.value ? firstFailedStep(first.value) : null;
  if (!step) {
    return null;
  }
  return (
    <section className="search-match" data-testid="search-match" aria-label="First step matching the search">
      <strong data-testid="search-match-step">First match: {step.name}</strong>
      <span className="search-match-message" title={step.message ?? ''}>{step.message}</span>
      <button type="button" className="small" data-testid="search-match-open" onClick={() => onOpen(step)}>Show fields</button>
    </section>
  );
}
