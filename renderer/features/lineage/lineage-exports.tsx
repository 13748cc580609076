/**
 * The lineage mode's exports: the edges as CSV through the export dialog (the server writes the
 * `auditlens lineage` columns, with provenance), the picture as SVG (the same pure writer as
 * the CLI) or PNG (the canvas drawing at full size, `toBlob`), the graph as DOT or JSON (the CLI's writers).
 */
import type { FormatSummary } from '../../../shared/api/contract';
import { lineageSvg } from '../../../shared/lineage/lineage-svg';
import { lineageDot, lineageJson } from '../../../shared/lineage/lineage-writers';
import { nodesByX } from '../../../shared/lineage/overview-cull';
import { call } from '../../app/api-client';
import { ExportButton } from '../../export/export-button';
import type { ExportSubject } from '../../export/export-subject';
import type { LineageSession } from './lineage-session';
import { drawScene } from './overview-renderer';
import type { LaidOutGraph } from './use-lineage-graph';
import { withShortcut } from '../../app/shortcuts';

/** The CSV columns `export.startLineage` writes. */
const EDGE_COLUMNS = ['source', 'target', 'source_type', 'target_type', 'relationship', 'via', 'depth', 'recorded_by', 'valid_from', 'valid_to'];
/** The largest PNG side drawn (browsers refuse bigger canvases). */
const MAX_PNG_SIDE = 16_000;

function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const fileSafe = (text: string): string => text.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'lineage';

/** Export buttons for what the lineage mode shows. */
export function LineageExports({ storeId, format, session, shown }: {
  readonly storeId: string;
  readonly format: FormatSummary;
  readonly session: LineageSession;
  readonly shown: LaidOutGraph;
}) {
  const root = session.root ?? shown.graph.root;
  const base = `${format.id}-lineage-${fileSafe(root)}`;
  const filters = [
    `node ${root}, both ways, depth ${session.depth ?? 'all'}`,
    ...(session.columns ? ['columns'] : []),
    ...(session.asOf !== null ? [`as of ${session.asOf}`] : []),
    ...(session.run !== null ? [`recorded by run ${session.run}`] : []),
  ];
  const subject: ExportSubject = {
    title: `${format.title}: lineage edges of ${root}`,
    fileName: `${base}.csv`,
    columns: EDGE_COLUMNS,
    filters,
    count: { value: shown.graph.edges.length, exact: true },
    unfiltered: 'Every edge reached from the node',
    start: (options) => call('export.startLineage', {
      storeId, format: format.key, node: root, direction: 'both', depth: session.depth, columns: session.columns, asOf: session.asOf, run: session.run, budget: 2_000, options, target: `${base}.csv`,
    }),
  };
  const saveSvg = (): void => saveBlob(new Blob([lineageSvg(shown.scene, shown.layout, shown.graph.root)], { type: 'image/svg+xml' }), `${base}.svg`);
  const savePng = (): void => {
    const b = shown.layout.bounds;
    const pad = 40;
    const scale = Math.min(1, MAX_PNG_SIDE / (b.maxX - b.minX + 2 * pad), MAX_PNG_SIDE / (b.maxY - b.minY + 2 * pad));
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil((b.maxX - b.minX + 2 * pad) * scale);
    canvas.height = Math.ceil((b.maxY - b.minY + 2 * pad) * scale);
    const ctx = canvas.getContext('2d');
    if (ctx === null) {
      return;
    }
    const byX = nodesByX(shown.layout.nodes);
    const style = { background: '#ffffff', box: '#ffffff', border: '#8a94a6', text: '#1d2330', edge: '#9aa3b2', cycle: '#c2410c', selected: '#2f6fd6' };
    drawScene(ctx, byX, shown.layout, { scale, tx: (pad - b.minX) * scale, ty: (pad - b.minY) * scale }, canvas.width, canvas.height, style, shown.graph.root);
    canvas.toBlob((blob) => blob !== null && saveBlob(blob, `${base}.png`), 'image/png');
  };
  return (
    <span className="lineage-exports">
      <ExportButton subject={subject} label="Edges CSV…" title={withShortcut('Export the edges as CSV', 'export')} testId="lineage-export-csv" />
      <button type="button" data-testid="lineage-export-svg" onClick={saveSvg} title="Save the picture as SVG">SVG</button>
      <button type="button" data-testid="lineage-export-png" onClick={savePng} title="Save the picture as PNG">PNG</button>
      <button type="button" data-testid="lineage-export-dot" onClick={() => saveBlob(new Blob([lineageDot(shown.graph)], { type: 'text/vnd.graphviz' }), `${base}.dot`)}
        title="Save the graph on screen as Graphviz DOT">DOT</button>
      <button type="button" data-testid="lineage-export-json" onClick={() => saveBlob(new Blob([lineageJson(shown.graph)], { type: 'application/json' }), `${base}.json`)}
        title="Save the graph on screen as JSON">JSON</button>
    </span>
  );
}
