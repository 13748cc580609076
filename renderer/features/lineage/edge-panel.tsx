/** The detail of a link: every edge recorded between two boxes, who recorded it and when it held. */
import type { SceneLink } from '../../../shared/lineage/lineage-scene';

const when = (ms: number | null, none: string): string => (ms === null ? none : new Date(ms).toISOString().replace('T', ' ').replace('.000Z', 'Z'));

/** The side panel of a clicked link. */
export function EdgePanel({ link, onClose }: { readonly link: SceneLink; readonly onClose: () => void }) {
  return (
    <aside className="lineage-panel" data-testid="lineage-edge-panel" aria-label="Edge detail">
      <header>
        <strong>{link.source} → {link.target}</strong>
        <button type="button" onClick={onClose} aria-label="Close the edge detail">×</button>
      </header>
      {link.cycle && <p className="lineage-cycle-note">This edge closes a cycle: the walk stopped here.</p>}
      {link.edges.map((e, i) => (
        <dl key={i} data-testid="lineage-edge-record" data-relationship={e.relationship ?? ''} data-retired={e.validToMs !== null ? 'true' : 'false'}>
          <dt>Relationship</dt><dd>{e.relationship ?? '—'}</dd>
          {e.via !== null && <><dt>Via</dt><dd>{e.via}</dd></>}
          <dt>Recorded by</dt><dd>{e.recordedBy ?? '—'}</dd>
          {e.transformation !== null && (
            <><dt>Transformation</dt><dd>{[e.transformation.type, e.transformation.subtype, e.transformation.description].filter((x) => x !== null).join(' · ') || '—'}</dd></>
          )}
          <dt>Valid from</dt><dd>{when(e.validFromMs, 'unknown')}</dd>
          <dt>Valid to</dt><dd data-testid="lineage-valid-to">{when(e.validToMs, 'still holds')}</dd>
        </dl>
      ))}
    </aside>
  );
}
