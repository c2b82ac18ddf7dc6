import fs from 'fs';
import { analyse } from '../analyse';
import type { inlineAnalyser } from '../analyser';
import { MAX_PAGE_BYTES } from '../decode';
import { walkInputs, type InputEntry } from '../files';
import { contentHash } from '../keys';
import { failedDocument } from '../report';
import { stopped, type Prepared, type Run } from './context';

type Analyser = ReturnType<typeof inlineAnalyser>;

/** The page analysed, its content hash taken under the run's rules version. */
export const analysedUnder = (result: ReturnType<typeof analyse>, bytes: Uint8Array, rulesVersion: string): ReturnType<typeof analyse> =>
  result.ok ? { ok: true, value: { ...result.value, contentHash: contentHash(bytes, rulesVersion) } } : result;

/** Reads a page and analyses it, unless its bytes were imported before under the same rules. */
const prepare = async (run: Run, analyser: Analyser, entry: InputEntry): Promise<Prepared> => {
  const { index, options } = run;
  if (entry.kind === 'problem') return { kind: 'failed', report: failedDocument(entry.file, entry.message) };
  if (entry.size > MAX_PAGE_BYTES) {
    const message = `file is ${(entry.size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_PAGE_BYTES / 1024 / 1024} MB limit for one page`;
    return { kind: 'failed', report: failedDocument(entry.file, message) };
  }
  const bytes = await fs.promises.readFile(entry.file);
  // An article imported from these very bytes (under the same extraction rules) is not analysed again.
  const hash = contentHash(bytes, run.rulesVersion);
  const key = index.articleHashes.get(hash);
  const known = key === undefined ? undefined : index.articles.get(key);
  if (key !== undefined && known !== undefined && (!options.publish || known.published)) {
    return { kind: 'unchanged', file: entry.file, bytes, hash, key };
  }
  const analysed = analysedUnder(await analyser.analyse({ file: entry.file, bytes }), bytes, run.rulesVersion);
  return analysed.ok ? { kind: 'page', file: entry.file, analysed: analysed.value } : { kind: 'failed', report: failedDocument(entry.file, analysed.problem.message) };
};

/**
 * The run's pages in batches, read and analysed ahead: up to a batch of pages is being analysed
 * (on the worker thread, when the run has one) while the batch before is written, and no more, so
 * memory stays flat however many pages a run has. A failed page travels in its batch to be reported
 * in order; a batch is full when it has `size` pages that did not fail. Stops at the run's stop.
 */
export async function* batchesOf(run: Run, analyser: Analyser, size: number): AsyncGenerator<Prepared[]> {
  const ahead: Array<Promise<Prepared>> = [];
  let batch: Prepared[] = [];
  const full = (): boolean => batch.filter((item) => item.kind !== 'failed').length >= size;
  for await (const entry of walkInputs(run.options.paths, run.skipped)) {
    if (stopped(run)) return;
    const prepared = prepare(run, analyser, entry);
    // Its failure is awaited (and thrown) in order below; until then it must not count as unhandled.
    prepared.catch(() => undefined);
    ahead.push(prepared);
    if (ahead.length <= size) continue;
    batch.push(await (ahead.shift() as Promise<Prepared>));
    if (full()) {
      yield batch;
      batch = [];
    }
  }
  while (ahead.length > 0) {
    if (stopped(run)) return;
    batch.push(await (ahead.shift() as Promise<Prepared>));
    if (full()) {
      yield batch;
      batch = [];
    }
  }
  yield batch;
}
