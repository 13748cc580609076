/**
 * Vite build of the renderer: `renderer/index.html` in, `dist/renderer` out.
 *
 * `base: './'` keeps asset URLs relative so the same files load from the app:// protocol in
 * Electron and from the loopback server in browser mode. The CSP (script-src 'self', no eval)
 * is sent by the host, so the build must emit no inline scripts and fetch nothing remote.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('../renderer/', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/renderer/', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    // Inlined assets would become data: URLs; only images may use them under our CSP.
    assetsInlineLimit: 0,
    // The AG Grid chunk is large by design; it loads lazily once a store is open.
    chunkSizeWarningLimit: 2_000,
    // No module-preload polyfill: it is dead weight in Chromium and Electron.
    modulePreload: { polyfill: false },
  },
});
