import { parentPort } from 'worker_threads';
import { analyse } from './analyse';
import type { AnalyseRequest, AnalyseResponse } from './analyser';

/** The analysis stage on a thread of its own (see analyser.ts). */
const port = parentPort;
if (port === null) throw new Error('analyse-worker runs as a worker thread');

port.on('message', ({ id, file, bytes }: AnalyseRequest) => {
  let response: AnalyseResponse;
  try {
    response = { id, result: analyse({ file, bytes }) };
  } catch (error) {
    // analyse() fails a page rather than throw; this only guards the thread itself.
    response = { id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  port.postMessage(response);
});
