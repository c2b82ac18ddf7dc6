import type { Evidence, ExtractedInitiative, ExtractedOrganisation, ExtractedPerson, ExtractedPosition, ExtractedQuote, Extraction, Money, ParsedPage } from './types';
import { isTitle } from './extraction/titles';
import { readAppositions, readBracketed, type Holding } from './extraction/appositions';
import { printed, type MoneyMention, type PageContext, type Span } from './extraction/context';
import { readElections } from './extraction/elections';
import { findInitiatives, type InitiativeMention } from './extraction/initiatives';
import { findMoney, pageCurrency } from './extraction/money';
import { findOrganisationMentions } from './extraction/organisation-mentions';
import { kindOf, partyBody } from './extraction/organisation-names';
import { buildContext } from './extraction/page-context';
import { findQuotes } from './extraction/quotes';
import { readRosters } from './extraction/rosters';
import { buildDirectory, resolveHolder, type Directory } from './extraction/references';

/**
 * The extract stage, as a pipe of small passes over one page context:
 *
 *   context → money → appositions and elections → organisations → references → quotes → initiatives → extraction
 *
 * Each pass is pure and lives in src/import/extraction/. What they find is given back as the page
 * printed it (traditional characters stay traditional) with the sentence it came from.
 */

type Named = { name: string; span: Span };

type Readings = { holdings: Holding[]; names: Named[] };

/** Pass: the grammar over each sentence — chains first, then the posts verbs give. */
const readPeople = (context: PageContext): Readings => {
  const holdings: Holding[] = [];
  const names: Named[] = [];
  for (const sentence of context.sentences) {
    const chains = readAppositions(context, sentence);
    const bracketed = readBracketed(context, sentence);
    const elections = readElections(context, sentence, [...chains.names, ...bracketed.names]);
    holdings.push(...chains.holdings, ...bracketed.holdings, ...elections.holdings);
    names.push(...chains.names, ...bracketed.names, ...elections.names);
  }
  const rosters = readRosters(context);
  holdings.push(...rosters.holdings);
  names.push(...rosters.names);
  return { holdings, names: [...names, ...repeatedNames(context, names)] };
};

/**
 * A person named once with a title is named again bare later (张三强调：…); those mentions are
 * the same person, found wherever the name recurs.
 */
const repeatedNames = (context: PageContext, names: Named[]): Named[] => {
  const seen = new Set(names.map((named) => `${named.span.start}`));
  const repeated: Named[] = [];
  for (const name of new Set(names.map((named) => named.name))) {
    for (let at = context.text.indexOf(name); at >= 0; at = context.text.indexOf(name, at + name.length)) {
      if (!seen.has(`${at}`)) repeated.push({ name, span: { start: at, end: at + name.length } });
    }
  }
  return repeated.sort((a, b) => a.span.start - b.span.start);
};

/** What the page printed for a normalised string: found in the normalised text, cut from the original. */
const asPrinted = (context: PageContext, text: string): string => {
  if (!context.traditional) return text;
  const at = context.text.indexOf(text);
  if (at >= 0) return printed(context, { start: at, end: at + text.length });
  // The publisher may be named only in the page's credits or boilerplate.
  return context.publishers.find((publisher) => publisher.name === text)?.printed ?? text;
};

const evidenceOf = (context: PageContext, span: Span, sentenceIndex: number): Evidence => {
  const sentence = context.sentences[sentenceIndex];
  return { sentence: printed(context, sentence).trim(), start: span.start, end: span.end };
};

/**
 * Precision before recall: a title the grammar could not place (a bare 会长 on a page with no
 * association of its own) is not given to a guessed organisation. The person stays, without it,
 * and the article is flagged with the sentence so an editor can place it.
 */
const unplaced = (context: PageContext, readings: Readings, directory: Directory): string[] =>
  readings.holdings
    .filter((holding) => (holding.holder.kind === 'page-own' || holding.holder.kind === 'nearest') && resolveHolder(directory, holding.holder) === null)
    .map((holding) => `「${asPrinted(context, holding.person)}」的职务「${asPrinted(context, holding.title)}」未能确定所属组织：${evidenceOf(context, holding.personSpan, holding.sentence).sentence.slice(0, 80)}`);

const toPersons = (context: PageContext, readings: Readings, directory: Directory): ExtractedPerson[] => {
  const persons = new Map<string, ExtractedPerson>();
  const person = (name: string): ExtractedPerson => {
    const known = persons.get(name) ?? { name: asPrinted(context, name), positions: [] };
    persons.set(name, known);
    return known;
  };
  for (const named of readings.names) person(named.name);
  for (const holding of readings.holdings) {
    const organisation = resolveHolder(directory, holding.holder);
    const found = person(holding.person);
    if (organisation === null && (holding.holder.kind === 'page-own' || holding.holder.kind === 'nearest')) continue;
    const title = asPrinted(context, holding.title);
    const printedOrganisation = organisation === null ? null : asPrinted(context, organisation);
    if (found.positions.some((position) => position.title === title && position.organisation === printedOrganisation)) continue;
    found.positions.push({ title, organisation: printedOrganisation, evidence: evidenceOf(context, holding.personSpan, holding.sentence) });
  }
  return [...persons.values()].map((person) => ({ ...person, positions: withoutRestatements(person.positions) }));
};

/**
 * 驻会副会长 and, later, 副会长 of the same organisation are one post printed twice; the fuller
 * title stays. A title printed again without its organisation (王某主席) is that post too. 副 is no such restatement: 会长 and 副会长 are two posts.
 */
const withoutRestatements = (positions: ExtractedPosition[]): ExtractedPosition[] =>
  positions.filter(
    (position) =>
      // 王某主席 after 某工商联主席王某: the title without its organisation is the same post again.
      !(position.organisation === null && positions.some((other) => other.title === position.title && other.organisation !== null)) &&
      !positions.some((other) => {
        if (other === position || other.organisation !== position.organisation || !other.title.endsWith(position.title)) return false;
        const prefix = other.title.slice(0, other.title.length - position.title.length);
        return prefix !== '' && !prefix.endsWith('副') && isTitle(`${prefix}${position.title}`);
      })
  );

const toOrganisations = (context: PageContext, directory: Directory, holders: string[]): ExtractedOrganisation[] => {
  const result = new Map<string, ExtractedOrganisation>();
  const records = [...directory.records.values()].sort((a, b) => a.firstSeen - b.firstSeen);
  for (const record of records) {
    if (!directory.keep(record.name)) continue;
    result.set(record.name, { name: asPrinted(context, record.name), kind: record.kind, aliases: [...record.aliases].map((alias) => asPrinted(context, alias)), parent: null });
  }
  // 某商会党支部 belongs to 某商会: the parent is listed, and named as the branch's parent.
  for (const [name, organisation] of [...result]) {
    const body = partyBody(name);
    if (body === null) continue;
    const parent = directory.resolve(body, 0) ?? body;
    organisation.parent = asPrinted(context, parent);
    if (!result.has(parent)) result.set(parent, { name: asPrinted(context, parent), kind: kindOf(parent), aliases: [], parent: null });
  }
  for (const name of holders) {
    if (!result.has(name)) result.set(name, { name: asPrinted(context, name), kind: kindOf(name), aliases: [], parent: null });
  }
  return [...result.values()];
};

const toMoney = (context: PageContext, mention: MoneyMention): Money => ({
  text: printed(context, mention),
  value: mention.value,
  currency: mention.currency,
  approximate: mention.approximate,
});

const sentenceAt = (context: PageContext, offset: number): number => {
  const found = context.sentences.find((sentence) => sentence.start <= offset && offset < sentence.end);
  return found?.index ?? 0;
};

const toInitiative = (context: PageContext, mention: InitiativeMention): ExtractedInitiative => ({
  name: asPrinted(context, mention.name),
  kind: mention.kind,
  organisers: mention.organisers.map((name) => asPrinted(context, name)),
  people: mention.people.map((name) => asPrinted(context, name)),
  amounts: mention.amounts.map((amount) => toMoney(context, amount)),
  evidence: evidenceOf(context, mention, mention.sentence),
});

export const extract = (page: ParsedPage): Extraction => {
  const context = buildContext(page);
  const money = findMoney(context.text, { defaultCurrency: pageCurrency(context.text) });
  const readings = readPeople(context);
  const found = findOrganisationMentions(context);
  const printedHolders = readings.holdings.flatMap((holding) => (holding.holder.kind === 'printed' ? [{ name: holding.holder.name, span: holding.holder.span }] : []));
  const directory = buildDirectory(context, found, printedHolders);
  const persons = toPersons(context, readings, directory);
  const holders = [...new Set(readings.holdings.map((holding) => resolveHolder(directory, holding.holder)).filter((name): name is string => name !== null))];
  const quotes: ExtractedQuote[] = findQuotes(context, readings.names).map((quote) => ({
    speaker: quote.speaker === null ? null : asPrinted(context, quote.speaker),
    speakerTitle: quote.speakerTitle,
    text: printed(context, quote),
    evidence: evidenceOf(context, quote, quote.sentence),
  }));
  const initiatives = findInitiatives({ context, directory, organisations: found, names: readings.names, money }).map((mention) => toInitiative(context, mention));
  return {
    persons,
    organisations: toOrganisations(context, directory, holders),
    initiatives,
    amounts: money.map((mention) => ({ ...toMoney(context, mention), evidence: evidenceOf(context, mention, sentenceAt(context, mention.start)) })),
    quotes,
    uncertain: [...new Set([...directory.doubts, ...unplaced(context, readings, directory)])],
    warnings: [],
  };
};
