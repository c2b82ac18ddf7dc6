import type { Core, Modules, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { findReferences, type Reference, type ReferenceExample } from './references';
import { ORGANISATION, PERSON } from '../content-types';

/** The records other records point at by name: deleting one would cut those links silently. */
const GUARDED: ReadonlySet<string> = new Set([ORGANISATION, PERSON]);

type Phrase = { counted: (count: number) => string; example: (example: ReferenceExample) => string };

const titled = (example: ReferenceExample) => `《${example.label}》`;
const named = (example: ReferenceExample) => example.label;

/** How each kind of reference reads in the refusal; kinds not listed read as "N 条 <kind> 引用". */
const PHRASES: Partial<Record<string, Phrase>> = {
  'person.positions.organisation': {
    counted: (count) => `${count} 个职务`,
    example: (example) => `人物 ${example.label}${example.detail === null ? '' : ` 的 ${example.detail}`}`,
  },
  'news-article.mentionedOrganisations': { counted: (count) => `${count} 篇提及它的文章`, example: titled },
  'news-article.mentionedPersons': { counted: (count) => `${count} 篇提及此人的文章`, example: titled },
  'news-article.quotes.speaker': { counted: (count) => `${count} 篇文章中的引语`, example: titled },
  'news-article.source.publisher': { counted: (count) => `${count} 篇以它为发布单位的文章`, example: titled },
  'initiative.organisers': { counted: (count) => `${count} 个由它主办的活动`, example: named },
  'initiative.people': { counted: (count) => `${count} 个此人参与的活动`, example: named },
  'organisation.parent': { counted: (count) => `${count} 个下级机构`, example: named },
};

const describeReference = (reference: Reference): string => {
  const phrase = PHRASES[reference.kind] ?? { counted: (count: number) => `${count} 条 ${reference.kind} 引用`, example: named };
  const examples = reference.examples.map(phrase.example).join('，');
  const more = reference.count > reference.examples.length ? ' 等' : '';
  return `${phrase.counted(reference.count)}（${examples}${more}）`;
};

/** The editor's reason, in Chinese, with what references the record. */
export const describeReferences = (references: readonly Reference[]): string => {
  // Positions first, as an editor thinks of a person or organisation: who holds which post, then where it appears.
  const order = Object.keys(PHRASES);
  const rank = (reference: Reference) => (order.includes(reference.kind) ? order.indexOf(reference.kind) : order.length);
  const listed = [...references].sort((a, b) => rank(a) - rank(b));
  return `无法删除：仍被引用：${listed.map(describeReference).join('、')}。请先合并到另一条记录，或先移除这些引用。`;
};

/**
 * Refuses to delete a person or organisation that something still references: a position, an
 * article's mention, quote or publisher, an initiative, a child organisation. The refusal is an
 * ApplicationError, so the admin shows its message to the editor (and a bulk delete, which runs in
 * one transaction, deletes nothing). Once the references are gone (moved by a merge, or removed by
 * hand) the delete goes through. Unpublishing and discarding a draft are not deletes and pass.
 */
export const safeDeleteMiddleware =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    if (context.action !== 'delete' || !GUARDED.has(context.uid)) return next();
    const documentId = (context.params as { documentId?: unknown }).documentId;
    if (typeof documentId !== 'string') return next();
    const references = await findReferences(strapi, context.uid as UID.ContentType, documentId);
    if (references.length > 0) {
      throw new errors.ApplicationError(describeReferences(references), {
        references: references.map(({ kind, count, examples }) => ({ kind, count, examples })),
      });
    }
    return next();
  };
