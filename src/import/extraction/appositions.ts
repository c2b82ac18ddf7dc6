import { insideBook, type PageContext, type Sentence, type Span } from './context';
import { DELIMITERS, FOLLOWERS } from './lexicon/verbs';
import { PLACE_HEAD_TITLES } from './lexicon/titles';
import { nameEndingAt, readName } from './names';
import { nameFloor } from './organisation-mentions';
import { isOrganisationName, skipOpeners, suffixOf } from './organisation-names';
import { tokensIn } from './page-context';
import { placeAt } from './places';
import { congressBody, domainOf, titleAt, titleSplits, type ReadTitle } from './titles';

/**
 * The grammar of who holds what: the appositive chain ORG TITLE(、ORG TITLE)* NAME(、NAME)*, the
 * reversed NAME TITLE (会长张三 / 张三会长), lists after a colon (编辑：张三) and titles after a
 * name list (张三、李四理事). It reads one sentence at a time and says, for each title it assigns,
 * what the sentence printed as the holder; `references` resolves short forms and 我会 afterwards.
 */

/** Who a title is held at, as far as the sentence says. */
export type Holder =
  /** An organisation (or a place standing for its government) printed in the sentence. */
  | { kind: 'printed'; name: string; span: Span }
  /** A bare association title (会长, 秘书长): the page's own association or chamber. */
  | { kind: 'page-own' }
  /** The organisation named last before `before` in the sentence (a party branch stands for its body). */
  | { kind: 'nearest'; before: number; floor: number }
  /** A bare head-of-government title: 县长 → 县政府. */
  | { kind: 'government'; level: string }
  | { kind: 'none' };

export type Holding = {
  person: string;
  personSpan: Span;
  title: string;
  holder: Holder;
  sentence: number;
};

/** A chain item: an optional organisation and the titles it prints. */
type Item = { start: number; end: number; head: Holder; titles: string[]; domain: ReadTitle['domain'] };

const FOLLOWER_WORDS = [...FOLLOWERS].sort((a, b) => b.length - a.length);
const NONE: Holder = { kind: 'none' };

const isDelimiter = (text: string, index: number): boolean => index >= text.length || DELIMITERS.test(text[index]);
const followerAt = (text: string, index: number): boolean => FOLLOWER_WORDS.some((word) => text.startsWith(word, index));
/** A title or name is complete here: punctuation, the sentence's end or a following verb. */
const endsHere = (text: string, index: number): boolean => isDelimiter(text, index) || /^[0-9０-９]/.test(text[index] ?? '') || followerAt(text, index);

/** 兼 joins two items of one person, but 兼职 is a modifier (兼职副主席). */
const isJoiner = (text: string, index: number): boolean => text[index] === '、' || (text[index] === '兼' && text[index + 1] !== '职');

const placeSpan = (text: string, start: number, end: number): boolean => placeAt(text, start)?.end === end;

/** 该会, 本会, 我会, 该堂: a reference to an organisation the page names elsewhere (resolved by `references`). */
export const REFERENCE = /^(?:该|本|我)(?:会|堂|院|校|局|公司|集团|协会|商会|总商会|联合会|促进会|工商联)$/;

/** 某某村党支部书记、主任: a village stands for its committee where a title follows it. */
const VILLAGE = /^\p{Script=Han}{2,6}村$/u;

const isHolderName = (text: string, start: number, end: number): boolean => {
  const name = text.slice(start, end);
  return REFERENCE.test(name) || isOrganisationName(name) || placeSpan(text, start, end) || VILLAGE.test(name);
};

/** Organs printed without their body: they belong to the organisation the chain named before. */
const BARE_ORGAN = /^(?:村委会|居委会|村民委员会|居民委员会|党支部|党总支|党委|支部|理事会|监事会|执委会|常委会)$/;

/** 主持人：东海财经大学…: what looks like a name after a title is the start of an organisation's name. */
const startsOrganisation = (context: PageContext, start: number): boolean => {
  const { text } = context;
  for (let end = start + 3; end <= Math.min(text.length, start + 20); end += 1) {
    if (isDelimiter(text, end - 1)) return false;
    const suffix = suffixOf(text.slice(start, end));
    if (suffix === null || !isOrganisationName(text.slice(start, end))) continue;
    // Only a name no clause word runs through (周某个人向党组织… is a person and a clause).
    const suffixStart = end - suffix.suffix.length;
    return nameFloor(text, tokensIn(context, start, end), start, suffixStart, suffix.stem >= 2) === start;
  }
  return false;
};

/** 会长由某公司董事长出任: after a title, 由 / 在 / 向 start a clause more often than a name. */
const PREPOSITION_FIRST = /^[由在向为与和对从于被把将]/;

/** 县领导 / 某区领导: a place's leaders as a group; the whole is the title and no organisation holds it. */
const leadersTitle = (head: string, titles: string[]): string | null =>
  titles.length === 1 && titles[0] === '领导' && (/^[省市县区镇乡]$/.test(head) || placeAt(head, 0)?.end === head.length) ? `${head}领导` : null;

/**
 * Where the first item of a chain starts: after the clause's openers and after any word that
 * cannot be inside an organisation's name (由, 举行, 在…), as the organisation finder decides.
 */
const headStartOf = (context: PageContext, start: number, end: number): number => {
  // The words before the organisation's ending decide where its name starts, as in the finder.
  const suffix = suffixOf(context.text.slice(start, end));
  const suffixStart = end - (suffix?.suffix.length ?? 0);
  const floor = nameFloor(context.text, tokensIn(context, start, end), start, suffixStart, (suffix?.stem ?? 0) >= 2);
  return skipOpeners(context.text, Math.max(start, floor), end);
};

/** 原某军区司令员: a former post's qualifier before the organisation is no part of its name. */
const QUALIFIER_BEFORE_HEAD = /^(?:原|时任|前任|现任)/;

/** Splits one item's text into an organisation and its titles; null when it is not an item. */
const readItem = (context: PageContext, start: number, end: number, first: boolean): Item | null => {
  const { text } = context;
  const qualifier = placeAt(text, start) === null ? (text.slice(start, end).match(QUALIFIER_BEFORE_HEAD)?.[0].length ?? 0) : 0;
  const from = first ? skipOpeners(text, start, end) : start + qualifier;
  for (const { head: printed, title } of titleSplits(text.slice(from, end))) {
    const printedEnd = from + printed.length;
    // The first item's organisation starts after any word that cannot be inside a name.
    const headStart = first && printed !== '' ? headStartOf(context, from, printedEnd) : from;
    const head = text.slice(headStart, printedEnd).replace(/的$/, '');
    if (head === '' && printed !== '') continue;
    const headEnd = headStart + head.length;
    const leaders = leadersTitle(head, title.titles);
    // 某村党支部书记、村委会主任: a bare organ (村委会, 党支部) is the organ of the holder before it.
    if (head === '' || leaders !== null || BARE_ORGAN.test(head)) {
      return { start: headStart, end, head: NONE, titles: leaders === null ? title.titles : [leaders], domain: title.domain };
    }
    const congress = congressBody(head, title.titles[0]);
    if (congress !== null) return { start: headStart, end, head: { kind: 'printed', name: congress, span: { start: headStart, end: headEnd } }, titles: title.titles, domain: title.domain };
    if (isHolderName(text, headStart, headEnd)) {
      return { start: headStart, end, head: { kind: 'printed', name: head, span: { start: headStart, end: headEnd } }, titles: title.titles, domain: title.domain };
    }
  }
  return unlistedModifier(context, from, end, first);
};

/**
 * 法务顾问, 工会主席: a base title after a word or two the lexicon does not know as a modifier is
 * still a title, printed whole, when those words are no organisation or place.
 */
const unlistedModifier = (context: PageContext, from: number, end: number, first: boolean): Item | null => {
  // Only inside a chain (、法务顾问): at a chain's start the words are as likely an organisation's short name.
  if (first) return null;
  const raw = context.text.slice(from, end);
  const split = titleSplits(raw).find(({ head }) => head.length >= 1 && head.length <= 2);
  if (split === undefined || !/^\p{Script=Han}+$/u.test(split.head) || /^[省市县区镇乡]/.test(split.head) || placeAt(raw, 0) !== null) return null;
  return { start: from, end, head: NONE, titles: [raw], domain: split.title.domain };
};

/** Start of the item that ends at `end`: after the nearest separator or clause mark. */
const itemStart = (text: string, floor: number, end: number): number => {
  let index = end;
  while (index > floor && !isJoiner(text, index - 1)) {
    // 某大学附属医院（某某分院）副院长: a bracketed part belongs to the organisation's name.
    if (text[index - 1] === '）') {
      const open = text.lastIndexOf('（', index - 1);
      if (open > floor && index - open <= 16 && !isDelimiter(text, open - 1)) {
        index = open;
        continue;
      }
    }
    if (isDelimiter(text, index - 1)) break;
    index -= 1;
  }
  return index;
};

/** A bare 工商联 after 区政协 in one chain is the 区工商联: it takes the place or level of the organisation before it. */
const withPrefixOf = (head: Holder, previous: Holder): Holder => {
  if (head.kind !== 'printed' || previous.kind !== 'printed') return head;
  const suffix = suffixOf(head.name);
  if (suffix === null || suffix.suffix !== head.name || suffix.stem > 0) return head;
  // 区委常委、统战部部长: the department is the committee's, not a body of the district; leave it as printed.
  if (/委$/.test(previous.name)) return head;
  // Only the level is carried (区, 市): the page printed 区工商联, not the district's full name.
  // The place may be one the gazetteer lacks: 某岚县政协 still names a county's body.
  const place = placeAt(previous.name, 0);
  const levelAfterPlace = place !== null && /^[省市县区镇乡州]$/.test(previous.name[place.end] ?? '') ? previous.name[place.end] : null;
  const printedPlace = place !== null ? previous.name.slice(0, place.end) : (previous.name.match(/^(?:\p{Script=Han}{1,5}?)?[省市县区镇乡州]/u)?.[0] ?? '');
  const printedLevel = levelAfterPlace ?? printedPlace.slice(-1);
  const level = /^[省市县区镇乡州]$/.test(printedLevel) ? printedLevel : null;
  return level === null ? head : { ...head, name: `${level}${head.name}` };
};

/** Who holds a title that printed no organisation, given the one before it in the chain. */
const implicitHolder = (title: string, domain: ReadTitle['domain'], previous: Holder | null): Holder => {
  const head = PLACE_HEAD_TITLES.exec(title);
  if (head !== null) {
    // 县委副书记、县长: the county head is the county government's, not the party committee's.
    if (previous !== null && previous.kind === 'printed' && !/委$/.test(previous.name)) return previous;
    return { kind: 'government', level: title.replace(/^副/, '')[0] };
  }
  if (previous !== null && previous.kind !== 'none') return previous;
  return domain === 'association' ? { kind: 'page-own' } : NONE;
};

/**
 * A chain that opens with a bare title after another chain in the sentence (…主席王某，副主席李某)
 * is held where the one before was — except a reporter's credit or a head of government's post.
 */
const carries = (item: Item): boolean => item.domain !== 'media' && !item.titles.some((title) => PLACE_HEAD_TITLES.test(title) || title.endsWith('领导'));

/** Reads the chain of items that ends with the title at [titleStart, titleEnd), leftwards. */
const readChain = (context: PageContext, floor: number, titleEnd: number): Item[] => {
  const { text } = context;
  const items: Item[] = [];
  let end = titleEnd;
  for (;;) {
    const start = itemStart(text, floor, end);
    const first = start === floor || !isJoiner(text, start - 1);
    const item = readItem(context, start, end, first) ?? (first ? null : readItem(context, start, end, true));
    if (item === null) break;
    items.unshift(item);
    if (first || start - 1 <= floor) break;
    end = start - 1;
  }
  return [...itemsBeforeComma(context, floor, items), ...items];
};

/**
 * 某医院副院长、某系主任，某医疗队队长张三: a clause of titles without a name before the comma is
 * the same person's; it joins the chain only when every item of it reads as one.
 */
const itemsBeforeComma = (context: PageContext, floor: number, items: Item[]): Item[] => {
  const { text } = context;
  if (items.length === 0 || items[0].start - 1 <= floor || text[items[0].start - 1] !== '，') return [];
  const end = items[0].start - 1;
  const before: Item[] = [];
  let cursor = end;
  for (;;) {
    const start = itemStart(text, floor, cursor);
    const first = start === floor || !isJoiner(text, start - 1);
    const item = readItem(context, start, cursor, first);
    if (item === null || item.head.kind === 'none' && before.length === 0 && first) return [];
    before.unshift(item);
    if (first) return start === floor || isDelimiter(text, start - 1) ? before : [];
    cursor = start - 1;
  }
};

/** Names listed after the first: 、李四、王五 or 和王五, each ending at a delimiter and not followed by a title. */
const readNameList = (text: string, from: number, limit: number): Array<{ name: string; span: Span }> => {
  const names: Array<{ name: string; span: Span }> = [];
  let index = afterNote(text, from);
  for (;;) {
    const separator = text[index] === '、' || text[index] === ' ' ? 1 : text.startsWith('和', index) || text.startsWith('及', index) ? 1 : 0;
    if (separator === 0) break;
    if (titleAt(text.slice(index + separator, index + separator + 12)) !== null) break;
    const name = readName(text, index + separator, limit);
    if (name === null || titleAt(text.slice(name.end, name.end + 12)) !== null || !endsHere(text, name.end)) break;
    names.push({ name: name.name, span: { start: name.start, end: name.end } });
    index = afterNote(text, name.end);
  }
  return names;
};

/** Assigns each item's titles to each person of the chain. */
const holdingsOf = (items: Item[], persons: Array<{ name: string; span: Span }>, sentence: Sentence, carried: Holder | null): Holding[] => {
  const holdings: Holding[] = [];
  let previous: Holder | null = carried;
  for (const item of items) {
    const head = previous === null ? item.head : withPrefixOf(item.head, previous);
    for (const title of item.titles) {
      const holder = title.endsWith('领导') ? NONE : head.kind === 'printed' ? head : implicitHolder(title, item.domain, previous);
      for (const person of persons) holdings.push({ person: person.name, personSpan: person.span, title, holder, sentence: sentence.index });
      previous = holder.kind === 'none' ? previous : holder;
    }
  }
  return holdings;
};

/** A title printed after the name and before a verb or mark: 张三教授, 李四上将. */
const trailingTitle = (text: string, index: number): ReadTitle | null => {
  const title = titleAt(text.slice(index, index + 16));
  return title !== null && endsHere(text, index + title.length) ? title : null;
};

type Anchor = { titleStart: number; titleEnd: number; title: ReadTitle };

/** Every title in the sentence, left to right, longest at each place. */
const titlesIn = (context: PageContext, sentence: Sentence): Anchor[] => {
  const { text } = context;
  const anchors: Anchor[] = [];
  let index = sentence.start;
  while (index < sentence.end) {
    if (insideBook(context, index)) {
      index += 1;
      continue;
    }
    const title = titleAt(text.slice(index, Math.min(sentence.end, index + 24)));
    if (title === null) {
      index += 1;
      continue;
    }
    anchors.push({ titleStart: index, titleEnd: index + title.length, title });
    index += title.length;
  }
  return anchors;
};

/** A count or note in brackets after a title or a name: 副会长（9名）, 李四（女）. */
const BRACKETED_NOTE = /^（[^（）]{1,8}）/;

/** Spaces, a count and a colon between a title and the name: 记者 张三, 编辑：李四, 副会长（9名）：王五. */
const skipToName = (text: string, index: number): number => {
  let position = index;
  const note = text.slice(position, position + 10).match(BRACKETED_NOTE);
  if (note !== null && text[position + note[0].length] === '：') position += note[0].length;
  while (text[position] === ' ' || text[position] === '：') position += 1;
  return position;
};

/** Where a listed name ends for the list: after a note such as （女）. */
const afterNote = (text: string, index: number): number => index + (text.slice(index, index + 10).match(BRACKETED_NOTE)?.[0].length ?? 0);

/**
 * What a following chain that starts with a bare association title (、副会长李四) is held at: the
 * chain's association, which its first item names — not a branch named after it (副会长兼某分会会长).
 */
const carriedFrom = (holdings: Holding[]): Holder | null => {
  const printed = holdings.filter((holding) => holding.holder.kind === 'printed');
  return (printed.find((holding) => domainOf(holding.title) === 'association') ?? printed[0])?.holder ?? null;
};

export type SentenceReading = { holdings: Holding[]; names: Array<{ name: string; span: Span }> };

/** Reads one sentence's holdings. The last printed holder is carried from one chain to the next. */
export const readAppositions = (context: PageContext, sentence: Sentence): SentenceReading => {
  const { text } = context;
  const holdings: Holding[] = [];
  const names: Array<{ name: string; span: Span }> = [];
  let floor = sentence.start;
  let carried: Holder | null = null;
  for (const anchor of titlesIn(context, sentence)) {
    if (anchor.titleStart < floor) continue;
    const nameStart = skipToName(text, anchor.titleEnd);
    const read = readName(text, nameStart, sentence.end);
    const name = read !== null && !endsHere(text, read.end) && (PREPOSITION_FIRST.test(read.name) || startsOrganisation(context, read.start)) ? null : read;
    if (name !== null) {
      const items = readChain(context, floor, anchor.titleEnd);
      if (items.length === 0) continue;
      const continuing = items[0].start > sentence.start && text[items[0].start - 1] === '、' ? carried : items[0].head.kind === 'none' && carries(items[0]) ? carried : null;
      const persons = [{ name: name.name, span: { start: name.start, end: name.end } }, ...readNameList(text, name.end, sentence.end)];
      const found = holdingsOf(items, persons, sentence, continuing);
      const last = persons[persons.length - 1].span.end;
      const trailing = trailingTitle(text, last);
      if (trailing !== null && persons.length === 1) {
        for (const title of trailing.titles) found.push({ person: name.name, personSpan: persons[0].span, title, holder: implicitHolder(title, trailing.domain, null), sentence: sentence.index });
      }
      holdings.push(...found);
      names.push(...persons);
      carried = carriedFrom(found) ?? carried;
      floor = trailing === null ? last : last + trailing.length;
      continue;
    }
    const reversed = readReversed(text, floor, anchor, sentence, carried);
    if (reversed !== null) {
      holdings.push(...reversed.holdings);
      names.push(...reversed.names);
      carried = carriedFrom(reversed.holdings) ?? carried;
      floor = anchor.titleEnd;
    }
  }
  return { holdings, names };
};

/** 该会张三会长 / 张三、李四和王五理事: names before the title, an organisation before the names. */
const readReversed = (text: string, floor: number, anchor: Anchor, sentence: Sentence, carried: Holder | null): SentenceReading | null => {
  if (!endsHere(text, anchor.titleEnd)) return null;
  const persons: Array<{ name: string; span: Span }> = [];
  // 张三、李四等会员: 等 closes a list of names the title after it applies to.
  const listed = text[anchor.titleStart - 1] === '等';
  let end = listed ? anchor.titleStart - 1 : anchor.titleStart;
  for (;;) {
    const name = nameEndingAt(text, end, floor);
    if (name === null || isHolderName(text, name.start, name.end)) break;
    persons.unshift({ name: name.name, span: { start: name.start, end: name.end } });
    const before = text[name.start - 1];
    if (name.start - 1 < floor || (before !== '、' && before !== '和' && before !== '及')) {
      end = name.start;
      break;
    }
    end = name.start - 1;
  }
  if (persons.length === 0 || (listed && persons.length < 2)) return null;
  const listStart = persons[0].span.start;
  const headStart = itemStart(text, sentence.start, listStart);
  const afterList = headStart > sentence.start && text[headStart - 1] === '、';
  // The organisation before the names is read only within their own item, never across an earlier chain.
  const item = headStart < listStart && headStart >= floor ? readHead(text, headStart, listStart) : null;
  // Text before the names that is neither an organisation nor openers (由, 会上) means these are no names: 某工商联党组成员.
  if (headStart < listStart && item === null && skipOpeners(text, headStart, listStart + 1) < listStart) return null;
  const holder = item ?? (afterList ? carried : null);
  const holdings: Holding[] = [];
  const nearest: Holder = { kind: 'nearest', before: listStart, floor: sentence.start };
  for (const title of anchor.title.titles) {
    const implicit = listed && anchor.title.domain === 'association' ? nearest : implicitHolder(title, anchor.title.domain, null);
    const resolved = holder !== null && holder.kind !== 'none' ? holder : implicit;
    for (const person of persons) holdings.push({ person: person.name, personSpan: person.span, title, holder: resolved, sentence: sentence.index });
  }
  return { holdings, names: persons };
};

/** The organisation printed before a reversed name list, when the text there is one. */
const readHead = (text: string, start: number, end: number): Holder | null => {
  const from = skipOpeners(text, start, end);
  const head = text.slice(from, end).replace(/的$/, '');
  if (head === '') return null;
  if (isHolderName(text, from, from + head.length)) return { kind: 'printed', name: head, span: { start: from, end: from + head.length } };
  return null;
};

/**
 * The post after a verb that gives one (当选为某商会会长, 担任秘书长): the longest run up to a
 * mark or a verb that reads as an item. Returns the holdings' titles and holder, or null.
 */
export const readPost = (context: PageContext, start: number, limit: number, exact = false): { titles: string[]; holder: Holder; end: number } | null => {
  const { text } = context;
  const stop = Math.min(limit, start + 30);
  for (let end = stop; end > start; end -= 1) {
    // An exact reading (会长由王强担任: the post ends at 由) takes the whole span or nothing.
    if (exact ? end !== limit : !endsHere(text, end)) continue;
    const item = readItem(context, start, end, false);
    if (item === null) continue;
    const holder = item.head.kind === 'printed' ? item.head : implicitHolder(item.titles[0], item.domain, null);
    return { titles: item.titles, holder, end };
  }
  return null;
};

/**
 * 张三（某公司董事长、某商会副会长）: a name with its titles in brackets after it. The bracket must
 * read as items from end to start, or it is something else (a photo's position, an alias).
 */
export const readBracketed = (context: PageContext, sentence: Sentence): SentenceReading => {
  const { text } = context;
  const holdings: Holding[] = [];
  const names: Array<{ name: string; span: Span }> = [];
  let open = text.indexOf('（', sentence.start);
  while (open >= 0 && open < sentence.end) {
    const close = text.indexOf('）', open);
    if (close < 0 || close > sentence.end) break;
    const name = nameEndingAt(text, open, sentence.start);
    const items = name === null ? [] : readChain(context, open + 1, close);
    if (name !== null && items.length > 0 && items[0].start === open + 1) {
      const person = { name: name.name, span: { start: name.start, end: name.end } };
      holdings.push(...holdingsOf(items, [person], sentence, null));
      names.push(person);
    }
    open = text.indexOf('（', close);
  }
  return { holdings, names };
};
