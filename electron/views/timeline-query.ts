import type { TimelineResult } from '../../shared/model/timeline';
import type { FormatCatalog } from './format-catalog';
import { machineZone } from './time-columns';
import type { TimelineInput } from './timeline-plan';
import { runsTimeline } from './timeline-runs';
import { stepsTimeline } from './timeline-steps';

/**
 * Answers a timeline request: the runs of a format in lanes, or one run's waterfall when the
 * request names a run. Naive local times are read in this machine's zone.
 */
export function timeline(fc: FormatCatalog, req: TimelineInput, signal?: AbortSignal, zone: string = machineZone()): Promise<TimelineResult> {
  const f = fc.find(req.format);
  const runKey = req.runKey;
  return runKey ? stepsTimeline(fc, f, { ...req, runKey }, zone, signal) : runsTimeline(fc, f, req, zone, signal);
}
