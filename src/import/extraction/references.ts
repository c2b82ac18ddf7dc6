import type { OrganisationKind } from '../types';
import type { Holder } from './appositions';
import { REFERENCE } from './appositions';
import type { OrganisationMention, PageContext, Span } from './context';
import { isOrganisationName, kindOf, partyBody, suffixOf } from './organisation-names';

/**
 * Resolves what the page refers to within itself: a short form (县工商联, 商会, 统战部) is the one
 * fuller name in the page that ends with it; 我会 / 本会 is the publisher; 该会 / 该堂 is the nearest
 * organisation named before; a bare association title is held at the page's own association.
 * Nothing is guessed across pages (that is the resolve stage's work).
 */

export type OrganisationRecord = {
  /** The fullest name, normalised. */
  name: string;
  kind: OrganisationKind;
  /** Short forms the page used for it, normalised. */
  aliases: Set<string>;
  mentions: number;
  firstSeen: number;
};

export type Directory = {
  records: Map<string, OrganisationRecord>;
  /** The fullest name a printed name stands for at `at` (an offset), or null when it stands for none. */
  resolve: (name: string, at: number) => string | null;
  /** The page's own association or chamber, when one stands out. */
  own: string | null;
  /** Doubts to show an editor: short forms that could mean two organisations. */
  doubts: string[];
  /** The organisation named last in [floor, before), a party branch standing for its body. */
  nearest: (floor: number, before: number) => string | null;
  /** Whether a record names an organisation on its own (an ending alone, 商会, does not). */
  keep: (name: string) => boolean;
};

const ASSOCIATION_KINDS: OrganisationKind[] = ['association', 'chamber_of_commerce', 'federation_of_industry_and_commerce', 'ngo'];

/** A name without its bracketed second name: 县工商联（总商会） → 县工商联. */
const bare = (name: string): string => name.replace(/（[^（）]*）$/, '');

/** A short form is an ending alone or after a level character: 商会, 市工商联, 县委. */
const isShortForm = (name: string): boolean => {
  const suffix = suffixOf(bare(name));
  if (suffix === null) return false;
  const stem = bare(name).slice(0, bare(name).length - suffix.suffix.length);
  return stem === '' || /^[省市县区镇乡]$/.test(stem);
};

/** 人民政府 and 政府 name one body: 县政府 is short for 某县人民政府. */
const comparable = (name: string): string => bare(name).replace(/人民政府$/, '政府');

/** The fuller names in `names` that `name` can be short for. */
const fullerForms = (name: string, names: string[]): string[] => {
  const short = comparable(name);
  const suffix = suffixOf(short)?.suffix;
  return names.filter((other) => other !== name && comparable(other).length > short.length && comparable(other).endsWith(short) && suffixOf(comparable(other))?.suffix === suffix);
};

type Mention = { name: string; start: number };

const countMentions = (mentions: Mention[]): Map<string, { count: number; first: number }> => {
  const counts = new Map<string, { count: number; first: number }>();
  for (const mention of mentions) {
    const known = counts.get(mention.name);
    counts.set(mention.name, { count: (known?.count ?? 0) + 1, first: Math.min(known?.first ?? mention.start, mention.start) });
  }
  return counts;
};

/**
 * One printed form per bare name: 县工商联（总商会） and 县工商联 are one organisation, printed most
 * fully with its bracketed second name.
 */
const fullestPrinting = (names: string[]): Map<string, string> => {
  const byBare = new Map<string, string>();
  for (const name of names) {
    const known = byBare.get(bare(name));
    if (known === undefined || name.length > known.length) byBare.set(bare(name), name);
  }
  return byBare;
};

/** Groups names under their fullest form; an ambiguous short form stays apart and is reported. */
const groupNames = (counts: Map<string, { count: number; first: number }>, doubts: string[]): Map<string, string> => {
  const printing = fullestPrinting([...counts.keys()].filter((name) => !REFERENCE.test(name)));
  const names = [...printing.values()];
  const fullest = new Map<string, string>();
  for (const name of counts.keys()) {
    const printed = printing.get(bare(name));
    if (printed !== undefined && printed !== name) fullest.set(name, printed);
  }
  for (const name of names) {
    const fuller = fullerForms(name, names).filter((other) => fullerForms(other, names).length === 0);
    if (fuller.length === 1) fullest.set(name, fuller[0]);
    else if (fuller.length > 1) {
      const ranked = [...fuller].sort((a, b) => (counts.get(b)?.count ?? 0) - (counts.get(a)?.count ?? 0));
      const [top, next] = ranked;
      if (isShortForm(name) && (counts.get(top)?.count ?? 0) > (counts.get(next)?.count ?? 0)) fullest.set(name, top);
      else doubts.push(`「${name}」可能指 ${fuller.join(' / ')}，未能确定`);
    }
  }
  // A printing of a short form points on to where its fullest printing points.
  for (const [name, target] of fullest) {
    const further = fullest.get(target);
    if (further !== undefined && further !== name) fullest.set(name, further);
  }
  return fullest;
};

const buildRecords = (counts: Map<string, { count: number; first: number }>, fullest: Map<string, string>): Map<string, OrganisationRecord> => {
  const records = new Map<string, OrganisationRecord>();
  for (const [name, { count, first }] of counts) {
    if (REFERENCE.test(name)) continue;
    const target = fullest.get(name) ?? name;
    const record = records.get(target) ?? { name: target, kind: kindOf(target), aliases: new Set<string>(), mentions: 0, firstSeen: first };
    record.mentions += count;
    record.firstSeen = Math.min(record.firstSeen, first);
    if (target !== name) record.aliases.add(name);
    records.set(target, record);
  }
  return records;
};

const ownAssociation = (records: Map<string, OrganisationRecord>): string | null => {
  const ranked = [...records.values()]
    .filter((record) => ASSOCIATION_KINDS.includes(record.kind) && !isShortForm(record.name))
    .sort((a, b) => b.mentions - a.mentions || a.firstSeen - b.firstSeen);
  if (ranked.length === 0) return null;
  if (ranked.length === 1 || ranked[0].mentions > ranked[1].mentions) return ranked[0].name;
  return null;
};

/**
 * 我会 stands for the publisher. A page that never says who publishes it but speaks of one
 * association throughout means that one — unless 我会 appears beside it in one sentence, where
 * the two are plainly different (我会 attended the other's meeting).
 */
const firstPerson = (context: PageContext, records: Map<string, OrganisationRecord>, own: string | null): string => {
  // Only an association publishes as 我会: a newspaper or a government site that prints the page does not.
  const publisher = context.publishers.find(({ name }) => isOrganisationName(name) && ASSOCIATION_KINDS.includes(kindOf(name)));
  if (publisher !== undefined) return publisher.name;
  if (own === null) return '我会';
  const names = [own, ...(records.get(own)?.aliases ?? [])].filter((name) => !isShortForm(name));
  const together = context.sentences.some((sentence) => {
    const text = context.text.slice(sentence.start, sentence.end);
    return /我(?:会|协会|商会)|本会/.test(text) && names.some((name) => text.includes(name));
  });
  return together ? '我会' : own;
};

/** 该会 / 该堂: the nearest organisation before `at` whose name ends like the reference. */
const nearestBefore = (mentions: Mention[], fullest: Map<string, string>, reference: string, at: number): string | null => {
  const ending = reference.slice(1);
  let best: Mention | null = null;
  for (const mention of mentions) {
    if (mention.start >= at || REFERENCE.test(mention.name) || !bare(mention.name).endsWith(ending)) continue;
    if (best === null || mention.start > best.start) best = mention;
  }
  return best === null ? null : (fullest.get(best.name) ?? best.name);
};

export const buildDirectory = (context: PageContext, found: OrganisationMention[], printedHolders: Array<{ name: string; span: Span }>): Directory => {
  // A holder the grammar read where the finder found the same organisation is one mention, not two.
  const starts = new Set(found.map((mention) => mention.start));
  const mentions: Mention[] = [
    ...found.map((mention) => ({ name: mention.name, start: mention.start })),
    ...printedHolders.filter((holder) => !starts.has(holder.span.start)).map((holder) => ({ name: holder.name, start: holder.span.start })),
  ];
  const doubts: string[] = [];
  const counts = countMentions(mentions);
  const fullest = groupNames(counts, doubts);
  const records = buildRecords(counts, fullest);
  const own = ownAssociation(records);
  const publisher = firstPerson(context, records, own);
  const resolve = (name: string, at: number): string | null => {
    if (/^(?:我|本)/.test(name) && REFERENCE.test(name)) return publisher;
    if (REFERENCE.test(name)) return nearestBefore(mentions, fullest, name, at);
    // 商会 alone, when the page has more than one, is the page's own.
    if (suffixOf(name)?.suffix === name && !fullest.has(name) && own !== null && bare(own).endsWith(name)) return own;
    const known = fullest.get(name);
    if (known !== undefined) return known;
    // A name the grammar composed (县政府 for a bare 县长) is the one fuller name the page prints, if any.
    if (!counts.has(name)) {
      // …or the same body as the page prints it (县人民政府 for 县政府).
      const same = [...records.keys()].find((other) => comparable(other) === comparable(name));
      if (same !== undefined) return fullest.get(same) ?? same;
      const fuller = fullerForms(name, [...records.keys()]);
      if (fuller.length === 1) return fuller[0];
    }
    return name;
  };
  const keep = (name: string): boolean => !REFERENCE.test(name) && suffixOf(bare(name))?.suffix !== bare(name);
  const nearest = (floor: number, before: number): string | null => {
    const last = [...mentions].filter((mention) => mention.start >= floor && mention.start < before).sort((a, b) => b.start - a.start)[0];
    if (last === undefined) return null;
    const name = resolve(last.name, last.start);
    const body = name === null ? null : partyBody(name);
    return body !== null ? (resolve(body, last.start) ?? body) : name;
  };
  return { records, resolve, own, doubts, keep, nearest };
};

/** The organisation a holder stands for, or null. */
export const resolveHolder = (directory: Directory, holder: Holder): string | null => {
  switch (holder.kind) {
    case 'printed':
      return directory.resolve(holder.name, holder.span.start);
    case 'page-own':
      return directory.own;
    case 'nearest':
      return directory.nearest(holder.floor, holder.before);
    case 'government':
      return directory.resolve(`${holder.level}政府`, 0);
    case 'none':
      return null;
  }
};
