import { createBulkWriter, type BulkWriter } from '../bulk';
import { storeImages } from '../fetch-images';
import { pageOrigin } from '../identity';
import { absolutePhotoUrl } from '../photos';
import { haltAfterBatchForTests } from '../test-halt';
import { reindexMany, type IndexedDocument } from '../../search/indexer';
import { failedItem, firstLine, type Done, type Prepared, type Run } from './context';
import { releaseRecords } from './held-records';
import { importItem, openBatch } from './import-page';

/** Writes a batch in one transaction; on any failure, again one page per transaction. A dry run only plans. */
export const writeBatch = async (run: Run, batch: Prepared[]): Promise<void> => {
  const { strapi, journal, events, tally } = run;
  const items = batch.filter((item) => item.kind !== 'failed');
  if (strapi === null || run.options.dryRun || items.length === 0) {
    for (const item of batch) tally.finish(await importItem(run, item, null).catch((error: unknown) => failedItem(item, error)));
    return;
  }
  // Downloads take seconds; they happen before the batch's transaction, which must stay short.
  await fetchImagesOf(run, items);
  journal.begin();
  events?.begin();
  let done: Map<Prepared, Done>;
  let created: ReadonlyArray<IndexedDocument> = [];
  // The writer's staged slugs stay taken until its transaction is over, committed or rolled back.
  const writer: { current: BulkWriter | null } = { current: null };
  try {
    done = await strapi.db
      .transaction(async ({ trx }) => {
        const bulk = createBulkWriter(strapi, trx, new Date(), events ?? { wrote: () => undefined });
        writer.current = bulk;
        const results = new Map<Prepared, Done>();
        const open = openBatch(bulk);
        for (const item of items) results.set(item, await importItem(run, item, open));
        await bulk.flush(run.versions);
        created = bulk.created();
        return results;
      })
      .finally(() => writer.current?.close());
    journal.commit();
    releaseRecords(run);
  } catch (error) {
    journal.rollback();
    events?.rollback();
    if (items.length === 1) {
      for (const item of batch) tally.finish(failedItem(item, error));
      return;
    }
    for (const item of batch) await writeBatch(run, [item]);
    return;
  }
  // The batch is in the database whatever happens to its events: one that cannot be read back is
  // logged, as the Document Service's own would be, and does not fail the pages.
  await events?.commit().catch((error: unknown) => strapi.log.error(`import: document events of a batch were not emitted: ${firstLine(error)}`));
  // The bulk writer's new documents bypass the search index's document middleware; only published
  // ones are indexed. The batch is committed: a failure here is logged (npm run search:reindex repairs it), never retried.
  if (run.options.publish) {
    await reindexMany(strapi, created).catch((error: unknown) => strapi.log.error(`search: indexing an import batch failed: ${firstLine(error)}`));
  }
  run.committedBatches += 1;
  await haltAfterBatchForTests(run.committedBatches);
  for (const item of batch) tally.finish(done.get(item) ?? failedItem(item, new Error('missing from its batch')));
};

/**
 * `--fetch-images`: stores the photos of a batch's pages in the media library before the batch is
 * written. A photo that cannot be fetched is left out, with a warning on its page.
 */
const fetchImagesOf = async (run: Run, items: Prepared[]): Promise<void> => {
  const { strapi, options } = run;
  if (strapi === null || options.fetchImages === undefined || options.fetchImages === null) return;
  for (const item of items) {
    if (item.kind !== 'page') continue;
    const { parsed } = item.analysed;
    const pageUrl = pageOrigin(item.file, options.paths, options.baseUrl ?? null, parsed.url).url ?? parsed.url;
    const photos = (parsed.photos ?? []).flatMap((photo) => {
      const src = absolutePhotoUrl(photo.src, pageUrl);
      return src === null ? [] : [{ src, caption: photo.caption }];
    });
    const failures = await storeImages(strapi, photos, run.images, options.fetchImages);
    for (const [src, reason] of failures) item.analysed.warnings.push(`photo ${src} not fetched: ${reason}`);
  }
};

