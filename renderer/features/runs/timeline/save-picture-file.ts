/**
 * "Save picture" of the Timeline mode: the same SVG `auditlens timeline --out x.svg` writes
 * (shared/timeline/timeline-svg.ts), made here from the answer on screen, so no API call is
 * needed. PNG is that SVG drawn into a canvas (a `data:` image, which the CSP allows and which
 * does not taint the canvas) and encoded by the browser.
 */
import type { TimelineResult } from '../../../../shared/model/timeline';
import type { TimelineSvgOptions } from '../../../../shared/timeline/timeline-svg';
import { timelineSvg } from '../../../../shared/timeline/timeline-svg';

/** The two picture formats. */
export type PictureKind = 'svg' | 'png';

/** A file name for a picture: the title's words and the window's start (UTC), e.g. `run-mart_revenue_daily-20260803-0027.png`. */
export function pictureFileName(title: string, fromMs: number | null, kind: PictureKind): string {
  const words = title.normalize('NFKD').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'timeline';
  const when = fromMs === null ? '' : `-${new Date(fromMs).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-')}`;
  return `${words}${when}.${kind}`;
}

/** The picture as a file's contents: the SVG text, or a PNG `scale` times its size (2 for sharp text on high-density screens). */
export async function pictureBlob(kind: PictureKind, result: TimelineResult, options: TimelineSvgOptions, scale = 1): Promise<Blob> {
  const svg = timelineSvg(result, options);
  if (kind === 'svg') {
    return new Blob([svg], { type: 'image/svg+xml' });
  }
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(img.naturalWidth * scale);
  canvas.height = Math.round(img.naturalHeight * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) {
    throw new Error('This browser could not draw the picture (no 2D canvas).');
  }
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, img.naturalWidth, img.naturalHeight);
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The picture is too large for this browser to encode as PNG; save it as SVG.'))), 'image/png');
  });
}

/** Saves the picture through the browser's download (Electron shows its save dialog). */
export async function savePicture(kind: PictureKind, result: TimelineResult, options: TimelineSvgOptions, fileName: string, scale = 1): Promise<void> {
  const blob = await pictureBlob(kind, result, options, scale);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has taken its copy once the click is handled; the URL is freed a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
