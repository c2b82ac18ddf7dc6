/**
 * parse: cleaned lines → an article: title, date, source, URL, byline and
 * the body as paragraphs, subheadings and photo captions.
 */
import { placePhotos } from './photos';
import type { Block, BlockType, CleanedPage, ParsedPage } from './types';
import {
  collapseWhitespace,
  endsLikeSentence,
  endsWithColon,
  findDates,
  findFields,
  hasHan,
  isDateLine,
  isMetaLine,
  normalisePunctuation,
  PAIR_CLOSERS,
  PAIR_OPENERS,
  readDateline,
  readPostHeader,
  textLength,
  type Dateline,
  type Field,
  type FieldKind,
  type PostHeader,
} from './text';

/** Longer than this, a line without final punctuation is still a paragraph. */
const CAPTION_MAX = 60;
/** Subheadings are short; longer unpunctuated lines are captions. */
const SUBHEADING_MAX = 20;
/** Numbered headings (一、… （一）…) may be a little longer. */
const NUMBERED_HEADING_MAX = 30;
const TITLE_MIN = 4;
const TITLE_MAX = 100;
/** How many lines at the top may hold the title and its meta line. */
const HEAD_WINDOW = 8;
/** The meta line that marks the title is among the first few lines. */
const META_LINE_WINDOW = 4;
/** How many lines at the end may hold 责任编辑/来源 lines. */
const TAIL_META_WINDOW = 4;

const CAPTION_PREFIX = /^(?:图为|图片为|图\s*[:：]|图片\s*[:：]|图\s*\d+\s*[:：、.]|图片来源|▲|△|↑|上图|下图|左图|右图|[（(【]\s*图)/u;
const PHOTO_CREDIT = /[（(][^（）()]*[摄攝](?:影)?[）)]$|[摄攝]影\s*[:：/／]\s*\S{2,8}$|\s\S{2,4}\s?[摄攝]$/u;
const NUMBERED_HEADING =
  /^(?:第[一二三四五六七八九十百]+[章节部分篇条]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[、．](?!\d)|\d{1,2}\.(?!\d)|[（(]\d{1,2}[）)])/u;
const URL_LINE =
  /(?:原文链接|本文链接|原文地址|原文网址|文章链接|文章地址|本文地址|链接地址|网址)\s*[:：]\s*((?:https?:)?\/\/[^\s，。；、）)】\]]+)/u;
/** Values that say "this site" rather than naming a publisher. */
const PLACEHOLDER_SOURCE = /^(?:本站|本网|本站原创|原创|网络|互联网|转载|未知|不详)$/u;
const BYLINE_AT_START = /^(?:本报讯|本刊讯|本网讯|讯)?\s*[（(【[]([^）)】\]]*(?:记者|通讯员|作者)[^）)】\]]*)[）)】\]]/u;
const BYLINE_LABEL =
  /(本报记者|特约记者|见习记者|记者|实习生|特约通讯员|通讯员|责任编辑|责编|编辑|作者|摄影|(?:文|图)(?=\s*[：:/／]))\s*[：:/／]?\s*/gu;

function compact(text: string): string {
  return text.replace(/\s+/gu, '');
}

function withoutFinalStop(text: string): string {
  return compact(text).replace(/[。.！!]+$/u, '');
}

function normalised(text: string): string {
  return collapseWhitespace(normalisePunctuation(text));
}

function isUrlLine(line: string): boolean {
  const match = URL_LINE.exec(line);
  return match !== null && compact(line.replace(match[0], '')).replace(/[（）()【】[\]]/gu, '').length === 0;
}

/** 06-21 09:30: a date without a year and a time, printed under a title. */
const YEARLESS_DATE_TIME = /^\d{1,2}[-/月]\d{1,2}日?\s+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?$/u;

/** Lines that describe the article rather than being part of it. */
function isAboutLine(line: string): boolean {
  return isMetaLine(line) || isDateLine(line) || isUrlLine(line) || readPostHeader(line) !== null || YEARLESS_DATE_TIME.test(line);
}

/** A scene named above or under a photo: 活动现场, 合影留念. Headlines say what happened. */
const SCENE_CAPTION = /(?:现场|合影|合影留念|留影|剪影|掠影|一角|集体照)$/u;
/** A site's welcome banner or name line: 欢迎访问…, …官方网站. */
const SITE_BANNER = /^欢迎(?:您)?(?:访问|光临|来到|进入|登录)|(?:官方网站|门户网站|官网)[！!]?$/u;
/**
 * A lead that opens with when it happened — 5月6日下午，/ 9月2至4日，/ 今天（6月18日），/ 近日，—
 * is the first sentence of the story, never a headline.
 */
const LEAD_TIME = new RegExp(
  '^(?:(?:(?:19|20)\\d{2}年)?\\d{1,2}月\\d{1,2}(?:日|(?=[至到—~-]))(?:[至到—~-]\\d{1,2}日)?|(?:今年|去年|(?:19|20)\\d{2}年)?\\d{1,2}月(?:份|初|底|上旬|中旬|下旬)?' +
    '|今天|今日|昨天|昨日|近日|日前|近期|当天|当日|本周|上周)' +
    '(?:[上中下]午|晚上?|早上|凌晨|晚间)?(?:[（(][^（）()]{1,12}[）)])?[，,]',
  'u',
);
/** Longer than this and holding a comma, a line is a sentence of the story rather than a headline. */
const HEADLINE_WITH_COMMA_MAX = 60;
/** A headline this short followed by another is the column or site name above it (新闻动态). */
const LABEL_MAX = 6;

/**
 * True for a line that is text of the story: a sentence (it ends in 。 or holds more than one), a
 * lead that opens with a dateline, a byline or the time of the event, or a long run of clauses.
 */
function isStoryText(line: string): boolean {
  const length = textLength(line);
  return (
    length > TITLE_MAX ||
    /[。；;，、,]$/u.test(line) ||
    /。[”’」』）)]*[^”’」』）)\s]/u.test(line) ||
    (length > HEADLINE_WITH_COMMA_MAX && /[，；]/u.test(line)) ||
    LEAD_TIME.test(line) ||
    BYLINE_AT_START.test(line) ||
    readDateline(line) !== null
  );
}

function isTitleLike(line: string): boolean {
  const length = textLength(line);
  return (
    length >= TITLE_MIN &&
    length <= TITLE_MAX &&
    /\p{L}/u.test(line) &&
    !/[。；;：:]$/u.test(line) &&
    !(/。/u.test(line) && length > 60) &&
    !CAPTION_PREFIX.test(line) &&
    !/^[—–-]{1,2}/u.test(line) &&
    !NUMBERED_HEADING.test(line) &&
    !isAboutLine(line)
  );
}

/** A line that could be the headline: title-like, and neither story text, a photo's scene, a site banner nor a breadcrumb. */
function isHeadlineLike(line: string): boolean {
  return isTitleLike(line) && !isStoryText(line) && !SCENE_CAPTION.test(line) && !SITE_BANNER.test(line) && !/[>＞»]/u.test(line);
}

function nonBlankIndexes(lines: string[]): number[] {
  return lines.flatMap((line, index) => (line.length > 0 ? [index] : []));
}

type TitleLine = { index: number; evidence: 'meta' | 'duplicate' | 'first' };

/**
 * In a text dump the title is the line right above the meta line (来源/日期), or the line the first
 * paragraph repeats, or else the first headline-like line before the story starts — which, once the
 * header is gone, is where pages put it. Many scraped pages have no headline at all: their first line
 * is already the story (a lead sentence, a dateline, a byline), and then there is no title line.
 */
function findTitleLine(lines: string[]): TitleLine | null {
  const top = nonBlankIndexes(lines).slice(0, HEAD_WINDOW);
  const storyAt = top.findIndex((index) => isStoryText(lines[index]));
  const headEnd = storyAt === -1 ? top.length : storyAt;
  const headlineLike = top.map((_, position) => isHeadlineLike(lines[top[position]]));
  // A short headline-like line with another before the story names the column or the site, not the article.
  const isLabel = (position: number): boolean =>
    textLength(lines[top[position]]) <= LABEL_MAX && headlineLike.some((like, other) => like && other > position && other < headEnd);
  const candidates = top.map((_, position) => position).filter((position) => headlineLike[position] && !isLabel(position));
  // The meta line follows the title, perhaps after a subtitle (——记…); past the story's first line
  // only a meta line among the very first lines counts.
  const metaLines = top.map((_, position) => position).filter((position) => isAboutLine(lines[top[position]]));
  for (const metaAt of metaLines) {
    const subtitled = !metaLines.includes(metaAt - 1) && candidates.includes(metaAt - 2) ? metaAt - 2 : undefined;
    const position = candidates.includes(metaAt - 1) ? metaAt - 1 : subtitled;
    if (position !== undefined && (position < headEnd || metaAt < META_LINE_WINDOW)) {
      return { index: top[position], evidence: 'meta' };
    }
  }
  for (const position of candidates.filter((candidate) => candidate < 5 && candidate + 1 < top.length)) {
    if (withoutFinalStop(lines[top[position + 1]]) === withoutFinalStop(lines[top[position]])) {
      return { index: top[position], evidence: 'duplicate' };
    }
  }
  const first = candidates.find((position) => position < headEnd);
  return first === undefined ? null : { index: top[first], evidence: 'first' };
}

/** "标题 - 栏目 - 网站名" → the parts; hyphens between digits (2020-2021) stay. */
function titleSegments(htmlTitle: string): string[] {
  return htmlTitle
    .split(/\s+[-–—|｜_·]+\s+|\s*[_|｜]+\s*|\s*——\s*|\s*－\s*|(?<=\D)\s*-\s*(?=\D)/u)
    .map((segment) => normalised(segment))
    .filter((segment) => segment.length > 0);
}

/** The line that the <title> (or one of its parts) names, preferring the longest part. */
function findHtmlTitleLine(lines: string[], htmlTitle: string, siteName: string | null): number {
  const candidates = [normalised(htmlTitle), ...titleSegments(htmlTitle)]
    .filter((candidate) => textLength(candidate) >= TITLE_MIN && (siteName === null || compact(candidate) !== compact(siteName)))
    .sort((left, right) => textLength(right) - textLength(left));
  for (const candidate of candidates) {
    const wanted = compact(candidate);
    const truncated = wanted.replace(/(?:\.{3}|…+)$/u, '');
    for (const index of nonBlankIndexes(lines).slice(0, 40)) {
      const line = compact(lines[index]);
      if (line === wanted || (truncated.length >= 8 && truncated !== wanted && line.startsWith(truncated))) {
        return index;
      }
    }
  }
  return -1;
}

type TitleChoice = { title: string | null; index: number };

function chooseTitle(page: CleanedPage): TitleChoice {
  const fromText = findTitleLine(page.lines);
  const htmlTitle = page.meta.htmlTitle;
  if (page.format === 'html' && htmlTitle !== null) {
    const index = findHtmlTitleLine(page.lines, htmlTitle, page.meta.siteName);
    if (index !== -1) {
      // When the <title> names another line than the one above the meta
      // line, the <title> is often just the site or column name; article
      // titles are the longer of the two.
      const textIndex = fromText !== null && fromText.evidence !== 'first' ? fromText.index : index;
      const chosen = textLength(page.lines[textIndex]) > textLength(page.lines[index]) ? textIndex : index;
      return { title: page.lines[chosen], index: chosen };
    }
    if (fromText !== null && fromText.evidence !== 'first') {
      return { title: page.lines[fromText.index], index: fromText.index };
    }
    const first = titleSegments(htmlTitle)[0];
    const siteName = page.meta.siteName;
    if (first !== undefined && textLength(first) >= TITLE_MIN && (siteName === null || compact(first) !== compact(siteName))) {
      return { title: first, index: -1 };
    }
  }
  if (fromText !== null) {
    return { title: page.lines[fromText.index], index: fromText.index };
  }
  return { title: null, index: -1 };
}

type PersonFields = { reporter: string | null; correspondent: string | null; editor: string | null };

/** What each byline label (printed with or without a colon) names. */
const BYLINE_KIND: Record<string, FieldKind> = {
  本报记者: 'reporter',
  特约记者: 'reporter',
  见习记者: 'reporter',
  记者: 'reporter',
  实习生: 'reporter',
  作者: 'reporter',
  文: 'reporter',
  特约通讯员: 'correspondent',
  通讯员: 'correspondent',
  责任编辑: 'editor',
  责编: 'editor',
  编辑: 'editor',
  摄影: 'photographer',
  图: 'photographer',
};

/** Editors by how directly the label says so: 责任编辑 beats 编辑. */
const EDITOR_RANK: Record<string, number> = { 责任编辑: 0, 责编: 1, 编辑: 2 };

/**
 * "张三 北京报道" → "张三": a byline may end with where the story was filed from. Printed without a
 * space (张三北京报道) the name cannot be told from the place, and a run longer than a name is dropped.
 */
function withoutFiledFrom(value: string): string {
  if (!/报道$/u.test(value)) {
    return value;
  }
  const spaced = value.replace(/\s+\S*报道$/u, '');
  if (spaced !== value) {
    return spaced;
  }
  const unspaced = value.replace(/报道$/u, '');
  return textLength(unspaced) <= 4 ? unspaced : '';
}

/** "（记者 张三 通讯员 李四）" or "记者张三" → labelled names, colons optional. */
function bylineFields(text: string): Field[] {
  const matches = [...text.matchAll(BYLINE_LABEL)];
  return matches.flatMap((match, position) => {
    const start = (match.index ?? 0) + match[0].length;
    const next = matches[position + 1];
    const value = withoutFiledFrom(
      text
        .slice(start, next === undefined ? text.length : next.index)
        .replace(/^[\s：:]+|[\s，,、；;（(【[）)】\]]+$/gu, '')
        .trim(),
    );
    const kind = BYLINE_KIND[match[1]] ?? 'reporter';
    return value.length > 0 ? [{ label: match[1], kind, value }] : [];
  });
}

/**
 * Labelled fields of a meta line, plus byline names printed without colons
 * (（记者 张三 通讯员 李四）) for roles the labelled fields do not cover.
 */
function fieldsOf(line: string): Field[] {
  const labelled = findFields(line);
  const inner = /^[（(【[].*[）)】\]]$/u.test(line) ? line.slice(1, -1) : line;
  const covered = new Set(labelled.map((field) => field.kind));
  const byline = bylineFields(inner).filter((field) => !covered.has(field.kind));
  return [...labelled, ...byline];
}

/**
 * Bylines that name a department or the site (作者：办公室, 编辑：本站)
 * rather than a person; people's names do not end like this.
 */
const NOT_A_PERSON =
  /^(?:本站|本网|本刊|本报|管理员|admin|administrator|佚名|未知)$|.(?:办公室|秘书处|宣传部|编辑部|信息中心|信息科|综合处|综合部|中心|商会|协会|工商联|委员会|报社|公司)$|..(?:办|处|部|室|局|网)$/iu;

/** A person value as printed, without trailing separators; null when it is not a name. */
function personValue(value: string): string | null {
  const cleaned = collapseWhitespace(value).replace(/[\s，,、；;。]+$/u, '');
  if (cleaned.length === 0 || textLength(cleaned) > 30 || /\d{3,}/u.test(cleaned) || NOT_A_PERSON.test(cleaned)) {
    return null;
  }
  return cleaned;
}

/** Bylines that stand for the site rather than naming anyone. */
const SITE_BYLINE = /^(?:办公室|秘书处|宣传部|编辑部|信息中心|信息科|综合处|综合部|管理员|网站管理员|admin|administrator|佚名|未知)$/iu;

/** How people's names are printed: two to four Han characters (or names joined by ·), one or several. */
function looksLikePeople(value: string): boolean {
  // A note in brackets after a name (张三（实习）) is not part of it.
  const names = value
    .replace(/[（(][^（）()]*[）)]/gu, ' ')
    .split(/[\s、，,]+/u)
    .filter((name) => name.length > 0);
  return names.length > 0 && names.every((name) => /^(?:\p{Script=Han}{2,4}|\p{Script=Han}{1,10}·\p{Script=Han}{1,10})$/u.test(name) && !NOT_A_PERSON.test(name));
}

/** 作者 names an organisation or the site's account as often as a person (作者：某某商会): only names count as the reporter. */
function isAuthorNotPerson(field: Field): boolean {
  return field.label === '作者' && !looksLikePeople(collapseWhitespace(field.value));
}

function readPeople(fields: Field[]): PersonFields {
  const people: PersonFields = { reporter: null, correspondent: null, editor: null };
  let editorRank = Number.POSITIVE_INFINITY;
  for (const field of fields) {
    const value = personValue(field.value);
    if (value === null || isAuthorNotPerson(field)) {
      continue;
    }
    if (field.kind === 'reporter' && people.reporter === null) {
      people.reporter = value;
    } else if (field.kind === 'correspondent' && people.correspondent === null) {
      people.correspondent = value;
    } else if (field.kind === 'editor') {
      const rank = EDITOR_RANK[field.label] ?? 3;
      if (rank < editorRank) {
        people.editor = value;
        editorRank = rank;
      }
    }
  }
  return people;
}

/**
 * The publisher named by a 来源 field. The value runs to the next label; a
 * space next to Chinese text ends it as well, because pages separate fields
 * with spaces ("来源：某某报 作者 张三").
 */
function sourceValue(value: string): string | null {
  const cut = value.split(/(?<=[\p{Script=Han}）)】\]])\s|\s(?=[\p{Script=Han}（(【[])/u)[0];
  const cleaned = cut.replace(/^[（(【[\s]+|[\s，,；;。|｜]+$/gu, '').trim();
  return cleaned.length > 0 && textLength(cleaned) <= 40 ? cleaned : null;
}

/** Where a page may print its date, in the order they are believed. */
type DatePlaces = {
  /** Meta lines under the title: the article's own 日期/发布时间 line. */
  own: string[];
  /** Meta and date lines above the title: an e-paper's issue date, a site header. */
  above: string[];
  publishedTime: string | null;
  dateline: Dateline | null;
};

type DateChoice = { date: string | null; warnings: string[] };

const dateFieldsOf = (lines: string[]): string[] =>
  lines.flatMap((line) => findFields(line).filter((field) => field.kind === 'date').map((field) => field.value));

/**
 * The publication date: only a date with a year printed on a meta or date line, in the page's
 * metadata, or in the dateline (某某社北京2020年4月10日电). A date in the story is when something
 * happened, not when it was published, and a date without a year is never completed with a guess.
 * When the article's own date field gives no year (日期：10-16), a date elsewhere in the header —
 * often the day the page was viewed — is not taken for it either.
 */
function chooseDate(places: DatePlaces): DateChoice {
  const warnings: string[] = [];
  const firstValid = (texts: string[]): string | null => {
    for (const text of texts) {
      for (const found of findDates(text)) {
        if (!found.hasYear) {
          continue;
        }
        if (found.valid && found.iso !== null) {
          return found.iso;
        }
        const warning = `ignored impossible date ${found.text}`;
        if (!warnings.includes(warning)) {
          warnings.push(warning);
        }
      }
    }
    return null;
  };
  const ownFields = dateFieldsOf(places.own);
  const datelineDate = places.dateline?.date ?? null;
  const printed =
    ownFields.length > 0
      ? firstValid(ownFields)
      : (firstValid(dateFieldsOf(places.above)) ?? firstValid(places.own) ?? firstValid(places.above));
  const date =
    printed ??
    firstValid(places.publishedTime === null ? [] : [places.publishedTime]) ??
    firstValid(datelineDate === null ? [] : [datelineDate.text]);
  return { date, warnings };
}

/** A credit at the end of the story: （某某办公室供稿）, （来源：某某日报）. */
const CONTRIBUTOR_CREDIT = /[（(]\s*([^（）()]{2,40}?)\s*供稿\s*[）)]$/u;
const SOURCE_CREDIT = /[（(]\s*(?:来源|稿件来源|信息来源|稿源)\s*[：:]\s*([^（）()]{2,40}?)\s*[）)]$/u;
/** How many lines at the end of the story may carry a credit. */
const CREDIT_WINDOW = 2;

type SourcePlaces = {
  fields: Field[];
  /** The last lines of the story, which may end with a credit. */
  lastLines: string[];
  dateline: Dateline | null;
  postHeaders: PostHeader[];
  siteOwner: string | null;
  siteName: string | null;
};

const creditIn = (lines: string[], pattern: RegExp): string | null => {
  for (const line of lines) {
    const match = pattern.exec(line);
    if (match !== null) {
      return sourceValue(match[1]);
    }
  }
  return null;
};

/**
 * The publisher: a 来源 field, else who supplied the story (供稿), else an 作者 that names an
 * organisation or an account rather than a person, else the outlet named in the dateline or the
 * post's header, else the site's owner or name. A placeholder (来源：本站) gives way to any of these.
 */
function chooseSource(places: SourcePlaces): string | null {
  const valuesOf = (kind: FieldKind): string[] =>
    places.fields
      .filter((field) => field.kind === kind)
      .map((field) => sourceValue(field.value))
      .filter((value): value is string => value !== null);
  const authors = places.fields
    .filter((field) => isAuthorNotPerson(field) && !SITE_BYLINE.test(field.value))
    .map((field) => sourceValue(field.value))
    .filter((value): value is string => value !== null);
  const postHeaderNames = places.postHeaders.flatMap((header) => header.names).filter((name) => !looksLikePeople(name));
  const found = [
    ...valuesOf('source'),
    creditIn(places.lastLines, SOURCE_CREDIT),
    ...valuesOf('contributor'),
    creditIn(places.lastLines, CONTRIBUTOR_CREDIT),
    ...authors,
    places.dateline?.outlet ?? null,
    ...postHeaderNames,
    places.siteOwner,
    places.siteName,
  ].filter((value): value is string => value !== null);
  return found.find((value) => !PLACEHOLDER_SOURCE.test(value)) ?? found[0] ?? null;
}

function isShortOfSentence(line: string): boolean {
  return !endsLikeSentence(line) && !endsWithColon(line) && !/[。！？]/u.test(line);
}

function isParagraphLike(line: string): boolean {
  return !isShortOfSentence(line) || textLength(line) > CAPTION_MAX;
}

type BodyLine = { text: string; blankBefore: boolean };

/** What a line is on its own; 'short' lines are decided by what follows them. */
type Provisional = BlockType | 'short';

/** Dates, times and "label：value" lines state facts; they head nothing. */
function statesFacts(text: string): boolean {
  return findDates(text).some((date) => date.hasYear) || /\d{1,2}[:：]\d{2}/u.test(text) || /.[：:]./u.test(text);
}

/**
 * Tells subheadings and captions from paragraphs. Both are short lines that
 * do not end like a sentence; what separates them is the photo:
 *  - A caption sits under a picture. In text dumps (and in our HTML
 *    rendering) the picture leaves a blank or whitespace-only line, so a
 *    short line right after a blank is a caption — unless the page puts a
 *    blank line between all its paragraphs, in which case a blank says
 *    nothing and we fall back to length and position.
 *  - 图为/图：/▲ or a (张三 摄) credit make a caption whatever the layout.
 *  - Captions describe a scene and run long (often with a comma); headings
 *    are terse. A line longer than SUBHEADING_MAX (up to CAPTION_MAX) is a
 *    caption; a numbered line (一、 （一） 1.) is a heading even if longer.
 *  - A heading introduces text: a short line is a subheading only when a
 *    paragraph (or a photo) follows it. Short lines followed by more short
 *    lines — the items of a notice, a signature, the last line — are
 *    paragraphs.
 *  - Lines ending in 。！？；, lines ending with a colon that introduce the
 *    next paragraph, and lines that state facts (a date, a time, "联系人：…")
 *    are paragraphs.
 */
function classify(lines: BodyLine[]): Block[] {
  const paragraphs = lines.slice(1).filter((line) => isParagraphLike(line.text));
  const separated = paragraphs.filter((line) => line.blankBefore).length;
  const blanksSeparateParagraphs = paragraphs.length >= 2 && separated * 2 >= paragraphs.length;

  const provisional = lines.map((line): Provisional => {
    const { text } = line;
    const length = textLength(text);
    // A photographer's credit closes a caption however long it runs; a prefix such as 图为 may open a sentence.
    if ((CAPTION_PREFIX.test(text) && length <= 2 * CAPTION_MAX) || (PHOTO_CREDIT.test(text) && length <= 3 * CAPTION_MAX)) {
      return 'caption';
    }
    if (NUMBERED_HEADING.test(text) && length <= NUMBERED_HEADING_MAX && isShortOfSentence(text) && !statesFacts(text)) {
      return 'subheading';
    }
    if (isParagraphLike(text) || statesFacts(text)) {
      return 'paragraph';
    }
    if (length > SUBHEADING_MAX || (line.blankBefore && !blanksSeparateParagraphs)) {
      return 'caption';
    }
    return 'short';
  });

  return lines.map((line, position): Block => {
    const own = provisional[position];
    if (own !== 'short') {
      return { type: own, text: line.text };
    }
    const next = provisional[position + 1];
    const nextIsText = next === 'paragraph' && !isDateLine(lines[position + 1].text);
    const nextIsPhoto = next === 'caption' && lines[position + 1].blankBefore;
    return { type: nextIsText || nextIsPhoto ? 'subheading' : 'paragraph', text: line.text };
  });
}

type Head = {
  /** Meta and date lines above the title. */
  above: string[];
  /** Meta lines under the title (or at the top of a page without one). */
  own: string[];
  /** Where the body starts. */
  start: number;
  warnings: string[];
};

/** ——记某某, —某某侧记: a subtitle under the headline. */
const SUBTITLE = /^[—─-]{1,2}\s*\S/u;

/**
 * The lines before the body: the header above the title, the title, and after it its meta lines,
 * a standalone byline and a first paragraph that only repeats the title.
 */
function readHead(lines: string[], title: string | null, titleIndex: number): Head {
  const warnings: string[] = [];
  const ignored = lines.slice(0, Math.max(titleIndex, 0)).filter((line) => line.length > 0);
  // A short line above the title that gives a full date (2023-05-12 17:30 发表于江苏) is its dateline.
  const above = ignored.filter((line) => isAboutLine(line) || (textLength(line) <= 40 && findDates(line).some((found) => found.hasYear && found.valid)));
  const lostText = ignored.filter((line) => !isAboutLine(line) && (textLength(line) > 30 || /[。！？]/u.test(line)));
  if (lostText.length > 0) {
    warnings.push(`ignored ${lostText.length} line(s) of text above the title, starting "${lostText[0].slice(0, 30)}"`);
  }
  const own: string[] = [];
  let start = titleIndex + 1;
  let seenDuplicate = false;
  let looked = 0;
  for (let index = start; index < lines.length && looked < HEAD_WINDOW; index += 1) {
    const line = lines[index];
    if (line.length === 0) {
      start = index + 1;
      continue;
    }
    looked += 1;
    if (isAboutLine(line)) {
      own.push(line);
      start = index + 1;
      continue;
    }
    if (!seenDuplicate && title !== null && withoutFinalStop(line) === withoutFinalStop(title)) {
      seenDuplicate = true;
      start = index + 1;
      continue;
    }
    // A subtitle (——某某侧记) may sit between the title and its meta line.
    if (own.length === 0 && looked === 1 && SUBTITLE.test(line)) {
      start = index + 1;
      continue;
    }
    break;
  }
  return { above, own, start, warnings };
}

/** The 责任编辑/来源 lines at the end of the page, and where the body ends. */
function readTail(lines: string[], start: number): { tailMeta: string[]; end: number } {
  let end = lines.length;
  const tailMeta: string[] = [];
  for (let index = lines.length - 1, tailLooked = 0; index >= start && tailLooked < TAIL_META_WINDOW; index -= 1) {
    const line = lines[index];
    if (line.length === 0) {
      end = index;
      continue;
    }
    tailLooked += 1;
    if (!isMetaLine(line) && !isUrlLine(line)) {
      break;
    }
    tailMeta.unshift(line);
    end = index;
  }
  return { tailMeta, end };
}

function bodyLinesOf(lines: string[]): BodyLine[] {
  const bodyLines: BodyLine[] = [];
  let blankBefore = false;
  for (const line of lines) {
    if (line.length === 0) {
      blankBefore = true;
      continue;
    }
    bodyLines.push({ text: line, blankBefore });
    blankBefore = false;
  }
  return bodyLines;
}

/** How many lines at the top of the body may open with the dateline (a photo caption may come first). */
const DATELINE_WINDOW = 3;

export function parse(page: CleanedPage): ParsedPage {
  // Only this stage's warnings: the caller collects every stage's own.
  const warnings: string[] = [];
  const lines = page.lines;
  const { title, index: titleIndex } = chooseTitle(page);
  const head = readHead(lines, title, titleIndex);
  warnings.push(...head.warnings);
  const { tailMeta, end } = readTail(lines, head.start);
  const bodyLines = bodyLinesOf(lines.slice(head.start, end));
  const { blocks, photos } = placePhotos(page.images ?? [], lines, head.start, end, classify(bodyLines));
  const headMeta = [...head.above, ...head.own];

  // 文/图：张三 credits one person for both: an empty label takes the value of the one after it.
  const metaFields = [...headMeta, ...tailMeta].flatMap((line) => {
    const fields = fieldsOf(line);
    return fields.map((field, index) => (field.value === '' && index + 1 < fields.length ? { ...field, value: fields[index + 1].value } : field));
  });
  const dateline =
    bodyLines
      .slice(0, DATELINE_WINDOW)
      .map((line) => readDateline(line.text))
      .find((found): found is Dateline => found !== null) ?? null;
  // The byline opens the lead, after the dateline when there is one: 某某日报讯（记者 张三）….
  const lead = dateline !== null ? dateline.rest : bodyLines.length > 0 ? bodyLines[0].text : null;
  const leadByline = lead === null ? null : BYLINE_AT_START.exec(lead);
  const people = readPeople([...metaFields, ...(leadByline === null ? [] : bylineFields(leadByline[1]))]);

  const source = chooseSource({
    fields: metaFields,
    lastLines: bodyLines.slice(-CREDIT_WINDOW).map((line) => line.text),
    dateline,
    postHeaders: headMeta.map(readPostHeader).filter((header): header is PostHeader => header !== null),
    siteOwner: page.siteOwner,
    siteName: page.meta.siteName,
  });

  const urlLine = lines.map((line) => URL_LINE.exec(line)).find((match) => match !== null && match !== undefined);
  const url = page.meta.canonicalUrl ?? (urlLine === undefined || urlLine === null ? null : urlLine[1]);

  const dateChoice = chooseDate({ own: head.own, above: head.above, publishedTime: page.meta.publishedTime, dateline });
  warnings.push(...dateChoice.warnings);

  if (dateChoice.date === null) {
    warnings.push('no publication date found');
  }
  if (blocks.length === 0) {
    warnings.push('no body text found');
  }
  if (title !== null && !hasHan(title)) {
    warnings.push('the title has no Chinese characters');
  }

  return {
    file: page.file,
    title,
    date: dateChoice.date,
    source,
    url,
    reporter: people.reporter,
    correspondent: people.correspondent,
    editor: people.editor,
    credits: headMeta.filter((line) => !isDateLine(line)).concat(tailMeta),
    owner: page.siteOwner,
    blocks,
    ...(photos.length > 0 ? { photos } : {}),
    warnings,
  };
}

/** The longest title made from the first sentence of the story, in characters. */
const GENERATED_TITLE_MAX = 30;
/** A shorter piece than this says too little to be a title; the cut is made later. */
const GENERATED_TITLE_MIN = 6;
/** Where a clause ends. 、 is not one: it separates the items of a list, which a title should not split. */
const CLAUSE_BREAK = /[，；：,;:—]/u;
const SENTENCE_BREAK = /[。！？!?…]/u;
/** Characters that belong to a number, or to its unit right after it: 2.5亿, 1,000, 30%. */
const NUMBER_CHAR = /[\d.,%．０-９]/u;
const NUMBER_UNIT = /[万亿億千百元倍%]/u;

/** "近日，", "本报讯（记者 张三）", "张三报道：": the opening that tells when and by whom, not what. */
function withoutLeadIn(text: string): string {
  const dateline = readDateline(text);
  const steps = [
    (value: string) => (dateline !== null && value === text ? dateline.rest : value),
    (value: string) => value.replace(BYLINE_AT_START, ''),
    (value: string) => value.replace(/^\p{Script=Han}{2,4}报道\s*[：:，,]\s*/u, ''),
    (value: string) => value.replace(LEAD_TIME, ''),
    // A lead may open with someone's words in quotes (“…。”); what happened comes after them.
    (value: string) => value.replace(/^“[^“”]*[。！？!?]”\s*/u, ''),
    (value: string) => value.replace(LEAD_TIME, ''),
  ];
  return steps.reduce((value, step) => {
    const next = step(value).replace(/^[\s】\]）)，,：:]+/u, '');
    return next.length > 0 ? next : value;
  }, text);
}

/** The first sentence, ended by 。！？… outside any 《》, “” or bracket pair. */
function firstSentence(chars: string[]): string[] {
  let depth = 0;
  for (let index = 0; index < chars.length; index += 1) {
    const char = chars[index];
    if (PAIR_OPENERS.includes(char)) {
      depth += 1;
    } else if (PAIR_CLOSERS.includes(char) && depth > 0) {
      depth -= 1;
    } else if (depth === 0 && SENTENCE_BREAK.test(char)) {
      return chars.slice(0, index);
    }
  }
  return chars;
}

/** Whether the text may be cut before chars[index]: not inside a number or a Latin word. */
function isSafeCut(chars: string[], index: number): boolean {
  const before = chars[index - 1];
  const after = chars[index];
  const inNumber = /\d/u.test(before) ? NUMBER_CHAR.test(after) || NUMBER_UNIT.test(after) : NUMBER_CHAR.test(before) && /\d/u.test(after);
  return !inNumber && !(/[A-Za-z]/u.test(before) && /[A-Za-z]/u.test(after));
}

/**
 * The sentence cut to at most GENERATED_TITLE_MAX characters: at the last clause break (，；：、)
 * outside any pair, else at the last place outside a pair and a number, marked with …. When a pair
 * runs past the limit, the cut comes after it.
 */
function shortened(chars: string[]): string {
  if (chars.length <= GENERATED_TITLE_MAX) {
    return chars.join('');
  }
  let depth = 0;
  let clauseCut = -1;
  let safeCut = -1;
  let laterCut = -1;
  for (let index = 1; index < chars.length && laterCut === -1; index += 1) {
    const previous = chars[index - 1];
    depth += PAIR_OPENERS.includes(previous) ? 1 : PAIR_CLOSERS.includes(previous) && depth > 0 ? -1 : 0;
    if (depth > 0 || !isSafeCut(chars, index)) {
      continue;
    }
    if (index > GENERATED_TITLE_MAX) {
      laterCut = index;
    } else if (CLAUSE_BREAK.test(chars[index])) {
      clauseCut = index;
    } else {
      safeCut = index;
    }
  }
  if (clauseCut >= GENERATED_TITLE_MIN) {
    return chars.slice(0, clauseCut).join('');
  }
  const cut = safeCut >= GENERATED_TITLE_MIN ? safeCut : laterCut !== -1 ? laterCut : Math.min(chars.length, TITLE_MAX);
  return `${chars.slice(0, cut).join('')}…`;
}

/**
 * A title for a page that prints no headline, made from the first sentence of its story: without
 * the dateline, the byline and an opening such as "5月6日下午，", shortened at a natural break.
 * Null when the page has no text to make one from.
 */
export function titleFromText(blocks: Block[]): string | null {
  const first = blocks.find((block) => block.type === 'paragraph') ?? blocks[0];
  if (first === undefined) {
    return null;
  }
  const sentence = firstSentence([...withoutLeadIn(first.text)]);
  const title = shortened(sentence).replace(/[\s，、；：,;:—]+$/u, '').trim();
  return title.length > 0 ? title : null;
}
