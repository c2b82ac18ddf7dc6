import type { Core } from '@strapi/strapi';
import { articleItems, highlightParts, mergeItems, reasonLines, recordItems, type FlaggedArticle, type FlaggedRecord, type ReviewItem, type ReviewedType, type ShownEvidence, type StoredEvidence } from '../../../review/items';
import { isResolved, recordResolutions, resolvedKeys } from '../../../review/resolutions';
import { ARTICLE, INITIATIVE, ORGANISATION, PERSON } from '../../../content-types';

/**
 * The review queue: what the importer was unsure of, one item per record to fix and reason, computed
 * from the records' 需要核对 flags and reasons each time it is read. Only the editors' resolutions are
 * stored (newsroom_review_resolutions), so a re-import that states a resolved reason again does not
 * bring its item back, and one that states it twice does not list it twice.
 */

export type ShownItem = Omit<ReviewItem, 'evidence'> & { evidence: ShownEvidence | null };

type Row = Record<string, unknown> & { documentId: string };

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The person's label in lists (name · organisation title) when it has one, else the name. */
const personLabel = (row: Row): string => text(row.listLabel) ?? text(row.name) ?? row.documentId;

/**
 * The flagged articles, newest first. The queue is worked out from all of them, but only the page an
 * editor reads shows evidence, and only evidence needs the page's text: without `documentIds` the
 * rows are read without it (a large import flags thousands of articles, each text some kilobytes),
 * with them, those articles are read whole.
 */
const flaggedArticles = async (strapi: Core.Strapi, documentIds?: string[]): Promise<FlaggedArticle[]> => {
  const whole = documentIds !== undefined;
  const rows = (await strapi.db.query(ARTICLE).findMany({
    where: { needsReview: true, publishedAt: null, ...(whole ? { documentId: { $in: documentIds } } : {}) },
    select: ['documentId', 'locale', 'title', 'needsReview', 'reviewReason', ...(whole ? ['rawText', 'importEvidence'] : [])],
    populate: { mentionedPersons: { select: ['documentId', 'name', 'listLabel', 'needsReview', 'reviewReason'] } },
    orderBy: { id: 'desc' },
  })) as Row[];
  const byDocument = new Map<string, Row>();
  // The locale the importer wrote holds the evidence; a translation of the article holds none.
  for (const row of rows) if (!byDocument.has(row.documentId) || (byDocument.get(row.documentId)?.importEvidence == null && row.importEvidence != null)) byDocument.set(row.documentId, row);
  return [...byDocument.values()].map((row) => ({
    documentId: row.documentId,
    locale: text(row.locale),
    title: text(row.title) ?? '',
    needsReview: row.needsReview === true,
    reasons: reasonLines(text(row.reviewReason)),
    rawText: text(row.rawText),
    evidence: (row.importEvidence ?? null) as StoredEvidence | null,
    persons: ((row.mentionedPersons ?? []) as Row[]).map((person) => ({
      documentId: person.documentId,
      name: text(person.name) ?? '',
      label: personLabel(person),
      needsReview: person.needsReview === true,
      reasons: reasonLines(text(person.reviewReason)),
    })),
  }));
};

const flaggedRecords = async (strapi: Core.Strapi, uid: ReviewedType): Promise<FlaggedRecord[]> => {
  const rows = (await strapi.db.query(uid).findMany({
    where: { needsReview: true, publishedAt: null },
    select: uid === PERSON ? ['documentId', 'name', 'listLabel', 'reviewReason'] : ['documentId', 'name', 'reviewReason'],
  })) as Row[];
  return rows.map((row) => ({ uid, documentId: row.documentId, label: uid === PERSON ? personLabel(row) : (text(row.name) ?? row.documentId), reasons: reasonLines(text(row.reviewReason)) }));
};

/** The items with their evidence, read from the articles that carry them, as the whole queue would give it. */
const withEvidence = async (strapi: Core.Strapi, items: ReviewItem[]): Promise<ReviewItem[]> => {
  const articleIds = [...new Set(items.flatMap((item) => item.carriers.filter((carrier) => carrier.uid === ARTICLE).map((carrier) => carrier.documentId)))];
  if (articleIds.length === 0) return items;
  const evidence = new Map(mergeItems((await flaggedArticles(strapi, articleIds)).flatMap(articleItems)).map((item) => [item.id, item.evidence]));
  return items.map((item) => ({ ...item, evidence: evidence.get(item.id) ?? null }));
};

const shown = (item: ReviewItem): ShownItem => ({
  ...item,
  evidence: item.evidence === null ? null : { ...item.evidence, parts: highlightParts(item.evidence.sentence, item.evidence.highlights) },
});

/** Items whose record to fix still carries them: an editor who unticks 需要核对 on that record has dealt with them. */
const stillFlagged = (item: ReviewItem, articles: FlaggedArticle[]): boolean => {
  if (item.record.uid !== PERSON) return true;
  const person = articles.flatMap((article) => article.persons).find((candidate) => candidate.documentId === item.record.documentId);
  return person === undefined || person.needsReview || !person.reasons.includes(item.reason);
};

/** Every open item the editor may read, newest articles first, without evidence. */
const openItems = async (strapi: Core.Strapi, canRead: (uid: ReviewedType) => boolean): Promise<ReviewItem[]> => {
  const articles = await flaggedArticles(strapi);
  const records = (await Promise.all(([PERSON, ORGANISATION, INITIATIVE] as ReviewedType[]).map((uid) => flaggedRecords(strapi, uid)))).flat();
  const all = mergeItems([...articles.flatMap(articleItems), ...records.flatMap(recordItems)]).filter((item) => stillFlagged(item, articles));
  const resolved = await resolvedKeys(strapi);
  return all.filter((item) => !isResolved(resolved, item) && canRead(item.record.uid)).map((item) => ({ ...item, evidence: null }));
};

export const REVIEW_PAGE_SIZE = 20;
export const REVIEW_MAX_PAGE_SIZE = 100;

export type ReviewQueuePage = { data: ShownItem[]; pagination: { page: number; pageSize: number; pageCount: number; total: number } };

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** One page of the open items, newest articles first; `canRead` keeps the types the editor may read. */
  async items(canRead: (uid: ReviewedType) => boolean, page = 1, pageSize = REVIEW_PAGE_SIZE): Promise<ReviewQueuePage> {
    const all = await openItems(strapi, canRead);
    const onPage = all.slice((page - 1) * pageSize, page * pageSize);
    return {
      data: (await withEvidence(strapi, onPage)).map(shown),
      pagination: { page, pageSize, pageCount: Math.ceil(all.length / pageSize), total: all.length },
    };
  },

  /**
   * Resolves one item: its reason is marked resolved on every record that carries it, and a record
   * with no open reason left is no longer flagged 需要核对. Returns null when no open item has the id.
   */
  async resolve(id: string, canUpdate: (uid: ReviewedType) => boolean, by: string): Promise<ShownItem | 'forbidden' | null> {
    const item = (await openItems(strapi, () => true)).find((candidate) => candidate.id === id);
    if (item === undefined) return null;
    if (![item.record, ...item.carriers].every((record) => canUpdate(record.uid))) return 'forbidden';
    // Read while its articles are still flagged: the answer shows the item as the queue did.
    const [answer] = await withEvidence(strapi, [item]);
    await strapi.db.transaction(async ({ trx }) => {
      await recordResolutions(trx, [item.record, ...item.carriers], item.reason, by);
      const resolved = await resolvedKeys(strapi, trx);
      for (const carrier of item.carriers) {
        // A reason resolved on the record to fix counts as resolved on each carrier too.
        const row = (await strapi.db.query(carrier.uid).findOne({ where: { documentId: carrier.documentId }, select: ['reviewReason'] })) as { reviewReason?: unknown } | null;
        const open = reasonLines(text(row?.reviewReason)).filter((reason) => !isResolved(resolved, { reason, record: carrier, carriers: [] }));
        if (open.length === 0) await strapi.db.query(carrier.uid).updateMany({ where: { documentId: carrier.documentId }, data: { needsReview: false } });
      }
    });
    return shown(answer);
  },
});
