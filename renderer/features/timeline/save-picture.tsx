/**
 * "Save picture": where the timeline's SVG and PNG export plugs in. The picture is drawn from the
 * same layout by shared code (the `auditlens timeline --out x.svg` writer); until that writer is
 * in, the action is shown disabled and says so, rather than missing.
 */

/** The picture action of the timeline toolbar. */
export function SavePictureButton({ onSave }: { readonly onSave?: () => void }) {
  return (
    <button type="button" className="small" data-testid="timeline-save-picture" disabled={onSave === undefined} onClick={onSave}
      title={onSave === undefined ? 'Save the timeline as SVG or PNG (not available yet)' : 'Save the timeline as SVG or PNG'}>
      Save picture…
    </button>
  );
}
