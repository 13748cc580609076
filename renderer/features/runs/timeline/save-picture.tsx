/**
 * "Save picture": the timeline on screen as SVG or PNG, drawn by the shared writer that
 * `auditlens timeline --out x.svg` uses (see save-picture-file.ts).
 */
import type { PictureKind } from './save-picture-file';

/** The picture actions of the timeline toolbar: SVG and PNG, disabled while nothing is drawn. */
export function SavePictureButton({ onSave }: { readonly onSave?: (kind: PictureKind) => void }) {
  return (
    <span className="timeline-picture-actions" role="group" aria-label="Save picture">
      <button type="button" className="small" data-testid="timeline-save-svg" disabled={onSave === undefined} onClick={() => onSave?.('svg')}
        title="Save the timeline on screen as an SVG picture">
        SVG
      </button>
      <button type="button" className="small" data-testid="timeline-save-png" disabled={onSave === undefined} onClick={() => onSave?.('png')}
        title="Save the timeline on screen as a PNG picture">
        PNG
      </button>
    </span>
  );
}
