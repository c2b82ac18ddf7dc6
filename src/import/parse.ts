/**
 * parse: cleaned lines → an article: title, date, source, URL, byline and
 * the body as paragraphs, subheadings and photo captions.
 */
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
  textLength,
  type Field,
  type FieldKind,
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
/**
 * Body dates count only this close to the top, and only in the opening
 * clause ("2020年4月10日，…" or "本报讯（记者 …）2020年4月10日…"): a date
 * later in the sentence is what the article is about, e.g. an event.
 */
const BODY_DATE_WINDOW = 2;

const CAPTION_PREFIX = /^(?:图为|图片为|图\s*[:：]|图片\s*[:：]|图\s*\d+\s*[:：、.]|图片来源|▲|△|↑|上图|下图|左图|右图|[（(【]\s*图)/u;
const PHOTO_CREDIT = /[（(][^（）()]*摄(?:影)?[）)]$|摄影\s*[:：/／]\s*\S{2,8}$|\s\S{2,4}\s?摄$/u;
const NUMBERED_HEADING =
  /^(?:第[一二三四五六七八九十百]+[章节部分篇条]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[、．](?!\d)|\d{1,2}\.(?!\d)|[（(]\d{1,2}[）)])/u;
const URL_LINE =
  /(?:原文链接|本文链接|原文地址|原文网址|文章链接|文章地址|本文地址|链接地址|网址)\s*[:：]\s*((?:https?:)?\/\/[^\s，。；、）)】\]]+)/u;
/** Values that say "this site" rather than naming a publisher. */
const PLACEHOLDER_SOURCE = /^(?:本站|本网|本站原创|原创|网络|互联网|转载|未知|不详)$/u;
const BYLINE_AT_START = /^(?:本报讯|本刊讯|本网讯|讯)?\s*[（(【[]([^）)】\]]*(?:记者|通讯员|作者)[^）)】\]]*)[）)】\]]/u;
const BYLINE_LABEL =
  /(本报记者|特约记者|见习记者|记者|特约通讯员|通讯员|责任编辑|责编|编辑|作者|摄影|(?:文|图)(?=\s*[：:/／]))\s*[：:/／]?\s*/gu;

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

/** Lines that describe the article rather than being part of it. */
function isAboutLine(line: string): boolean {
  return isMetaLine(line) || isDateLine(line) || isUrlLine(line);
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

function nonBlankIndexes(lines: string[]): number[] {
  return lines.flatMap((line, index) => (line.length > 0 ? [index] : []));
}

type TitleLine = { index: number; evidence: 'meta' | 'duplicate' | 'first' };

/**
 * In a text dump the title is the line right above the meta line (来源/日期),
 * or the line the first paragraph repeats, or else the first line — which,
 * once the header is gone, is where pages put it.
 */
function findTitleLine(lines: string[]): TitleLine | null {
  const top = nonBlankIndexes(lines).slice(0, HEAD_WINDOW);
  const metaAt = top.slice(0, META_LINE_WINDOW).findIndex((index) => isAboutLine(lines[index]));
  // A subtitle (——记…) may sit between the title and the meta line.
  for (let position = metaAt - 1; position >= 0 && position >= metaAt - 2; position -= 1) {
    if (isTitleLike(lines[top[position]])) {
      return { index: top[position], evidence: 'meta' };
    }
  }
  for (let position = 0; position + 1 < top.length && position < 5; position += 1) {
    const line = lines[top[position]];
    if (isTitleLike(line) && withoutFinalStop(lines[top[position + 1]]) === withoutFinalStop(line)) {
      return { index: top[position], evidence: 'duplicate' };
    }
  }
  const first = top.find((index) => !isAboutLine(lines[index]));
  if (first !== undefined && isTitleLike(lines[first])) {
    return { index: first, evidence: 'first' };
  }
  return null;
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

/** "（记者 张三 通讯员 李四）" or "记者张三" → labelled names, colons optional. */
function bylineFields(text: string): Field[] {
  const matches = [...text.matchAll(BYLINE_LABEL)];
  return matches.flatMap((match, position) => {
    const start = (match.index ?? 0) + match[0].length;
    const next = matches[position + 1];
    const value = text
      .slice(start, next === undefined ? text.length : next.index)
      .replace(/^[\s：:]+|[\s，,、；;（(【[）)】\]]+$/gu, '')
      .trim();
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

function readPeople(fields: Field[]): PersonFields {
  const people: PersonFields = { reporter: null, correspondent: null, editor: null };
  let editorRank = Number.POSITIVE_INFINITY;
  for (const field of fields) {
    const value = personValue(field.value);
    if (value === null) {
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

type DateChoice = { date: string | null; warnings: string[] };

function chooseDate(headMeta: string[], publishedTime: string | null, bodyLines: string[]): DateChoice {
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
  const dateFields = headMeta.flatMap((line) => findFields(line).filter((field) => field.kind === 'date').map((field) => field.value));
  const date =
    firstValid(dateFields) ??
    firstValid(headMeta) ??
    firstValid(publishedTime === null ? [] : [publishedTime]) ??
    firstValid(
      bodyLines
        .filter((line) => line.length > 0)
        .slice(0, BODY_DATE_WINDOW)
        .map((line) => line.split(/[，。；！？]/u)[0]),
    );
  return { date, warnings };
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
    if ((CAPTION_PREFIX.test(text) || PHOTO_CREDIT.test(text)) && length <= 2 * CAPTION_MAX) {
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

export function parse(page: CleanedPage): ParsedPage {
  // Only this stage's warnings: the caller collects every stage's own.
  const warnings: string[] = [];
  const lines = page.lines;
  const { title, index: titleIndex } = chooseTitle(page);

  const ignored = lines.slice(0, Math.max(titleIndex, 0)).filter((line) => line.length > 0);
  // A short line above the title that gives a full date (2023-05-12 17:30 发表于江苏) is its dateline.
  const headMeta = ignored.filter((line) => isAboutLine(line) || (textLength(line) <= 40 && findDates(line).some((found) => found.hasYear && found.valid)));
  const lostText = ignored.filter((line) => !isAboutLine(line) && (textLength(line) > 30 || /[。！？]/u.test(line)));
  if (lostText.length > 0) {
    warnings.push(`ignored ${lostText.length} line(s) of text above the title, starting "${lostText[0].slice(0, 30)}"`);
  }

  // After the title: its meta lines, a standalone byline, and a first
  // paragraph that only repeats the title are not part of the body.
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
      headMeta.push(line);
      start = index + 1;
      continue;
    }
    if (!seenDuplicate && title !== null && withoutFinalStop(line) === withoutFinalStop(title)) {
      seenDuplicate = true;
      start = index + 1;
      continue;
    }
    break;
  }

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

  const bodyLines: BodyLine[] = [];
  let blankBefore = false;
  for (const line of lines.slice(start, end)) {
    if (line.length === 0) {
      blankBefore = true;
      continue;
    }
    bodyLines.push({ text: line, blankBefore });
    blankBefore = false;
  }
  const blocks = classify(bodyLines);

  // 文/图：张三 credits one person for both: an empty label takes the value of the one after it.
  const metaFields = [...headMeta, ...tailMeta].flatMap((line) => {
    const fields = fieldsOf(line);
    return fields.map((field, index) => (field.value === '' && index + 1 < fields.length ? { ...field, value: fields[index + 1].value } : field));
  });
  const leadByline = bodyLines.length > 0 ? BYLINE_AT_START.exec(bodyLines[0].text) : null;
  const people = readPeople([...metaFields, ...(leadByline === null ? [] : bylineFields(leadByline[1]))]);

  const printedSource = metaFields
    .filter((field) => field.kind === 'source')
    .map((field) => sourceValue(field.value))
    .find((value): value is string => value !== null);
  const fallbackSource = page.siteOwner ?? page.meta.siteName;
  let source: string | null = printedSource ?? fallbackSource;
  if (printedSource !== undefined && PLACEHOLDER_SOURCE.test(printedSource) && fallbackSource !== null) {
    source = fallbackSource;
  }

  const urlLine = lines.map((line) => URL_LINE.exec(line)).find((match) => match !== null && match !== undefined);
  const url = page.meta.canonicalUrl ?? (urlLine === undefined || urlLine === null ? null : urlLine[1]);

  const dateChoice = chooseDate(headMeta, page.meta.publishedTime, bodyLines.map((line) => line.text));
  warnings.push(...dateChoice.warnings);

  if (title === null) {
    warnings.push('no title found');
  }
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
    blocks,
    warnings,
  };
}
