import type { Core, Modules } from '@strapi/strapi';
import { isImporterWrite } from './importer-writes';
import { LINKED_UIDS, isLinkedUid, parentsFirst, type LinkedUid, type PublishableUid } from './publish-order';
import { linkPaths, populatePath, valuesAt, type LinkPath } from './references';
import { ARTICLE, ORGANISATION } from '../content-types';

/**
 * Publishing an article publishes the drafts it links to, first. Strapi drops a published article's
 * link to a person, organisation or initiative that has no published version, silently: an article
 * published from the admin with imported (draft) links showed none of them on the public API.
 * Whatever publishes the article (the edit view, bulk publish, the REST API, a script) goes through
 * the Document Service, so this middleware sees it. It publishes, in the same transaction as the
 * article, every linked record that has never been published, and what those link to in turn (an
 * organisation's parent, a person's organisations, an initiative's organisers and people), in
 * PUBLISH_ORDER, parents before children. A linked record that is already published is left as it is:
 * publishing it again would publish an editor's unfinished draft of it. Publishing a person,
 * organisation or initiative does the same for its own links (a person's organisations, an
 * organisation's parent), for the same reason.
 */

type Where = Record<string, unknown>;

/** The link paths publishing follows from a type: to the linked record types, never to other articles. */
const outgoing = (paths: readonly LinkPath[], uid: PublishableUid): LinkPath[] =>
  paths.filter((link) => link.source === uid && isLinkedUid(link.target));

const mergePopulate = (into: Record<string, unknown>, add: Record<string, unknown>): Record<string, unknown> => {
  for (const [key, value] of Object.entries(add)) {
    const existing = into[key] as { populate?: Record<string, unknown> } | undefined;
    const adding = value as { populate?: Record<string, unknown> };
    if (existing?.populate !== undefined && adding.populate !== undefined) mergePopulate(existing.populate, adding.populate);
    else into[key] = value;
  }
  return into;
};

/** Of these documentIds, those without a published version. */
const neverPublished = async (strapi: Core.Strapi, uid: LinkedUid, documentIds: readonly string[]): Promise<string[]> => {
  if (documentIds.length === 0) return [];
  const published = (await strapi.db.query(uid).findMany({
    where: { documentId: { $in: [...documentIds] }, publishedAt: { $notNull: true } },
    select: ['documentId'],
  })) as Array<{ documentId: string }>;
  const have = new Set(published.map((row) => row.documentId));
  return [...new Set(documentIds)].filter((documentId) => !have.has(documentId));
};

type Drafts = { byUid: Map<LinkedUid, Set<string>>; parents: Map<string, string> };

/**
 * The never-published records reachable from the article's drafts: the article's links, then the
 * links of each record found, until nothing new turns up.
 */
const draftsLinkedFrom = async (strapi: Core.Strapi, root: PublishableUid, rootWhere: Where): Promise<Drafts> => {
  const paths = linkPaths(strapi);
  const drafts: Drafts = { byUid: new Map(LINKED_UIDS.map((uid) => [uid, new Set<string>()])), parents: new Map() };
  let frontier: Array<{ uid: PublishableUid; where: Where }> = [{ uid: root, where: rootWhere }];
  while (frontier.length > 0) {
    const next: typeof frontier = [];
    for (const { uid, where } of frontier) {
      const links = outgoing(paths, uid);
      if (links.length === 0) continue;
      const populate = links.reduce<Record<string, unknown>>((all, link) => mergePopulate(all, populatePath(link.path)), {});
      const rows = (await strapi.db.query(uid).findMany({ where: { ...where, publishedAt: null }, select: ['documentId'], populate })) as Array<Record<string, unknown>>;
      for (const target of LINKED_UIDS) {
        const linked = links.filter((link) => link.target === target);
        const ids = rows.flatMap((row) => linked.flatMap((link) => valuesAt(row, link.path))).map((value) => value.documentId);
        const known = drafts.byUid.get(target) as Set<string>;
        const fresh = (await neverPublished(strapi, target, ids.filter((id): id is string => typeof id === 'string'))).filter((id) => !known.has(id));
        fresh.forEach((id) => known.add(id));
        if (fresh.length > 0) next.push({ uid: target, where: { documentId: { $in: fresh } } });
      }
      if (uid === ORGANISATION) {
        for (const row of rows) {
          const parent = valuesAt(row, ['parent'])[0]?.documentId;
          if (typeof parent === 'string') drafts.parents.set(row.documentId as string, parent);
        }
      }
    }
    frontier = next;
  }
  return drafts;
};

/** The rows a publish call means: its locale, several (bulk publish), every one, or the default. */
const rowsWhere = async (strapi: Core.Strapi, uid: PublishableUid, documentId: string, locale: unknown): Promise<Where> => {
  if (locale === '*' || uid !== ARTICLE) return { documentId };
  if (Array.isArray(locale)) return { documentId, locale: { $in: locale } };
  if (typeof locale === 'string') return { documentId, locale };
  return { documentId, locale: await strapi.plugin('i18n').service('locales').getDefaultLocale() };
};

/**
 * Publishes the never-published records a document's drafts link to, in PUBLISH_ORDER, parents
 * first. Returns how many it published, by type.
 */
export const publishLinkedDrafts = async (strapi: Core.Strapi, uid: PublishableUid, documentId: string, locale: unknown): Promise<Map<LinkedUid, number>> => {
  const drafts = await draftsLinkedFrom(strapi, uid, await rowsWhere(strapi, uid, documentId, locale));
  const published = new Map<LinkedUid, number>();
  for (const linked of LINKED_UIDS) {
    const ids = [...(drafts.byUid.get(linked) as Set<string>)].filter((id) => !(linked === uid && id === documentId));
    const ordered = linked === ORGANISATION ? parentsFirst(ids, (id) => id, (id) => drafts.parents.get(id)) : ids;
    // A bulk publish publishes several articles at once; one of them may have published a shared link meanwhile.
    for (const id of await neverPublished(strapi, linked, ordered)) await strapi.documents(linked).publish({ documentId: id });
    published.set(linked, ordered.length);
  }
  return published;
};

type PublishParams = { documentId?: string; locale?: unknown; status?: string; data?: unknown; fields?: unknown; populate?: unknown };

export const publishLinksMiddleware =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    const uid = context.uid as string;
    if ((uid !== ARTICLE && !isLinkedUid(uid)) || isImporterWrite(context.params)) return next();
    const params = context.params as PublishParams;
    if (context.action === 'publish' && typeof params.documentId === 'string') {
      const documentId = params.documentId;
      return strapi.db.transaction(async () => {
        await publishLinkedDrafts(strapi, uid, documentId, params.locale);
        return next();
      });
    }
    if (uid !== ARTICLE) return next();
    // create/update with status 'published' publish inside Strapi, past the middlewares: write the
    // draft, then publish it through the Document Service, which comes back here.
    if ((context.action === 'create' || context.action === 'update') && params.status === 'published') {
      return strapi.db.transaction(async () => {
        context.params = { ...params, status: 'draft' } as typeof context.params;
        const draft = await next();
        if (draft === null || typeof draft !== 'object' || !('documentId' in draft) || typeof draft.documentId !== 'string') return draft;
        const { data: _data, status: _status, documentId: _id, ...selection } = params;
        const result = await strapi.documents(ARTICLE).publish({ ...selection, documentId: draft.documentId, locale: ('locale' in draft ? draft.locale : undefined) ?? params.locale } as never);
        return result?.entries?.[0] ?? null;
      });
    }
    return next();
  };
