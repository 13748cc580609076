/**
 * A node's menu (right click, or the context-menu key / Shift+F10 on the selected node): focus,
 * expand, the runs that wrote or read the node (the runs view filtered to them, or those runs on
 * the timeline), and copy its name. Arrow keys move between items, Escape closes.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { FormatSummary } from '../../../shared/api/contract';
import type { LineageRuns } from '../../../shared/model/lineage-graph';
import type { NavIntent } from '../../app/explorer/nav-intent';
import { useApiCall } from '../../app/use-api-call';

/** What the menu can do besides linking to the runs. */
export interface NodeMenuActions {
  readonly onFocus: () => void;
  readonly onExpand: (direction: 'upstream' | 'downstream') => void;
  readonly onNavigate: (intent: NavIntent) => void;
  readonly onClose: () => void;
}

/** The menu of node `id` at screen point (x, y). */
export function NodeMenu({ storeId, format, id, x, y, asOf, actions }: {
  readonly storeId: string;
  readonly format: FormatSummary;
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly asOf: string | null;
  readonly actions: NodeMenuActions;
}) {
  const list = useRef<HTMLUListElement>(null);
  const { value: runs, loading } = useApiCall('lineage.runs', { storeId, format: format.key, node: id, asOf });
  useEffect(() => {
    list.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
  }, [id]);
  const all = runs === null ? [] : [...new Set([...runs.wrote, ...runs.read])];
  const go = (mode: 'runs' | 'timeline', runIds: readonly string[]): void => {
    actions.onNavigate({ kind: 'runs', mode, format: format.key, runIds });
    actions.onClose();
  };
  const count = (r: LineageRuns | null, side: 'wrote' | 'read' | 'all'): string =>
    loading ? ' (…)' : ` (${r === null ? 0 : side === 'all' ? all.length : r[side].length})`;
  const onKey = (e: KeyboardEvent): void => {
    const items = [...(list.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
    const at = items.findIndex((b) => b === document.activeElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      actions.onClose();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      e.stopPropagation();
      items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    }
  };
  const item = (label: string, testId: string, onClick: () => void, disabled = false) => (
    <li role="none"><button type="button" role="menuitem" data-testid={testId} disabled={disabled} onClick={onClick}>{label}</button></li>
  );
  return (
    <ul ref={list} className="lineage-menu" role="menu" aria-label={`Menu of ${id}`} style={{ left: x, top: y }} data-testid="lineage-menu" data-node={id} onKeyDown={onKey}>
      {item('Focus on this node', 'menu-focus', () => {
        actions.onFocus();
        actions.onClose();
      })}
      {item('Expand upstream', 'menu-expand-upstream', () => {
        actions.onExpand('upstream');
        actions.onClose();
      })}
      {item('Expand downstream', 'menu-expand-downstream', () => {
        actions.onExpand('downstream');
        actions.onClose();
      })}
      {item(`Runs that wrote this${count(runs, 'wrote')}`, 'menu-runs-wrote', () => go('runs', runs?.wrote ?? []), (runs?.wrote.length ?? 0) === 0)}
      {item(`Runs that read this${count(runs, 'read')}`, 'menu-runs-read', () => go('runs', runs?.read ?? []), (runs?.read.length ?? 0) === 0)}
      {format.timeline && item(`Its runs on the timeline${count(runs, 'all')}`, 'menu-runs-timeline', () => go('timeline', all), all.length === 0)}
      {item('Copy name', 'menu-copy', () => {
        void navigator.clipboard.writeText(id);
        actions.onClose();
      })}
    </ul>
  );
}
