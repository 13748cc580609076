import { useKey } from '../../components/use-key';
import type { ExplorerKeyAction } from './explorer-keys';
import { explorerKeyAction, isTypingTarget } from './explorer-keys';

/**
 * The explorer's single-key shortcuts: each mode's key (`r`, `t`) switches to it everywhere;
 * `/` is passed on, and the explorer acts on it only where the current mode leaves it to the
 * explorer (the runs view handles its own `/`).
 */
export function useExplorerKeys(onAction: (action: Exclude<ExplorerKeyAction, null>, e: KeyboardEvent) => void): void {
  useKey(true, (e) => {
    const action = explorerKeyAction({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, typing: isTypingTarget(e.target) });
    if (action !== null && !e.defaultPrevented) {
      onAction(action, e);
    }
  });
}
