/**
 * Renderer entry: take the browser-mode token out of the URL before anything else runs, read
 * the view link the page was opened with, then mount the app.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { captureToken } from './api-client';
import { AppShell } from './app-shell';
import { captureViewLink } from './view-link/pending-link';
import './styles.css';

captureToken();
// The view a reload or a pasted link asks for (`?_path=…&_mode=…`), restored once its store is open.
captureViewLink(window.location.search);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <AppShell />
    </StrictMode>,
  );
}
