/**
 * Renderer entry: take the browser-mode token out of the URL before anything else runs, then
 * mount the app.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { captureToken } from './api-client';
import { AppShell } from './app-shell';
import './styles.css';

captureToken();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <AppShell />
    </StrictMode>,
  );
}
