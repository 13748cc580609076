/**
 * The Lineage mode: pick a format whose lineage the store holds, search a node, and see its
 * focused neighbourhood (one hop up and down), expanded with `+` or the depth control, at table
 * or column level, as of a time or of one run. Up to SVG_LIMIT boxes are drawn as SVG, larger
 * overviews on a canvas. Arrows move between nodes, Enter expands, + and - zoom, 0 fits.
 */
import { useRef, useState } from 'react';
import type { SceneLink } from '../../../shared/lineage/lineage-scene';
import { MAX_LINEAGE_DEPTH } from '../../../shared/model/view-request';
import type { ModeViewProps } from '../../app/explorer/explorer-modes';
import { keptSlot, useKeptState } from '../../app/kept-state';
import { useOpenStore } from '../../app/store-context';
import { EdgePanel } from './edge-panel';
import { GraphCanvas } from './graph-canvas';
import { GraphSvg, type GraphActions } from './graph-svg';
import { LineageExports } from './lineage-exports';
import { LineageSearch } from './lineage-search';
import { NodeMenu } from './node-menu';
import { EMPTY_SESSION, expand, focus, type LineageSession } from './lineage-session';
import { useLineageGraph } from './use-lineage-graph';
import { useLineageIntent } from './use-lineage-intent';
import { useViewport } from './use-viewport';
import { centreOn, isVisible, nextNode, type Direction } from './viewport';
import './lineage.css';

/** Most boxes drawn as SVG; more go to the canvas. */
export const SVG_LIMIT = 400;

/** What the lineage mode keeps while another mode is shown (a view link restores it too). */
export const LINEAGE_SESSION = keptSlot<LineageSession>('lineage', EMPTY_SESSION);

const ARROWS: Readonly<Record<string, Direction>> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

/** The lineage mode. */
export function LineageMode({ onNavigate, intent, onIntentDone }: ModeViewProps) {
  const store = useOpenStore();
  const formats = (store.formats ?? []).filter((f) => f.lineage);
  const [session, setSession] = useKeptState(LINEAGE_SESSION);
  const format = formats.find((f) => f.key === session.formatKey) ?? formats[0] ?? null;
  const s = format !== null && session.formatKey !== format.key ? { ...session, formatKey: format.key } : session;
  const state = useLineageGraph(store.storeId, s);
  const shown = state.shown;
  const [selected, setSelected] = useState<string | null>(null);
  // The clicked link by its ends: after an as-of or run change the panel shows the link's new records.
  const [linkKey, setLinkKey] = useState<{ source: string; target: string } | null>(null);
  const [menu, setMenu] = useState<{ id: string; x: number; y: number } | null>(null);
  const area = useRef<HTMLDivElement>(null);
  const bounds = shown?.layout.bounds ?? { minX: 0, minY: 0, maxX: 1, maxY: 1 };
  const vp = useViewport(area, bounds, `${s.root ?? ''}|${s.columns ? 'c' : ''}|${shown === null ? 0 : 1}`);
  const update = (change: (x: LineageSession) => LineageSession): void => setSession((x) => change(x.formatKey === null && format !== null ? { ...x, formatKey: format.key } : x));
  const [notice, setNotice] = useState<string | null>(null);
  useLineageIntent(intent, onIntentDone, store.storeId, (next) => setSession(() => next), setNotice);
  const closeMenu = (): void => {
    setMenu(null);
    area.current?.focus();
  };

  if (formats.length === 0) {
    return <div className="lineage-mode"><div className="empty-main muted" data-testid="lineage-none">None of this store's formats records lineage.</div></div>;
  }
  const boxes = shown?.scene.boxes.length ?? 0;
  const actions: GraphActions = {
    onSelect: (id) => {
      setSelected(id);
      setMenu(null);
    },
    onExpand: (id, direction) => update((x) => expand(x, id, direction)),
    onFocus: (id) => update((x) => focus(x, id)),
    onLink: (l) => setLinkKey({ source: l.source, target: l.target }),
    onMenu: (id, x, y) => {
      setSelected(id);
      setMenu({ id, x, y });
    },
    onColumn: (id) => update((x) => focus(x, id)),
  };
  const onKey = (e: React.KeyboardEvent): void => {
    if (shown === null) {
      return;
    }
    const dir = ARROWS[e.key];
    const nodes = shown.layout.nodes;
    const current = nodes.find((n) => n.id === selected) ?? nodes.find((n) => n.id === shown.graph.root) ?? nodes[0];
    if (dir !== undefined && current !== undefined) {
      e.preventDefault();
      const next = selected === null ? current : nextNode(nodes, current, dir);
      if (next !== null) {
        setSelected(next.id);
        if (!isVisible(vp.viewport, next, vp.size.width, vp.size.height, -20)) {
          vp.setViewport(centreOn(vp.viewport, next.x + next.width / 2, next.y + next.height / 2, vp.size.width, vp.size.height));
        }
      }
    } else if ((e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) && current !== undefined) {
      // The keyboard's way to the node menu: at the selected node (or the root).
      e.preventDefault();
      const r = area.current?.getBoundingClientRect();
      const v = vp.viewport;
      setSelected(current.id);
      setMenu({ id: current.id, x: (r?.left ?? 0) + (current.x + current.width / 2) * v.scale + v.tx, y: (r?.top ?? 0) + (current.y + current.height) * v.scale + v.ty });
    } else if (e.key === 'Enter' && selected !== null) {
      e.preventDefault();
      update((x) => expand(expand(x, selected, 'upstream'), selected, 'downstream'));
    } else if (e.key === '+' || e.key === '=') {
      e.preventDefault();
      vp.zoom(1.25);
    } else if (e.key === '-') {
      e.preventDefault();
      vp.zoom(0.8);
    } else if (e.key === '0') {
      e.preventDefault();
      vp.fit();
    }
  };
  const selectedNode = shown?.graph.nodes.find((n) => n.id === selected) ?? null;
  const link: SceneLink | null = linkKey === null ? null : shown?.scene.links.find((l) => l.source === linkKey.source && l.target === linkKey.target) ?? null;

  return (
    <div className="lineage-mode" data-testid="lineage-mode">
      <div className="lineage-bar">
        {formats.length > 1 && (
          <select aria-label="Format" data-testid="lineage-format" value={format?.key ?? ''} onChange={(e) => setSession(() => ({ ...EMPTY_SESSION, formatKey: e.target.value }))}>
            {formats.map((f) => <option key={f.key} value={f.key}>{f.title}</option>)}
          </select>
        )}
        {format !== null && <LineageSearch key={`${format.key}|${s.root ?? ''}`} storeId={store.storeId} format={format.key} columns={s.columns} root={s.root} onPick={(id) => update((x) => focus(x, id))} />}
        <label className="lineage-control">Depth
          <select data-testid="lineage-depth" value={s.depth === null ? 'all' : String(s.depth)}
            onChange={(e) => update((x) => ({ ...x, depth: e.target.value === 'all' ? null : Number(e.target.value) }))}>
            {Array.from({ length: MAX_LINEAGE_DEPTH }, (_, i) => <option key={i} value={String(i + 1)}>{i + 1}</option>)}
            <option value="all">all</option>
          </select>
        </label>
        <label className="lineage-control"><input type="checkbox" data-testid="lineage-columns" checked={s.columns} onChange={(e) => update((x) => ({ ...x, columns: e.target.checked }))} /> Columns</label>
        <label className="lineage-control">As of
          <input type="datetime-local" step="1" data-testid="lineage-as-of" value={s.asOf === null ? '' : s.asOf.slice(0, 19)}
            onChange={(e) => update((x) => ({ ...x, asOf: e.target.value === '' ? null : `${e.target.value.length === 16 ? `${e.target.value}:00` : e.target.value}Z` }))} />
          <span className="muted">UTC</span>
        </label>
        <label className="lineage-control">Run
          <input type="text" data-testid="lineage-run" placeholder="any" value={s.run ?? ''} size={12}
            onChange={(e) => update((x) => ({ ...x, run: e.target.value.trim() === '' ? null : e.target.value.trim() }))} />
        </label>
        <span className="lineage-count" data-testid="lineage-count">
          {shown === null ? '' : `${boxes} node${boxes === 1 ? '' : 's'}${shown.graph.truncated ? ' (budget reached)' : ''}`}
          {state.loading ? ' · loading…' : ''}
        </span>
        <span className="lineage-spacer" />
        <span className="lineage-zoom">
          <button type="button" onClick={() => vp.zoom(0.8)} title="Zoom out (-)">−</button>
          <button type="button" onClick={() => vp.zoom(1.25)} title="Zoom in (+)">+</button>
          <button type="button" data-testid="lineage-fit" onClick={vp.fit} title="Fit (0)">Fit</button>
        </span>
        {shown !== null && format !== null && <LineageExports storeId={store.storeId} format={format} session={s} shown={shown} />}
      </div>
      {state.error !== null && <div className="lineage-error" role="alert" data-testid="lineage-error">{state.error.message}</div>}
      <div className="lineage-body">
        <div ref={area} className="lineage-area" tabIndex={0} data-testid="lineage-area" aria-label="Lineage graph" onKeyDown={onKey} onPointerDown={vp.onPointerDown}>
          {shown === null && (
            <div className="empty-main muted" data-testid="lineage-empty">
              {s.root === null ? notice ?? 'Search a table, a column or a job to see where its data comes from and where it goes.' : 'Loading…'}
            </div>
          )}
          {shown !== null && boxes <= SVG_LIMIT && <GraphSvg shown={shown} viewport={vp.viewport} selected={selected} selectedLink={link} actions={actions} />}
          {shown !== null && boxes > SVG_LIMIT && (
            <GraphCanvas layout={shown.layout} viewport={vp.viewport} size={vp.size} interacting={vp.dragging} selected={selected} onPick={(id) => setSelected(id)} />
          )}
        </div>
        {link !== null && (
          <EdgePanel link={link} onClose={() => setLinkKey(null)}
            onOpenRuns={format !== null ? (runIds) => onNavigate({ kind: 'runs', mode: 'runs', format: format.key, runIds }) : null} />
        )}
      </div>
      <div className="sr-only" aria-live="polite" data-testid="lineage-announce">
        {selectedNode !== null ? `${selectedNode.id}${selectedNode.type !== null ? `, ${selectedNode.type}` : ''}, ${selectedNode.more.upstream} more upstream, ${selectedNode.more.downstream} more downstream` : ''}
      </div>
      {menu !== null && format !== null && (
        <NodeMenu storeId={store.storeId} format={format} id={menu.id} x={menu.x} y={menu.y} asOf={s.asOf}
          actions={{ onFocus: () => update((x) => focus(x, menu.id)), onExpand: (d) => update((x) => expand(x, menu.id, d)), onNavigate, onClose: closeMenu }} />
      )}
    </div>
  );
}
