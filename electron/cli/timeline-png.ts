/**
 * A timeline picture as PNG: the SVG that `shared/timeline/timeline-svg.ts` writes, rasterised by
 * resvg (Rust, no GPU, no browser; prebuilt Node-API binaries for Windows, macOS and Linux in the
 * npm package). Text is drawn with the machine's own fonts; a machine with none would give a
 * picture without words, so that is refused with a sentence instead.
 */
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { AuditlensError } from '../../shared/api/result';

/** The families the SVG asks for, in order; resvg picks the first the machine has. */
const FONT = { loadSystemFonts: true, sansSerifFamily: 'DejaVu Sans', defaultFontFamily: 'DejaVu Sans' } as const;

const PROBE = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="24"><text x="2" y="18" font-size="18" font-family="sans-serif">Mg</text></svg>';

/** Options for one picture: its own size, white behind it, text as legible as resvg draws it. */
function options(): ResvgRenderOptions {
  return { font: FONT, fitTo: { mode: 'original' }, background: '#ffffff', textRendering: 1, shapeRendering: 2, logLevel: 'off' };
}

let fontsChecked = false;

/** Refuses to draw a picture whose words would be missing: resvg found no font on this machine. */
async function checkFonts(): Promise<void> {
  if (fontsChecked) {
    return;
  }
  const { renderAsync } = await import('@resvg/resvg-js');
  const probe = await renderAsync(PROBE, { font: FONT, logLevel: 'off' });
  const alpha = probe.pixels.filter((_, i) => i % 4 === 3 && _ > 0).length;
  if (alpha === 0) {
    throw new AuditlensError('bad-input', 'No font was found on this machine to write the picture\'s text; install one (e.g. fonts-dejavu) or write --out FILE.svg.');
  }
  fontsChecked = true;
}

/** The SVG as PNG bytes, drawn off the main thread; `signal` stops it. */
export async function svgToPng(svg: string, signal?: AbortSignal): Promise<Buffer> {
  await checkFonts();
  const { renderAsync } = await import('@resvg/resvg-js');
  const image = await renderAsync(svg, options(), signal ?? null);
  return image.asPng();
}
