/**
 * The lineage picture for up to a few hundred boxes, as SVG: boxes with their labels (and
 * column rows), `+` handles to expand one hop each way, "N more" stubs, table links labelled by
 * relationship on hover, column links direct (solid) or indirect (dashed), cycles in orange.
 * Hand-written rather than React Flow: a few hundred elements need no library, and the large
 * overviews go to the canvas drawing anyway (see the commit that added it).
 */
import type { PlacedNode } from '../../../shared/lineage/layout-types';
import type { SceneBox, SceneLink } from '../../../shared/lineage/lineage-scene';
import { edgePath, fitLabel, rowCentre } from '../../../shared/lineage/lineage-svg';
import { NODE_METRICS } from '../../../shared/lineage/node-size';
import { measureLabel, type LaidOutGraph } from './use-lineage-graph';
import type { Viewport } from './viewport';

/** What the picture reports back. */
export interface GraphActions {
  readonly onSelect: (id: string) => void;
  readonly onExpand: (id: string, direction: 'upstream' | 'downstream') => void;
  readonly onFocus: (id: string) => void;
  readonly onLink: (link: SceneLink) => void;
  readonly onMenu: (id: string, x: number, y: number) => void;
  readonly onColumn: (columnId: string) => void;
}

/** The SVG drawing of a laid-out graph under a viewport. */
export function GraphSvg({ shown, viewport, selected, selectedLink, actions }: {
  readonly shown: LaidOutGraph;
  readonly viewport: Viewport;
  readonly selected: string | null;
  readonly selectedLink: SceneLink | null;
  readonly actions: GraphActions;
}) {
  const { scene, layout, graph } = shown;
  const at = new Map(layout.nodes.map((n) => [n.id, n]));
  const links = new Map(scene.links.map((l) => [`${l.source}\u0000${l.target}`, l]));
  return (
    <svg className="lineage-svg" width="100%" height="100%" data-testid="lineage-svg">
      <defs>
        <marker id="lineage-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="lineage-arrowhead" />
        </marker>
        <marker id="lineage-arrow-cycle" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="lineage-arrowhead cycle" />
        </marker>
      </defs>
      <g transform={`translate(${viewport.tx},${viewport.ty}) scale(${viewport.scale})`}>
        {layout.edges.map((e) => {
          const link = links.get(`${e.source}\u0000${e.target}`);
          const cycle = e.reversed || link?.cycle === true;
          const d = edgePath(e.points);
          const relationships = [...new Set((link?.edges ?? []).map((x) => x.relationship ?? 'linked'))].join(', ');
          const isSelected = selectedLink !== null && selectedLink.source === e.source && selectedLink.target === e.target;
          return (
            <g key={`${e.source}\u0000${e.target}`} className={`lineage-link${cycle ? ' cycle' : ''}${isSelected ? ' selected' : ''}`}
              data-testid="lineage-edge" data-source={e.source} data-target={e.target} data-cycle={cycle ? 'true' : 'false'} data-drag="no"
              onClick={() => link !== undefined && link.edges.length > 0 && actions.onLink(link)}>
              <title>{`${e.source} → ${e.target}${relationships !== '' ? ` (${relationships})` : ''}`}</title>
              <path d={d} className="lineage-link-hit" />
              <path d={d} className="lineage-link-line" markerEnd={`url(#${cycle ? 'lineage-arrow-cycle' : 'lineage-arrow'})`} />
            </g>
          );
        })}
        {scene.boxes.map((b) => {
          const p = at.get(b.id);
          return p === undefined ? null : <Box key={b.id} box={b} p={p} root={graph.root === b.id} selected={selected === b.id} actions={actions} />;
        })}
        {scene.columnLinks.map((c, i) => {
          const s = at.get(c.source.box);
          const t = at.get(c.target.box);
          if (s === undefined || t === undefined) {
            return null;
          }
          const d = edgePath([{ x: s.x + s.width, y: rowCentre(s, c.source.row) }, { x: t.x, y: rowCentre(t, c.target.row) }]);
          return (
            <path key={i} d={d} className={`lineage-column-link${c.indirect ? ' indirect' : ''}`} data-testid="lineage-column-edge"
              data-kind={c.indirect ? 'indirect' : 'direct'} markerEnd="url(#lineage-arrow)">
              <title>{`${c.edge.source} → ${c.edge.target}: ${c.edge.transformation?.type ?? 'column'}${c.edge.transformation?.subtype !== null && c.edge.transformation?.subtype !== undefined ? ` / ${c.edge.transformation.subtype}` : ''}`}</title>
            </path>
          );
        })}
      </g>
    </svg>
  );
}

function Box({ box, p, root, selected, actions }: {
  readonly box: SceneBox;
  readonly p: PlacedNode;
  readonly root: boolean;
  readonly selected: boolean;
  readonly actions: GraphActions;
}) {
  const { more, runs } = box.node;
  const status = runs.latest ?? 'none';
  return (
    <g className={`lineage-node status-${status}${root ? ' root' : ''}${selected ? ' selected' : ''}`} data-testid="lineage-node" data-node={box.id}
      data-selected={selected ? 'true' : 'false'} data-drag="no"
      onClick={() => actions.onSelect(box.id)} onDoubleClick={() => actions.onFocus(box.id)}
      onContextMenu={(e) => {
        e.preventDefault();
        actions.onMenu(box.id, e.clientX, e.clientY);
      }}>
      <title>{`${box.label}${box.node.type !== null ? ` (${box.node.type})` : ''}`}</title>
      <rect x={p.x} y={p.y} width={p.width} height={p.height} rx={6} className="lineage-box" />
      <text x={p.x + 12} y={p.y + 19} className="lineage-label">{fitLabel(box.label, p.width, NODE_METRICS, measureLabel)}</text>
      {runs.history.slice(0, 8).map((h, i) => (
        <rect key={i} x={p.x + p.width - 10 - i * 6} y={p.y + 4} width={4} height={4} className={`lineage-history status-${h}`} />
      ))}
      {box.rows.map((r, i) => (
        <text key={r.id} x={p.x + 16} y={rowCentre(p, i) + 4} className="lineage-row" data-testid="lineage-column" data-column={r.id}
          onClick={(e) => {
            e.stopPropagation();
            actions.onColumn(r.id);
          }}>{fitLabel(r.name, p.width - 4, NODE_METRICS, measureLabel)}</text>
      ))}
      {more.upstream > 0 && (
        <Handle x={p.x} y={p.y + 15} label={`${more.upstream} more`} side="upstream" onClick={() => actions.onExpand(box.id, 'upstream')} name={box.label} />
      )}
      {more.downstream > 0 && (
        <Handle x={p.x + p.width} y={p.y + 15} label={`${more.downstream} more`} side="downstream" onClick={() => actions.onExpand(box.id, 'downstream')} name={box.label} />
      )}
    </g>
  );
}

function Handle({ x, y, label, side, onClick, name }: {
  readonly x: number;
  readonly y: number;
  readonly label: string;
  readonly side: 'upstream' | 'downstream';
  readonly onClick: () => void;
  readonly name: string;
}) {
  const left = side === 'upstream';
  return (
    <g className="lineage-handle" data-testid={`expand-${side}`} role="button" aria-label={`Expand ${side} of ${name} (${label})`}
      onClick={(e) => {
        e.stopPropagation();
        onClick();
      }}>
      <circle cx={x} cy={y} r={8} />
      <text x={x} y={y + 4} textAnchor="middle" className="lineage-handle-plus">+</text>
      <text x={left ? x - 12 : x + 12} y={y - 10} textAnchor={left ? 'end' : 'start'} className="lineage-stub" data-testid="lineage-stub">{label}</text>
    </g>
  );
}
