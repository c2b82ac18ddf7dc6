import crypto from 'crypto';
import { GENERATED_TITLE_REASON, MISSING_DATE_REASON, TRUNCATED_PAGE_REASON } from '../import/analyse';
import { ARTICLE, INITIATIVE, ORGANISATION, PERSON } from '../content-types';

/**
 * The review queue's items, worked out from what the importer stored: each record's `needsReview`
 * and `reviewReason` (one reason a line), and the article's `importEvidence` and `rawText` for the
 * sentence to show. Pure: the service reads the rows, this file says what an editor has to fix,
 * on which record, and where on the page it was read.
 */

export const REVIEWED_TYPES = [ARTICLE, PERSON, ORGANISATION, INITIATIVE] as const;
export type ReviewedType = (typeof REVIEWED_TYPES)[number];

export type ReviewKind = 'namesake' | 'unplaced-title' | 'derived-headline' | 'missing-date' | 'truncated' | 'ambiguous-name' | 'other';

/** A record as the queue names it and the content manager opens it. */
export type RecordRef = { uid: ReviewedType; documentId: string; locale: string | null; label: string };

/** The sentence from the page, and the words in it the reason is about. */
export type ReviewEvidence = { sentence: string; highlights: string[] };

/** Evidence as the admin shows it: the sentence cut into plain and highlighted parts. */
export type ShownEvidence = ReviewEvidence & { parts: Array<{ text: string; highlighted: boolean }> };

export type ReviewItem = {
  /** Stable across reads: the record to fix and the reason. */
  id: string;
  kind: ReviewKind;
  reason: string;
  /** The record to fix. */
  record: RecordRef;
  /** The article the reason was read on, when it is not the record itself. */
  article: RecordRef | null;
  evidence: ReviewEvidence | null;
  /** Records whose 需要核对 carries this reason: resolving the item clears it on each. */
  carriers: Array<{ uid: ReviewedType; documentId: string }>;
};

/** An article flagged for review, with what the queue needs of it. */
export type FlaggedArticle = {
  documentId: string;
  locale: string | null;
  title: string;
  needsReview: boolean;
  reasons: string[];
  rawText: string | null;
  evidence: StoredEvidence | null;
  /** Persons the article mentions, by name. */
  persons: Array<{ documentId: string; name: string; label: string; needsReview: boolean; reasons: string[] }>;
};

/** A person, organisation or initiative flagged for review. */
export type FlaggedRecord = { uid: ReviewedType; documentId: string; label: string; reasons: string[] };

type Spot = { sentence: string };
export type StoredEvidence = { positions?: Array<Spot & { person: string; title: string; organisation: string | null }> };

export const reasonLines = (text: string | null | undefined): string[] =>
  typeof text === 'string' ? text.split('\n').map((line) => line.trim()).filter((line) => line !== '') : [];

export const reasonHash = (reason: string): string => crypto.createHash('sha256').update(reason).digest('hex').slice(0, 32);

export const itemId = (record: { uid: string; documentId: string }, reason: string): string =>
  crypto.createHash('sha256').update(`${record.uid}\u0001${record.documentId}\u0001${reason}`).digest('hex').slice(0, 24);

const NAMESAKE = /^同名人物「([^」]+)」/;
const UNPLACED = /^「([^」]+)」的职务「([^」]+)」未能确定所属组织：(.*)$/;
const AMBIGUOUS = /^「([^」]+)」可能指/;
const TRUNCATED_ENDING = /结尾「…?([^」]+)」/;

/** What a reason line is about: its kind and, for a person, the name. */
export const classify = (reason: string): { kind: ReviewKind; person?: string; title?: string; sentence?: string; term?: string } => {
  const namesake = NAMESAKE.exec(reason);
  if (namesake !== null) return { kind: 'namesake', person: namesake[1] };
  const unplaced = UNPLACED.exec(reason);
  if (unplaced !== null) return { kind: 'unplaced-title', person: unplaced[1], title: unplaced[2], sentence: unplaced[3] };
  if (reason.startsWith(GENERATED_TITLE_REASON)) return { kind: 'derived-headline' };
  if (reason.startsWith(MISSING_DATE_REASON)) return { kind: 'missing-date' };
  if (reason.startsWith(TRUNCATED_PAGE_REASON)) return { kind: 'truncated', term: TRUNCATED_ENDING.exec(reason)?.[1] };
  const ambiguous = AMBIGUOUS.exec(reason);
  if (ambiguous !== null) return { kind: 'ambiguous-name', term: ambiguous[1] };
  return { kind: 'other' };
};

/** The page's text without markup, as sentences end: for finding the sentence a word was printed in. */
export const pageText = (rawText: string): string =>
  rawText
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '\n')
    .replace(/<[^>]*>/g, '\n')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

const SENTENCE_END = /[。！？!?\n]/u;

/** The sentence of the page that prints `term` (its first occurrence), trimmed, or null. */
export const sentenceAround = (rawText: string | null, term: string): string | null => {
  if (rawText === null || term === '') return null;
  const text = pageText(rawText);
  const at = text.indexOf(term);
  if (at < 0) return null;
  let start = at;
  while (start > 0 && !SENTENCE_END.test(text[start - 1])) start -= 1;
  let end = at + term.length;
  while (end < text.length && !SENTENCE_END.test(text[end])) end += 1;
  if (end < text.length && text[end] !== '\n') end += 1;
  return text.slice(start, end).trim();
};

/** The first line of the page's text: where its headline and date would be printed. */
const opening = (rawText: string | null, title: string): ReviewEvidence => {
  const line = rawText === null ? undefined : pageText(rawText).split('\n').map((part) => part.trim()).find((part) => part !== '');
  return { sentence: line ?? title, highlights: [] };
};

/** Where a person's positions were read on the article, with the name, titles and organisations to highlight. */
const personEvidence = (article: FlaggedArticle, name: string): ReviewEvidence | null => {
  const spots = (article.evidence?.positions ?? []).filter((position) => position.person === name);
  if (spots.length > 0) {
    const sentence = spots[0].sentence;
    const sameSentence = spots.filter((spot) => spot.sentence === sentence);
    const words = sameSentence.flatMap((spot) => [spot.person, spot.title, ...(spot.organisation === null ? [] : [spot.organisation])]);
    return { sentence, highlights: [...new Set(words)] };
  }
  const sentence = sentenceAround(article.rawText, name);
  return sentence === null ? null : { sentence, highlights: [name] };
};

const evidenceFor = (article: FlaggedArticle, reason: string): ReviewEvidence | null => {
  const about = classify(reason);
  switch (about.kind) {
    case 'namesake':
      return personEvidence(article, about.person as string);
    case 'unplaced-title': {
      const name = about.person as string;
      const title = about.title as string;
      const sentence = sentenceAround(article.rawText, `${name}`) ?? about.sentence ?? null;
      const full = (article.evidence?.positions ?? []).find((spot) => spot.sentence.includes(name) && spot.sentence.includes(title))?.sentence;
      return { sentence: full ?? sentence ?? about.sentence ?? '', highlights: [name, title] };
    }
    case 'derived-headline':
      return { sentence: sentenceAround(article.rawText, article.title.replace(/…$/, '')) ?? article.title, highlights: [article.title.replace(/…$/, '')] };
    case 'missing-date':
      return opening(article.rawText, article.title);
    case 'truncated':
    case 'ambiguous-name': {
      const term = about.term ?? '';
      const sentence = sentenceAround(article.rawText, term);
      return sentence === null ? null : { sentence, highlights: [term] };
    }
    default:
      return null;
  }
};

const articleRef = (article: FlaggedArticle): RecordRef => ({ uid: ARTICLE, documentId: article.documentId, locale: article.locale, label: article.title });

/** The items of one flagged article: a reason about a person is the person's to fix, the rest the article's. */
export const articleItems = (article: FlaggedArticle): ReviewItem[] =>
  article.reasons.map((reason) => {
    const about = classify(reason);
    const person = about.person === undefined ? undefined : article.persons.find((candidate) => candidate.name === about.person && (about.kind !== 'namesake' || candidate.needsReview)) ?? article.persons.find((candidate) => candidate.name === about.person);
    const record: RecordRef = person === undefined ? articleRef(article) : { uid: PERSON, documentId: person.documentId, locale: null, label: person.label };
    const carriers: ReviewItem['carriers'] = [{ uid: ARTICLE, documentId: article.documentId }];
    if (person !== undefined && person.reasons.includes(reason)) carriers.push({ uid: PERSON, documentId: person.documentId });
    return {
      id: itemId(record, reason),
      kind: about.kind,
      reason,
      record,
      article: record.uid === ARTICLE ? null : articleRef(article),
      evidence: evidenceFor(article, reason),
      carriers,
    };
  });

/** The items of a flagged person, organisation or initiative whose reason no article carries (an orphan, say). */
export const recordItems = (record: FlaggedRecord): ReviewItem[] =>
  record.reasons.map((reason) => {
    const ref: RecordRef = { uid: record.uid, documentId: record.documentId, locale: null, label: record.label };
    return { id: itemId(ref, reason), kind: classify(reason).kind, reason, record: ref, article: null, evidence: null, carriers: [{ uid: record.uid, documentId: record.documentId }] };
  });

/** Items by id: an item carried by an article and by the person it is about is listed once. */
export const mergeItems = (items: ReviewItem[]): ReviewItem[] => {
  const byId = new Map<string, ReviewItem>();
  for (const item of items) {
    const known = byId.get(item.id);
    if (known === undefined) {
      byId.set(item.id, item);
      continue;
    }
    const carriers = [...known.carriers];
    for (const carrier of item.carriers) if (!carriers.some((c) => c.uid === carrier.uid && c.documentId === carrier.documentId)) carriers.push(carrier);
    byId.set(item.id, { ...known, article: known.article ?? item.article, evidence: known.evidence ?? item.evidence, carriers });
  }
  return [...byId.values()];
};

/** The content manager's edit view of a record, in its locale. */
export const editPath = (record: Pick<RecordRef, 'uid' | 'documentId' | 'locale'>): string =>
  `/content-manager/collection-types/${record.uid}/${record.documentId}${record.locale === null ? '' : `?plugins[i18n][locale]=${encodeURIComponent(record.locale)}`}`;

/** Splits a sentence into plain and highlighted parts, longest words first where they overlap. */
export const highlightParts = (sentence: string, words: string[]): Array<{ text: string; highlighted: boolean }> => {
  const marks = new Array<boolean>(sentence.length).fill(false);
  for (const word of [...words].filter((w) => w !== '').sort((a, b) => b.length - a.length)) {
    for (let at = sentence.indexOf(word); at >= 0; at = sentence.indexOf(word, at + word.length)) {
      for (let i = at; i < at + word.length; i += 1) marks[i] = true;
    }
  }
  const parts: Array<{ text: string; highlighted: boolean }> = [];
  for (let i = 0; i < sentence.length; i += 1) {
    const last = parts[parts.length - 1];
    if (last !== undefined && last.highlighted === marks[i]) last.text += sentence[i];
    else parts.push({ text: sentence[i], highlighted: marks[i] });
  }
  return parts;
};
