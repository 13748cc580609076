// The parse worker: reads, scans, decodes, routes and shapes JSON files off the writer's thread and
// posts the rows to it in batches (see parallel-ingest.ts), so parsing and SQLite writing overlap.
import { parentPort, workerData } from 'node:worker_threads';
import { AuditlensError } from '../../../shared/api/result';
import { ingestFiles } from './ingest';
import { ShapingFront } from './shaping-front';
import type { ParseWorkerData } from './parallel-ingest';

const data = workerData as ParseWorkerData;
const port = parentPort;
const inFlight = new Int32Array(data.inFlight);

if (port) {
  const front = new ShapingFront(data.seeds, data.nextFileId, (ops) => {
    port.postMessage({ ops });
    // Back-pressure: while the writer is this many batches behind, wait for it (bounded memory).
    for (let n = Atomics.add(inFlight, 0, 1) + 1; n >= data.maxInFlight; n = Atomics.load(inFlight, 0)) {
      Atomics.wait(inFlight, 0, n, 1_000);
    }
  });
  ingestFiles(front, data.files, { limits: data.limits, chunkBytes: data.chunkBytes, onProgress: (p) => front.progress(p) }).then(
    (stats) => {
      front.end();
      port.postMessage({ done: stats });
    },
    (e: unknown) => {
      port.postMessage({ error: { code: e instanceof AuditlensError ? e.code : null, message: e instanceof Error ? e.message : String(e) } });
    },
  );
}
