import type { LoadProblem } from '../../../shared/model/catalog';
import { noticeText } from './problem-paths';

/**
 * The store bar's info line for notices: how the store was read (a WAL store read from a private
 * copy), which cost nothing, so it is no warning badge. Long text is cut; the tooltip holds it all.
 */
export function StoreNotices({ notices }: { readonly notices: readonly LoadProblem[] }) {
  if (notices.length === 0) {
    return null;
  }
  return (
    <>
      {notices.map((n, i) => (
        <span key={i} className="store-notice" data-testid="store-notice" role="note" title={`${n.path}: ${n.message}`}>
          {noticeText(n)}
        </span>
      ))}
    </>
  );
}
