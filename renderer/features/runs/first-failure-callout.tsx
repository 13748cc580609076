import type { FailedStep } from './first-failure';
import { TimeText } from './run-cells';
import type { TimeZoneMode } from './time-display';
import { cellToText } from '../../../shared/model/values';

/**
 * The first failed step of a failed run, pinned above its steps: name, time and the whole
 * message, so the error reads without scrolling the steps. "Show fields" opens the step's detail.
 */
export function FirstFailureCallout({ step, zone, onOpen }: {
  readonly step: FailedStep;
  readonly zone: TimeZoneMode;
  readonly onOpen: () => void;
}) {
  return (
    <section className="first-failure" data-testid="first-failure" aria-label="First failed step" role="alert">
      <div className="first-failure-head">
        <span className="status-pill status-failed">failed</span>
        <strong data-testid="first-failure-step" title={step.name}>First failure: {step.name}</strong>
        {step.at !== null && <span className="muted"><TimeText stored={cellToText(step.at)} zone={zone} maxFractionDigits={0} /></span>}
        <span className="spacer" />
        <button type="button" className="small" data-testid="first-failure-open" onClick={onOpen}>Show fields</button>
      </div>
      <pre className="first-failure-message" data-testid="first-failure-message">{step.message ?? 'The step recorded no message.'}</pre>
    </section>
  );
}
