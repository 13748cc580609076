/**
 * Node sizes from their labels: a measure function gives text widths (a canvas in the renderer,
 * a per-character estimate in the CLI's SVG), so the layout stays pure and the boxes fit the text.
 */
import type { LayoutNodeInput } from './layout-types';

/** What a node shows: its label and, with columns on, one row per column. */
export interface NodeLabel {
  readonly id: string;
  readonly label: string;
  readonly rows?: readonly string[];
}

/** Box metrics shared by the layout, the drawing and the SVG writer. */
export interface NodeMetrics {
  readonly padX: number;
  readonly headerHeight: number;
  readonly rowHeight: number;
  readonly minWidth: number;
  readonly maxWidth: number;
}

/** The metrics the app and the CLI draw with (a 12 px sans-serif label). */
export const NODE_METRICS: NodeMetrics = { padX: 12, headerHeight: 30, rowHeight: 20, minWidth: 90, maxWidth: 300 };

/** A width for text without a canvas: about 0.6 em per character at 12 px. */
export function estimateTextWidth(text: string): number {
  return Math.ceil(text.length * 7.2);
}

/** Sizes each node to fit its label and rows, within the metrics' minimum and maximum widths. */
export function sizeNodes(labels: readonly NodeLabel[], measure: (text: string) => number, metrics: NodeMetrics = NODE_METRICS): LayoutNodeInput[] {
  return labels.map((l) => {
    let text = measure(l.label);
    for (const row of l.rows ?? []) {
      text = Math.max(text, measure(row) + metrics.padX);
    }
    const width = Math.min(metrics.maxWidth, Math.max(metrics.minWidth, Math.ceil(text + 2 * metrics.padX)));
    const rows = l.rows?.length ?? 0;
    const height = metrics.headerHeight + (rows > 0 ? rows * metrics.rowHeight + 6 : 0);
    return { id: l.id, width, height };
  });
}
