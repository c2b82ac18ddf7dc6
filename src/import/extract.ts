import { findAmounts } from './extraction/amounts';
import {
  ASSOCIATION_TITLES,
  BOOK_KINDS,
  DONATION_VERBS,
  EVENT_SUFFIXES,
  GOVERNMENT_TITLES,
  SPEECH_VERBS,
  TRAILING_TITLES,
} from './extraction/lexicon';
import { findOrganisations, kindOfName, maskBookTitles, parentOfParty, suffixOf } from './extraction/organisations';
import { findTitles, isFollower, nameAt, splitCompoundTitle, splitSegment, TITLE } from './extraction/persons';
import { hasTraditional, toSimplified } from './extraction/traditional';
import type {
  ExtractedInitiative,
  ExtractedOrganisation,
  ExtractedPerson,
  ExtractedQuote,
  Extraction,
  InitiativeKind,
  Money,
  OrganisationKind,
  ParsedPage,
} from './types';

/**
 * The extract stage: who, which organisations, what initiatives, how much money and who said what.
 * Rules, not a model: they read the appositive chains these pages print (XX协会副会长、YY公司董事长
 * 张三), resolve short forms within the page, and never guess across pages (that is `resolve`).
 */

const SENTENCE_END = /[。！？；!?;]/;

/** Sentences of a block, keeping quoted speech inside its sentence. */
const sentences = (block: string): string[] => {
  const result: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of block) {
    current += char;
    if (char === '“') depth += 1;
    if (char === '”') depth = Math.max(0, depth - 1);
    if (depth === 0 && SENTENCE_END.test(char)) {
      result.push(current);
      current = '';
    }
  }
  if (current.trim() !== '') result.push(current);
  return result;
};

type OrganisationRecord = ExtractedOrganisation & { mentions: number; firstSeen: number };

const GENERIC_SHORT_FORMS = ['总商会', '商会', '协会', '工商联', '工商业联合会', '联合会', '促进会', '研究会', '基金会', '公司', '集团', '医院', '学会'];

class Organisations {
  readonly byName = new Map<string, OrganisationRecord>();
  private order = 0;
  /** The city most full names in the page start with (无锡市), for 市XX商会 short forms. */
  city: string | null = null;

  add(name: string, kind: OrganisationKind = kindOfName(name)): OrganisationRecord {
    const existing = this.byName.get(name);
    if (existing !== undefined) {
      existing.mentions += 1;
      return existing;
    }
    const record: OrganisationRecord = { name, kind, aliases: [], parent: null, mentions: 1, firstSeen: this.order++ };
    this.byName.set(name, record);
    const parent = parentOfParty(name);
    if (parent !== null) {
      record.parent = this.canonical(parent);
      this.add(record.parent);
    }
    return record;
  }

  /** The full name a printed name stands for in this page. */
  canonical(name: string): string {
    if (this.byName.has(name)) return this.byName.get(name)?.name ?? name;
    for (const record of this.byName.values()) if (record.aliases.includes(name)) return record.name;
    const withCity = this.expandCity(name);
    if (withCity !== name) return withCity;
    return name;
  }

  /** 市溧阳商会 → 无锡市溧阳商会 when the page is about one city. */
  expandCity(name: string): string {
    if (this.city === null || !/^[市县区]/.test(name) || name.length < 2) return name;
    const cityType = this.city.slice(-1);
    if (name[0] !== cityType) return name;
    return `${this.city}${name.slice(1)}`;
  }

  /** The organisation a generic short form (协会, 商会) means here, or null when it is ambiguous. */
  resolveShortForm(shortForm: string, before: number | null): { name: string | null; candidates: string[] } {
    const bareSuffix = shortForm.replace(/^[省市县区]/, '');
    const candidates = [...this.byName.values()].filter((record) => record.name !== shortForm && record.name.endsWith(bareSuffix) && suffixOf(record.name) === suffixOf(shortForm));
    if (candidates.length === 0) return { name: null, candidates: [] };
    if (candidates.length === 1) return { name: candidates[0].name, candidates: candidates.map((c) => c.name) };
    const ranked = [...candidates].sort((a, b) => b.mentions - a.mentions || (before === null ? 0 : b.firstSeen - a.firstSeen));
    if (ranked[0].mentions > ranked[1].mentions) return { name: ranked[0].name, candidates: candidates.map((c) => c.name) };
    return { name: null, candidates: candidates.map((c) => c.name) };
  }

  /** The page's own association or chamber: the most mentioned one, when it stands out. */
  dominant(): string | null {
    const kinds: OrganisationKind[] = ['association', 'chamber_of_commerce', 'federation_of_industry_and_commerce'];
    const ranked = [...this.byName.values()].filter((record) => kinds.includes(record.kind)).sort((a, b) => b.mentions - a.mentions || a.firstSeen - b.firstSeen);
    if (ranked.length === 0) return null;
    if (ranked.length === 1 || ranked[0].mentions > ranked[1].mentions) return ranked[0].name;
    return null;
  }
}

class Persons {
  readonly byName = new Map<string, ExtractedPerson>();

  add(name: string): ExtractedPerson {
    const existing = this.byName.get(name);
    if (existing !== undefined) return existing;
    const person: ExtractedPerson = { name, positions: [] };
    this.byName.set(name, person);
    return person;
  }

  addPosition(name: string, title: string, organisation: string | null): void {
    const person = this.add(name);
    const duplicate = person.positions.some((p) => p.title === title && (p.organisation === organisation || organisation === null));
    // 副会长 of the same organisation adds nothing to 驻会副会长 already known.
    const weaker = person.positions.some((p) => p.title.endsWith(title) && (p.organisation === organisation || organisation === null));
    if (duplicate || weaker) return;
    if (organisation !== null) {
      const unplaced = person.positions.findIndex((p) => p.title === title && p.organisation === null);
      if (unplaced >= 0) person.positions.splice(unplaced, 1);
    }
    person.positions.push({ title, organisation });
  }
}

const CHAIN_SEPARATOR = /[、，,]/;

const ELECTED = new RegExp(`((?:\\p{Script=Han}{2,4}、)*\\p{Script=Han}{2,4})(?:当选为|当选|出任|担任)(${TITLE.source})(?![\\p{Script=Han}])`, 'gu');
const TITLE_COLON_LIST = new RegExp(`(${TITLE.source})[：:]\\s*((?:\\p{Script=Han}{2,4}(?:[、，,]\\s*|\\s+|$))+)`, 'gu');

const BOOK_TITLE = /《([^》]{2,60})》(倡议书|倡议|通知|意见)?/g;
const QUOTED_NAME = /[“"]([^“”"]{5,40})[”"]/g;
/** “助企纾困”专项培训班: a quoted name that an event word completes. */
const QUOTED_EVENT = new RegExp(`[“"]([^“”"]{2,30})[”"](\\p{Script=Han}{0,4}?(?:${EVENT_SUFFIXES.map(([word]) => word).sort((a, b) => b.length - a.length).join('|')}))`, 'gu');
const EVENT_PATTERN = new RegExp(`(${EVENT_SUFFIXES.map(([suffix]) => suffix).sort((a, b) => b.length - a.length).join('|')})`, 'g');

const extractFrom = (page: ParsedPage): Extraction => {
  const uncertain: string[] = [];
  const warnings: string[] = [];
  const bodyTexts = page.blocks.map((block) => block.text).filter((text) => text !== '');
  // The title is read for names and events; amounts and quotes come from the body, which repeats them.
  const texts = page.title === null || page.title === '' ? bodyTexts : [page.title, ...bodyTexts];
  const organisations = new Organisations();
  const persons = new Persons();

  // 1. Organisations, and the page's city.
  const mentionsByText = texts.map((text) => findOrganisations(text));
  const cityCounts = new Map<string, number>();
  for (const mentions of mentionsByText) {
    for (const mention of mentions) {
      const city = mention.name.match(/^(\p{Script=Han}{2,3}[市县区])/u)?.[1];
      if (city !== undefined) cityCounts.set(city, (cityCounts.get(city) ?? 0) + 1);
    }
  }
  const topCity = [...cityCounts.entries()].sort((a, b) => b[1] - a[1])[0];
  organisations.city = topCity === undefined ? null : topCity[0];
  const allMentions = mentionsByText.flat().filter((mention) => !GENERIC_SHORT_FORMS.includes(mention.name));
  // A name that is the tail of exactly one longer name in the page is its short form (女企业家协会).
  const distinctNames = [...new Set(allMentions.map((mention) => organisations.expandCity(mention.name)))];
  const tailOf = new Map<string, string>();
  for (const name of distinctNames) {
    const longer = distinctNames.filter((other) => other !== name && other.endsWith(name) && kindOfName(other) === kindOfName(name));
    if (longer.length === 1) tailOf.set(name, longer[0]);
  }
  const fullMentions = allMentions.filter((mention) => !tailOf.has(organisations.expandCity(mention.name)));
  for (const mention of fullMentions) {
    if (/^[市县区]/.test(mention.name) && organisations.expandCity(mention.name) !== mention.name) continue;
    organisations.add(mention.name, mention.kind);
  }
  for (const mention of fullMentions) {
    const expanded = organisations.expandCity(mention.name);
    if (expanded === mention.name) continue;
    const record = organisations.add(expanded);
    if (!record.aliases.includes(mention.name)) record.aliases.push(mention.name);
  }
  for (const mention of allMentions) {
    const full = tailOf.get(organisations.expandCity(mention.name));
    const record = full === undefined ? undefined : organisations.byName.get(full);
    if (record === undefined) continue;
    record.mentions += 1;
    if (!record.aliases.includes(mention.name)) record.aliases.push(mention.name);
  }

  const resolveOrganisationText = (raw: string, sentence: string): string | null => {
    const text = raw.replace(/^[：:，,、\s]+/, '');
    if (text === '') return null;
    const found = findOrganisations(text).filter((mention) => mention.end === text.length);
    const candidate = found.length > 0 ? found[found.length - 1].name : null;
    if (candidate !== null && !GENERIC_SHORT_FORMS.includes(candidate)) return organisations.canonical(candidate);
    const tail = text.match(/((?:\p{Script=Han}){0,2}(?:总商会|商会|协会|工商联|工商业联合会|联合会|公司|集团))$/u)?.[1];
    if (tail !== undefined) {
      const resolved = organisations.resolveShortForm(tail, null);
      if (resolved.name !== null) {
        const record = organisations.byName.get(resolved.name);
        if (record !== undefined && !record.aliases.includes(tail)) record.aliases.push(tail);
        return resolved.name;
      }
      if (resolved.candidates.length > 1) uncertain.push(`「${tail}」可能指 ${resolved.candidates.join(' / ')}，未能确定：${sentence.slice(0, 40)}`);
      return null;
    }
    const place = text.match(/((?:\p{Script=Han}){1,6}?(?:省|市|县|区|镇|乡|村|州|自治区|街道|社区))$/u)?.[1];
    if (place !== undefined) {
      const government = `${place}人民政府`;
      return organisations.byName.has(government) ? government : place;
    }
    return null;
  };

  /** The organisation acting in a sentence before `before`: the nearest full name or short form. */
  const actorBefore = (sentence: string, before: number, maxDistance = 40): string | null => {
    const window = maskBookTitles(sentence.slice(0, before)).slice(Math.max(0, before - maxDistance));
    const full = findOrganisations(window)
      .map((mention) => ({ name: organisations.canonical(mention.name), end: mention.end }))
      .filter((mention) => organisations.byName.has(mention.name));
    const lastFull = full[full.length - 1];
    const shortForms = [...window.matchAll(/(总商会|商会|协会|工商联)/g)];
    const lastShort = shortForms[shortForms.length - 1];
    const shortEnd = lastShort === undefined ? -1 : (lastShort.index ?? 0) + lastShort[0].length;
    if (lastShort !== undefined && (lastFull === undefined || shortEnd > lastFull.end)) {
      const resolved = organisations.resolveShortForm(lastShort[1], null).name;
      if (resolved !== null) return resolved;
    }
    return lastFull?.name ?? null;
  };
  // 2. Persons from appositive chains: [org][title]、[org][title]name.
  const personOrder: string[] = [];
  texts.forEach((text) => {
    for (const sentence of sentences(text)) {
      for (const title of findTitles(sentence)) {
        const name = nameAt(sentence, title.end);
        if (name === null) continue;
        // Walk the chain leftwards.
        const segments: Array<{ organisationText: string; title: string }> = [];
        let cursor = title.start;
        let segmentStart = cursor;
        while (segmentStart > 0 && !CHAIN_SEPARATOR.test(sentence[segmentStart - 1]) && !/[：:。；！？“”]/.test(sentence[segmentStart - 1])) segmentStart -= 1;
        segments.unshift({ organisationText: sentence.slice(segmentStart, cursor), title: title.title });
        cursor = segmentStart;
        while (cursor > 0 && CHAIN_SEPARATOR.test(sentence[cursor - 1])) {
          let previousStart = cursor - 1;
          while (previousStart > 0 && !CHAIN_SEPARATOR.test(sentence[previousStart - 1]) && !/[：:。；！？“”]/.test(sentence[previousStart - 1])) previousStart -= 1;
          const segment = splitSegment(sentence.slice(previousStart, cursor - 1));
          if (segment === null) break;
          // Across a comma the chain goes on only through organisations (邵宇当选为会长，… is a new clause).
          if (sentence[cursor - 1] !== '、' && segment.organisationText.trim() !== '' && resolveOrganisationText(segment.organisationText, sentence) === null) break;
          segments.unshift(segment);
          cursor = previousStart;
        }
        // 某公司总经理张三、副总经理李四: a title right after a listed person is at that person's organisation.
        const listedBefore = cursor > 0 && /[、，,]/.test(sentence[cursor - 1]) ? [...persons.byName.keys()].find((known) => sentence.slice(0, cursor - 1).endsWith(known)) : undefined;
        const listedOrganisation = listedBefore === undefined ? null : (persons.byName.get(listedBefore)?.positions.filter((p) => p.organisation !== null).pop()?.organisation ?? null);
        let inherited: string | null = segments[0].organisationText.trim() === '' ? listedOrganisation : null;
        const positions: Array<{ title: string; organisation: string | null }> = [];
        for (const segment of segments) {
          const own = resolveOrganisationText(segment.organisationText, sentence);
          // 党组书记、主席: the chair belongs to the federation, not to its party group.
          const inheritedForTitle: string | null =
            own === null && inherited !== null && !/书记$/.test(segment.title) ? (organisations.byName.get(inherited)?.parent ?? inherited) : inherited;
          const organisation: string | null = own ?? inheritedForTitle;
          inherited = organisation;
          for (const part of splitCompoundTitle(segment.title)) positions.push({ title: part, organisation });
        }
        for (const position of positions) {
          let organisation = position.organisation;
          if (organisation === null && ASSOCIATION_TITLES.test(position.title)) {
            const shortForm = sentence.match(/(?:代表|受)(\p{Script=Han}{0,2}(?:协会|商会|总商会|工商联))/u)?.[1];
            organisation = shortForm === undefined ? organisations.dominant() : (organisations.resolveShortForm(shortForm, null).name ?? organisations.dominant());
          }
          if (organisation === null && GOVERNMENT_TITLES.test(position.title)) organisation = null;
          persons.addPosition(name, position.title, organisation);
        }
        const trailing = TRAILING_TITLES.find((word) => sentence.startsWith(word, title.end + name.length));
        if (trailing !== undefined) persons.addPosition(name, trailing, null);
        if (!personOrder.includes(name)) personOrder.push(name);
      }
    }
  });

  // 3. Name lists: 张三、李四等会员.
  texts.forEach((text) => {
    for (const sentence of sentences(text)) {
      for (const match of sentence.matchAll(/((?:\p{Script=Han}{2,3}、)+\p{Script=Han}{2,3})等(会员|企业家|党员|同志|人)?/gu)) {
        const names = match[1].split('、');
        if (!names.every((candidate) => nameAt(`${candidate}等`, 0) === candidate)) continue;
        const before = sentence.slice(0, match.index ?? 0);
        const organisationsBefore = findOrganisations(before);
        let organisation = organisationsBefore.length > 0 ? organisations.canonical(organisationsBefore[organisationsBefore.length - 1].name) : null;
        if (organisation !== null) organisation = organisations.byName.get(organisation)?.parent ?? organisation;
        for (const name of names) {
          if (match[2] === '会员') persons.addPosition(name, '会员', organisation);
          else persons.add(name);
          if (!personOrder.includes(name)) personOrder.push(name);
        }
      }
    }
  });

  // 张三（某某公司董事长）: a name with its titles in brackets.
  for (const text of texts) {
    for (const sentence of sentences(text)) {
      for (const match of sentence.matchAll(/[（(]([^（）()]{2,60})[）)]/gu)) {
        const at = match.index ?? 0;
        // The name is the two to four characters before the bracket; a leading 和/与/请 is not part of it.
        const name = [3, 2, 4]
          .map((length) => sentence.slice(Math.max(0, at - length), at))
          .find((candidate) => nameAt(`${candidate}（`, 0) === candidate && !/^[和与及同跟向为对请了有]/.test(candidate));
        if (name === undefined) continue;
        const segments = match[1].split(/[、，,]/).map(splitSegment);
        if (segments.length === 0 || segments.some((segment) => segment === null)) continue;
        let inherited: string | null = null;
        for (const segment of segments) {
          if (segment === null) continue;
          const organisation: string | null = resolveOrganisationText(segment.organisationText, sentence) ?? inherited;
          inherited = organisation;
          for (const part of splitCompoundTitle(segment.title)) persons.addPosition(name, part, organisation);
        }
        if (!personOrder.includes(name)) personOrder.push(name);
      }
    }
  }

  // 邵宇当选为会长, 丁佳、邹凯当选为副会长: elected to a post of the page's own organisation.
  for (const text of texts) {
    for (const sentence of sentences(text)) {
      for (const match of sentence.matchAll(ELECTED)) {
        const at = match.index ?? 0;
        // Everyone named in the clause before 当选 is elected: 甲公司总经理丁佳、乙公司创始人邹凯当选为副会长.
        const clause = sentence.slice(0, at + match[1].length).split(/[，。；,;]/).pop() ?? '';
        const named = [...persons.byName.keys()].filter((name) => clause.includes(name));
        const direct = nameAt(`${match[1].slice(-3)}、`, 0) === match[1].slice(-3) ? match[1].slice(-3) : nameAt(`${match[1].slice(-2)}、`, 0);
        const names = [...new Set([...named, ...(direct !== null && !named.some((name) => name.endsWith(direct) || direct.endsWith(name)) ? [direct] : [])])];
        if (names.length === 0) continue;
        const organisation = organisations.dominant();
        for (const name of names) {
          for (const part of splitCompoundTitle(match[2])) persons.addPosition(name, part, organisation);
          if (!personOrder.includes(name)) personOrder.push(name);
        }
      }
    }
  }

  // Election results printed as lists: 常务副会长：王立新、郑美玲.
  for (const text of texts) {
    for (const sentence of sentences(text)) {
      for (const match of sentence.matchAll(TITLE_COLON_LIST)) {
        const names = match[2].split(/[、，,\s]+/).filter((name) => name !== '');
        if (names.length === 0 || !names.every((name) => nameAt(`${name}、`, 0) === name)) continue;
        const organisation = actorBefore(sentence, match.index ?? 0, 60) ?? organisations.dominant();
        for (const name of names) {
          for (const part of splitCompoundTitle(match[1])) persons.addPosition(name, part, organisation);
          if (!personOrder.includes(name)) personOrder.push(name);
        }
      }
    }
  }

  // 4. Known names followed by a title: 王某某副会长在总结讲话中指出.
  const knownNames = [...persons.byName.keys()];
  for (const text of texts) {
    for (const sentence of sentences(text)) {
      for (const name of knownNames) {
        let from = sentence.indexOf(name);
        while (from >= 0) {
          const after = sentence.slice(from + name.length);
          const title = findTitles(after).find((candidate) => candidate.start === 0);
          if (title !== undefined && isFollower(after.slice(title.end))) {
            const existing = persons.byName.get(name)?.positions ?? [];
            const organisation = existing.find((p) => p.title.endsWith(title.title))?.organisation ?? (ASSOCIATION_TITLES.test(title.title) ? organisations.dominant() : null);
            for (const part of splitCompoundTitle(title.title)) persons.addPosition(name, part, organisation);
          }
          from = sentence.indexOf(name, from + name.length);
        }
      }
    }
  }

  // 5. Amounts.
  const amounts: Money[] = [];
  for (const text of bodyTexts) for (const found of findAmounts(text)) amounts.push({ text: found.text, value: found.value, currency: found.currency, approximate: found.approximate });

  // 6. Quotes.
  const quotes: ExtractedQuote[] = [];
  const speechVerbs = [...SPEECH_VERBS].sort((a, b) => b.length - a.length);
  let lastPerson: string | null = null;
  for (const text of bodyTexts) {
    let position = 0;
    while (position < text.length) {
      const open = text.slice(position).search(/[“"]/);
      if (open < 0) break;
      const start = position + open;
      const close = closingQuote(text, start);
      if (close < 0) break;
      const inner = text.slice(start + 1, close);
      const before = text.slice(0, start);
      const lead = before.replace(/[：:，,\s]+$/, '');
      const verb = speechVerbs.find((candidate) => lead.endsWith(candidate));
      const introducedBySpeech = verb !== undefined && /[：:]\s*$/.test(before.slice(-2)) ;
      const sentenceStart = Math.max(before.lastIndexOf('。'), before.lastIndexOf('！'), before.lastIndexOf('？'), before.lastIndexOf('”')) + 1;
      const sentenceBefore = before.slice(sentenceStart);
      const named = personOrder.filter((name) => sentenceBefore.includes(name)).sort((a, b) => sentenceBefore.lastIndexOf(b) - sentenceBefore.lastIndexOf(a))[0];
      if (named !== undefined) lastPerson = named;
      if (introducedBySpeech && inner.length >= 8) {
        let speaker: string | null = named ?? null;
        if (speaker === null && /[他她]/.test(sentenceBefore)) {
          const earlier = personOrder.filter((name) => before.includes(name)).sort((a, b) => before.lastIndexOf(b) - before.lastIndexOf(a))[0];
          speaker = earlier ?? lastPerson;
        }
        let speakerTitle: string | null = null;
        if (speaker !== null) {
          const chainEnd = sentenceBefore.lastIndexOf(speaker);
          const chain = sentenceBefore.slice(0, chainEnd).split(/[：:]/).pop() ?? '';
          const titled = chain.replace(/^.*?(?=\p{Script=Han})/u, '');
          speakerTitle = findTitles(titled).length > 0 && titled.length <= 80 ? titled.replace(/^(?:此次|会上|交流会上|会议)/, '') || null : null;
        }
        quotes.push({ speaker, speakerTitle, text: inner });
      }
      for (const name of personOrder) if (inner.includes(name)) lastPerson = name;
      position = close + 1;
    }
    const mentioned = personOrder.filter((name) => text.includes(name)).sort((a, b) => text.lastIndexOf(b) - text.lastIndexOf(a))[0];
    if (mentioned !== undefined) lastPerson = mentioned;
  }

  // 7. Initiatives.
  const initiatives: ExtractedInitiative[] = [];
  const addInitiative = (initiative: ExtractedInitiative) => {
    const existing = initiatives.find((candidate) => candidate.name === initiative.name);
    if (existing === undefined) {
      initiatives.push(initiative);
      return;
    }
    // The title and the body often report the same donation; one initiative gathers both.
    for (const organiser of initiative.organisers) if (!existing.organisers.includes(organiser)) existing.organisers.push(organiser);
    for (const person of initiative.people) if (!existing.people.includes(person)) existing.people.push(person);
    for (const amount of initiative.amounts) if (!existing.amounts.some((known) => known.text === amount.text)) existing.amounts.push(amount);
  };
  const organisersIn = (sentence: string, before: number): string[] => {
    const window = maskBookTitles(sentence.slice(0, before)).slice(-60);
    if (/(?:主办|承办|协办|联合|共同|携手)/.test(window)) {
      const all = findOrganisations(window).map((mention) => organisations.canonical(mention.name)).filter((name) => organisations.byName.has(name));
      if (all.length > 1) return [...new Set(all)];
    }
    const actor = actorBefore(sentence, before);
    return actor === null ? [] : [actor];
  };
  texts.forEach((text, unitIndex) => {
    for (const sentence of sentences(text)) {
      for (const match of sentence.matchAll(BOOK_TITLE)) {
        const name = match[1];
        const trailing = match[2];
        let kind: InitiativeKind = 'publication';
        for (const [pattern, candidate] of BOOK_KINDS) if (pattern.test(name) || (trailing !== undefined && pattern.test(trailing))) kind = candidate;
        const organisers = organisersIn(sentence, match.index ?? 0);
        const dominant = organisations.dominant();
        // A chamber's news lists its own periodicals without saying whose they are.
        if (organisers.length === 0 && kind === 'publication' && dominant !== null) organisers.push(dominant);
        addInitiative({ name, kind, organisers, people: [], amounts: [] });
      }
      for (const match of sentence.matchAll(QUOTED_EVENT)) {
        const suffix = EVENT_SUFFIXES.find(([word]) => match[2].endsWith(word));
        if (suffix === undefined) continue;
        addInitiative({ name: match[0], kind: suffix[1], organisers: organisersIn(sentence, match.index ?? 0), people: [], amounts: [] });
      }
      for (const match of sentence.matchAll(QUOTED_NAME)) {
        const name = match[1];
        if (initiatives.some((existing) => existing.name.includes(`“${name}”`))) continue;
        const after = sentence.slice((match.index ?? 0) + match[0].length, (match.index ?? 0) + match[0].length + 6);
        const before = sentence.slice(Math.max(0, (match.index ?? 0) - 4), match.index ?? 0);
        if (/^(?:微信公众号|公众号|网站|平台|APP|客户端)/.test(after)) continue;
        const suffix = EVENT_SUFFIXES.find(([word]) => name.endsWith(word));
        const launched = /(?:倡议|发起|开展|举办|启动|推出|组织|参加|参与)$/.test(before);
        if (suffix === undefined && !launched) continue;
        if (/[，。！？,]/.test(name) && suffix === undefined) continue;
        addInitiative({ name, kind: suffix?.[1] ?? 'campaign', organisers: organisersIn(sentence, match.index ?? 0), people: [], amounts: [] });
      }
      if (unitIndex === 0 || sentence.length < 200) {
        for (const match of sentence.matchAll(EVENT_PATTERN)) {
          const suffix = match[1];
          if (!['大会', '论坛', '峰会', '博览会', '交流会', '座谈会', '年会', '推介会', '洽谈会', '发布会', '研讨会', '培训班', '表彰会', '对接会'].includes(suffix)) continue;
          const end = (match.index ?? 0) + suffix.length;
          // 会员大会暨换届选举大会 is one event; the name goes on after 暨.
          if (sentence[end] === '暨') continue;
          const stem = sentence.slice(0, match.index ?? 0);
          const start = stem.search(/[\p{Script=Han}A-Za-z0-9]*$/u);
          let name = sentence.slice(start, end);
          name = name.replace(/^.*(?:召开的|举办的|举行的|召开|举办|举行|即将|参加|出席|筹备|在|的|了|由)/, '');
          if ([...name].length < 8 || /^(?:此次|本次|这次|该|会上|上述)/.test(name) || /[“”《》]/.test(name)) continue;
          const organisers = findOrganisations(name).filter((mention) => name.startsWith(mention.name)).map((mention) => organisations.canonical(mention.name));
          if (organisers.length === 0) {
            const actor = actorBefore(sentence, start, 40);
            if (actor !== null) organisers.push(actor);
          }
          // The same event is often named shorter in the title and fuller in the body: keep the fullest.
          const shorter = initiatives.findIndex((existing) => existing.kind === 'event' && name.includes(existing.name));
          if (shorter >= 0) {
            initiatives[shorter] = { ...initiatives[shorter], name, organisers: [...new Set([...organisers, ...initiatives[shorter].organisers])] };
            continue;
          }
          if (initiatives.some((existing) => existing.name.includes(name))) continue;
          addInitiative({ name, kind: 'event', organisers, people: [], amounts: [] });
        }
      }
      // Donations, one per donor.
      if (!DONATION_VERBS.test(sentence)) continue;
      const clauses = sentence.split(/[；;，,。](?![^“]*”)/);
      clauses.forEach((clause, clauseIndex) => {
        const verb = clause.match(DONATION_VERBS);
        if (verb === null) return;
        // 捐赠口罩3万只，价值约15万元: the value often follows in the next clause.
        // 共计/合计 sums several donors up, so only 价值/折合 belong to this one.
        const valueClause = /^(?:价值|折合|总价值)/.test(clauses[clauseIndex + 1] ?? '') ? clauses[clauseIndex + 1] : '';
        const clauseAmounts = findAmounts(`${clause}，${valueClause}`).map(({ text: printed, value, currency, approximate }) => ({ text: printed, value, currency, approximate }));
        if (clauseAmounts.length === 0 && !/(?:口罩|物资|设备|防护服|手套|善款|药品)/.test(clause)) return;
        // The donor comes before 向/为/给 (to whom); what follows names the recipient.
        const donorText = clause.slice(0, verb.index ?? 0).split(/向|为|给|对/)[0];
        if (/(?:全市|全省|全县|全区|全国|所属|各级|广大|共)/.test(donorText)) return;
        const donorPeople = personOrder.filter((name) => donorText.includes(name));
        // 王某某个人向…: a person gives in their own name when the clause says so or ends with them.
        const personal = donorPeople.length > 0 && (/个人/.test(donorText) || donorPeople.some((name) => donorText.trimEnd().endsWith(name)) || /等(?:会员|人)?$/.test(donorText.trimEnd()));
        let organisers: string[] = [];
        if (!personal) {
          const earlier = clauses.slice(0, clauseIndex).join('，');
          // 发动会员捐款: the organisation that mobilised its members is the donor.
          const mobilised = donorText.trim() === '' || /^(?:发动|动员|组织)/.test(donorText);
          const actor = actorBefore(donorText, donorText.length, 60) ?? (mobilised ? (actorBefore(earlier, earlier.length, 200) ?? organisations.dominant()) : null);
          if (actor === null && donorPeople.length === 0) return;
          if (actor !== null) organisers = [actor];
        }
        const donor = organisers[0] ?? donorPeople.join('、');
        addInitiative({ name: `${donor}捐赠`, kind: 'donation', organisers, people: donorPeople, amounts: clauseAmounts });
      });
    }
  });

  // Parents of party organisations, and aliases recorded as short forms resolved.
  const extractedOrganisations: ExtractedOrganisation[] = [...organisations.byName.values()]
    .sort((a, b) => a.firstSeen - b.firstSeen)
    .map(({ name, kind, aliases, parent }) => ({ name, kind, aliases, parent }));

  const extractedPersons = personOrder.map((name) => persons.byName.get(name)).filter((person): person is ExtractedPerson => person !== undefined);
  for (const person of extractedPersons) {
    for (const position of person.positions) {
      if (position.organisation !== null && !organisations.byName.has(position.organisation)) {
        organisations.add(position.organisation);
        extractedOrganisations.push({ name: position.organisation, kind: kindOfName(position.organisation) === 'other' && /[省市县区镇乡村州]$/.test(position.organisation) ? 'government_body' : kindOfName(position.organisation), aliases: [], parent: null });
      }
    }
  }

  return {
    persons: extractedPersons,
    organisations: extractedOrganisations,
    initiatives,
    amounts,
    quotes,
    uncertain: [...new Set(uncertain)],
    warnings,
  };
};

/** The index of the quote mark closing the one at `start`, honouring nested “…”. */
const closingQuote = (text: string, start: number): number => {
  if (text[start] === '"') {
    const close = text.indexOf('"', start + 1);
    return close;
  }
  let depth = 0;
  for (let index = start; index < text.length; index += 1) {
    if (text[index] === '“') depth += 1;
    if (text[index] === '”') {
      depth -= 1;
      if (depth === 0) return index;
    }
  }
  return -1;
};

/**
 * Pages in traditional characters are read through a one-to-one simplified mapping, and what is
 * found is given back as printed wherever it appears in the page.
 */
export const extract = (page: ParsedPage): Extraction => {
  const texts = [page.title ?? '', ...page.blocks.map((block) => block.text)];
  if (!texts.some(hasTraditional)) return extractFrom(page);
  const original = texts.join('\n');
  const mapped = toSimplified(original);
  const asPrinted = (text: string): string => {
    const at = mapped.indexOf(text);
    return at < 0 ? text : original.slice(at, at + text.length);
  };
  const orNull = (text: string | null): string | null => (text === null ? null : asPrinted(text));
  const found = extractFrom({
    ...page,
    title: page.title === null ? null : toSimplified(page.title),
    blocks: page.blocks.map((block) => ({ ...block, text: toSimplified(block.text) })),
  });
  return {
    ...found,
    persons: found.persons.map((person) => ({
      name: asPrinted(person.name),
      positions: person.positions.map((position) => ({ title: asPrinted(position.title), organisation: orNull(position.organisation) })),
    })),
    organisations: found.organisations.map((organisation) => ({
      name: asPrinted(organisation.name),
      kind: organisation.kind,
      aliases: organisation.aliases.map(asPrinted),
      parent: orNull(organisation.parent),
    })),
    initiatives: found.initiatives.map((initiative) => ({
      ...initiative,
      name: asPrinted(initiative.name),
      organisers: initiative.organisers.map(asPrinted),
      people: initiative.people.map(asPrinted),
      amounts: initiative.amounts.map((amount) => ({ ...amount, text: asPrinted(amount.text) })),
    })),
    amounts: found.amounts.map((amount) => ({ ...amount, text: asPrinted(amount.text) })),
    quotes: found.quotes.map((quote) => ({ speaker: orNull(quote.speaker), speakerTitle: orNull(quote.speakerTitle), text: asPrinted(quote.text) })),
  };
};
