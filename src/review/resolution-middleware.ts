import type { Core, Modules } from '@strapi/strapi';
import { REVIEWED_TYPES, reasonLines, type ReviewedType } from './items';
import { isResolved, recordResolutions, resolvedKeys } from './resolutions';

type Params = { documentId?: string; data?: Record<string, unknown> };

const isReviewed = (uid: string): uid is ReviewedType => (REVIEWED_TYPES as readonly string[]).includes(uid);

/** An editor unticks 需要核对: every reason the record was flagged for is resolved, as if each item's 已核对 had been pressed. */
const rememberUntick = async (strapi: Core.Strapi, uid: ReviewedType, documentId: string): Promise<void> => {
  const row = (await strapi.db.query(uid).findOne({ where: { documentId, publishedAt: null }, select: ['needsReview', 'reviewReason'] })) as { needsReview?: unknown; reviewReason?: unknown } | null;
  if (row?.needsReview !== true) return;
  const reasons = reasonLines(typeof row.reviewReason === 'string' ? row.reviewReason : null);
  await strapi.db.transaction(async ({ trx }) => {
    for (const reason of reasons) await recordResolutions(trx, [{ uid, documentId }], reason, 'content manager (需要核对 unticked)');
  });
};

/** A write flags the record again (a re-import, say): if every reason it gives was resolved, it stays unflagged. */
const onlyResolvedReasons = async (strapi: Core.Strapi, uid: ReviewedType, documentId: string, reviewReason: string): Promise<boolean> => {
  const reasons = reasonLines(reviewReason);
  if (reasons.length === 0) return false;
  const resolved = await strapi.db.transaction(async ({ trx }) => resolvedKeys(strapi, trx as never, { uid, documentId }));
  return reasons.every((reason) => isResolved(resolved, { reason, record: { uid, documentId }, carriers: [] }));
};

/**
 * Document middleware: resolutions outlive the flag. Unticking 需要核对 in the content manager
 * resolves the record's reasons, and a later write that flags the record for reasons all resolved
 * (the importer reading a changed page again) leaves it unflagged; the queue lists none of them.
 */
export const reviewResolutionMiddleware =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    const params = context.params as Params;
    if (context.action !== 'update' || !isReviewed(context.uid) || params.documentId === undefined || params.data === undefined) return next();
    const { data, documentId } = params;
    if (data.needsReview === false) await rememberUntick(strapi, context.uid, documentId);
    else if (data.needsReview === true && typeof data.reviewReason === 'string' && (await onlyResolvedReasons(strapi, context.uid, documentId, data.reviewReason))) data.needsReview = false;
    return next();
  };
