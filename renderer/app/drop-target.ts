/**
 * Dropping a file or folder anywhere on the window opens it (a `.db`/`.sqlite` database, a
 * `.json`/`.jsonl` log or a folder of them). The page never reads a path: it hands the File to
 * the API client, which in Electron lets the preload find it on disk; a browser cannot, and
 * browser mode says so in one sentence.
 */
import { useEffect, useState } from 'react';

/** True when a drag carries files (not text or a link dragged inside the page). */
function carriesFiles(e: DragEvent): boolean {
  return e.dataTransfer?.types.includes('Files') ?? false;
}

/** Listens for files dropped on the window; `dragging` is true while files hover over it. */
export function useDropTarget(onDrop: (file: File) => void): { readonly dragging: boolean } {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    // dragenter/dragleave fire for every child element crossed: count them to know when the drag left the window.
    let depth = 0;
    const enter = (e: DragEvent): void => {
      if (carriesFiles(e)) {
        depth++;
        setDragging(true);
      }
    };
    const leave = (e: DragEvent): void => {
      if (carriesFiles(e) && --depth <= 0) {
        depth = 0;
        setDragging(false);
      }
    };
    const over = (e: DragEvent): void => {
      if (carriesFiles(e)) {
        // Without this the drop would make the browser navigate to the file.
        e.preventDefault();
        if (e.dataTransfer) {
          e.dataTransfer.dropEffect = 'copy';
        }
      }
    };
    const drop = (e: DragEvent): void => {
      if (!carriesFiles(e)) {
        return;
      }
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (file) {
        onDrop(file);
      }
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [onDrop]);
  return { dragging };
}
