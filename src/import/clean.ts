/**
 * clean: decoded page → content lines. HTML is reduced to its visible text
 * first; then, for both formats, the lines are trimmed, punctuation is
 * normalised and site boilerplate is removed (and recorded in `removed`).
 *
 * How boilerplate is recognised, in order of confidence:
 *  1. Lines that are boilerplate wherever they appear: breadcrumbs, nav bars
 *     with separators, share bars, 上一篇/下一篇, print/close widgets, ICP and
 *     公安 filing numbers, copyright lines, 技术支持 credits, 平台建设中.
 *  2. The header: from the top, lines that are chrome (the above, contact
 *     lines, space-separated slogans, short menu runs, site-name lines that
 *     repeat in the footer); everything before a breadcrumb near the top.
 *  3. The footer: from the bottom up, lines that are chrome, contact lines
 *     (地址, 电话, 邮编 …), repeats of the header, and lists of links — short
 *     name-only lines after the footer, or a run of at least four of them that
 *     read like organisation names at the very end of the page.
 * Metadata lines (来源, 日期, 作者, 责任编辑 …) are never removed; parse needs
 * them. Contact-like lines are removed only in the header and the footer,
 * because an article may well print an address or a phone number.
 */
import { Parser } from 'htmlparser2';
import { readImageTag, type ImageTag } from './photos';
import type { CleanedPage, DecodedPage, PageImage, PageMeta } from './types';
import {
  collapseWhitespace,
  endsWithColon,
  findDates,
  hasHan,
  isBlank,
  isDateLine,
  isMetaLine,
  normalisePunctuation,
  readPostHeader,
  textLength,
} from './text';

const NO_META: PageMeta = {
  htmlTitle: null,
  canonicalUrl: null,
  siteName: null,
  description: null,
  publishedTime: null,
};

/** Link-list entries and site-name lines are at most this long. */
const NAME_MAX = 25;
/** Entries under 相关文章 or after the footer may be article titles. */
const LINK_TEXT_MAX = 60;
/** A run of this many name lines at the end of a page is a list of links. */
const LINK_LIST_MIN = 4;
/** How many lines at the top may precede a breadcrumb and still be header. */
const BREADCRUMB_WINDOW = 15;
/** How many lines at the top are compared with the footer for repeats. */
const HEAD_CANDIDATES_MAX = 10;

function longestFirst(words: string[]): string[] {
  return [...words].sort((left, right) => right.length - left.length);
}

/** A label that may be printed with stray spaces between its characters (邮 箱). */
function spacedLabel(label: string): string {
  return [...label].join('\\s?');
}

const CONTACT_LABELS = [
  '通讯地址', '联系地址', '办公地址', '单位地址', '地址', '联系电话', '咨询电话', '办公电话', '服务电话', '服务热线',
  '热线电话', '举报电话', '监督电话', '电话', '传真', '电子邮箱', '电子邮件', '投稿邮箱', '邮箱', '邮件', '邮编',
  '邮政编码', '主办单位', '承办单位', '协办单位', '主管单位', '指导单位', '主办', '承办', '协办', '主管', '网站维护',
  '技术支持', '技术维护', '联系人', '联系方式', '微信公众号', '公众号',
];

const CONTACT_FIELD = new RegExp(
  `(?:${longestFirst(CONTACT_LABELS).map(spacedLabel).join('|')}|E-?mail|Tel|Fax|Add(?:ress)?)\\s*[:：]`,
  'iu',
);

const PHONE_NUMBER = /(?<!\d)(?:0\d{2,3}[-—－]?\d{7,8}|1[3-9]\d{9})(?!\d)/u;

const FOOTER_MARKERS: RegExp[] = [
  /ICP\s*[备证]|ICP\s*\d|备案号|备案序号|备案编号|公网安备|公安网备|公安网安备|公安备案|网安备\s*\d|网站标识码/iu,
  /版权所有|版权归|Copyright|All\s+Rights\s+Reserved|©|\(c\)\s*\d{4}|（c）\s*\d{4}/iu,
  /技术支持\s*[:：]|^技术支持|网站(?:建设|设计|制作)\s*[:：]|建议.{0,20}(?:浏览器|分辨率)/u,
  /(?:平台|网站|栏目|页面|正在)建设中/u,
  /访问量|访问人数|访客数|浏览次数|您是第\s*\d+\s*位|本站访问|总访问/u,
];

const BREADCRUMB =
  /^(?:您现在的位置|你现在的位置|您当前的位置|您当前位置|您所在的位置|您目前的位置|您的位置|你的位置|当前位置|现在位置|所在位置)|^位置\s*[:：]|^(?:首页|网站首页|主页|Home)\s*(?:[>＞»›→/]|&gt;)/iu;

const CRUMB_SEPARATOR = /\s*(?:[>＞»›→]|&gt;)\s*/u;

const NAV_WORDS = new Set([
  '首页', '网站首页', '主页', '返回首页', '关于我们', '联系我们', '网站地图', '站点地图', '新闻中心', '新闻动态',
  '通知公告', '登录', '注册', '会员登录', '用户登录', '搜索', '简体', '繁體', '繁体', 'English', '无障碍', '网站导航',
  '帮助', '隐私政策', '免责声明', '网站声明', '法律声明', '意见反馈', '留言板', '在线留言', '手机版', '移动版', '电脑版',
]);

const ACTION_WORDS = new Set([
  '打印', '打印本页', '打印此页', '打印文章', '打印本文', '打印页面', '关闭', '关闭窗口', '关闭本页', '关闭页面', '返回',
  '返回顶部', '回到顶部', '返回上页', '返回列表', '顶部', 'TOP', 'Top', 'top', '收藏', '加入收藏', '收藏本页', '收藏本站',
  '设为首页', '纠错', '我要纠错', '推荐', '推荐给朋友', '评论', '发表评论', '我要评论', '更多', '字体', '字号', '大', '中',
  '小', '默认', '放大', '缩小', '扫一扫', '分享', '保存', '保存本页', '点赞', '微信', '微博', '新浪微博', '腾讯微博',
  'QQ空间', 'QQ好友', 'QQ', '朋友圈', '人人网', '豆瓣', '百度贴吧', '今日头条', '复制链接', '微信好友',
]);

const FONT_SIZE_WIDGET =
  /[【[]?\s*字[体号]\s*[:：]?\s*[【[]?\s*大\s*[】\]]?\s*[【[]?\s*中\s*[】\]]?\s*[【[]?\s*小\s*[】\]]?\s*[】\]]?/gu;

const SHARE_BAR = /^(?:分享到|分享至|一键分享|分享\s*[:：]|分享$)/u;

const PREVIOUS_NEXT = /^[【[（(]?\s*(?:上一篇|下一篇|上一条|下一条|上一页|下一页|前一篇|后一篇|上篇|下篇)/u;

const SECTION_LABEL =
  /^(?:友情链接|相关链接|相关新闻|相关文章|相关稿件|相关信息|推荐新闻|政务服务|政府网站|部门网站|区县网站|市县网站|网站群|相关阅读|相关报道|相关资讯|推荐阅读|延伸阅读|热点新闻|热点推荐|热门文章|热门新闻|热门推荐|最新文章|最新新闻|最新动态|最新资讯|猜你喜欢|精彩推荐|图片新闻|网站导航|快速导航|扫一扫|扫码关注|关注我们|微信扫一扫|手机扫一扫|官方微信|官方微博)/u;

/** Organisation-ish endings; link lists in these footers are mostly such names. */
const ORGANISATION_ENDING =
  /(?:会|联|盟|部|局|厅|委|办|院|校|所|站|社|网|台|报|刊|中心|公司|集团|银行|政府|平台|在线|频道|俱乐部|基地)$/u;

const NAV_SEPARATOR = /[|｜丨┃•]/u;

/**
 * 政府网站：某网 某省人民政府 某市人民政府 区县网站：…: a footer's labelled lists of links, flattened
 * onto one line — labels with colons, then names of bodies separated by spaces, no sentence.
 */
function isLabelledLinkList(flat: string): boolean {
  if (!/^\p{Script=Han}{2,6}[：:]/u.test(flat) || /[。，；！？,;]/u.test(flat)) {
    return false;
  }
  const names = flat.split(/\s+|\p{Script=Han}{2,6}[：:]/u).filter((part) => part !== '');
  return names.length >= 3 && names.filter((name) => ORGANISATION_ENDING.test(name)).length * 3 >= names.length * 2;
}

/** 第05版：综合, 版面：第A3版 上一篇 — the e-paper page an article was printed on, with its page links. */
const EDITION_LINE =
  /^(?:版面|版次)?\s*[：:]?\s*第?\s*[A-Za-z]?\d{1,3}\s*版(?:\s*[：:]\s*[\p{L}\p{N}]{0,8})?(?:\s*(?:上一篇|下一篇|上一版|下一版|上一期|下一期))*\s*$/u;

/** Markup that leaked into the text: the end of an HTML comment, say. */
const MARKUP_RESIDUE = /<!--|-->/u;

/** 特别声明：本文经授权发布… — the platform's disclaimer under an article. */
const DISCLAIMER = /^[【[（(]?\s*(?:特别声明|免责声明|版权声明|郑重声明)\s*[：:】\]）)]/u;

/** "Follow us", "leave a comment": a post's closing call to its readers. */
const CALL_TO_ACTION =
  /关注.{0,8}(?:公众号|微信|微博|我们)|(?:长按|扫描|扫码|识别).{0,8}二维码|扫码关注|阅读原文|点击(?:上方|下方|蓝字)|(?:留言|评论).{0,10}(?:看法|建议|观点|想法)|点.?[“"]?在看|转发.{0,6}朋友圈/u;
/** Calls to action are short; a longer line that mentions a 公众号 is text. */
const CALL_TO_ACTION_MAX = 40;
/** Disclaimers run to a few sentences. */
const DISCLAIMER_MAX = 300;

function tokensOf(text: string, separators: RegExp): string[] {
  return text.split(separators).filter((token) => token.length > 0);
}

const HAS_PUNCTUATION = /[，。、；：！？,;:!?“”"]/u;

function isBreadcrumb(flat: string): boolean {
  if (BREADCRUMB.test(flat)) {
    return true;
  }
  const segments = flat.split(CRUMB_SEPARATOR);
  if (segments.length < 3 || segments.some((segment) => segment.length === 0)) {
    return false;
  }
  return segments.slice(0, -1).every((segment) => textLength(segment) <= 20 && !HAS_PUNCTUATION.test(segment));
}

/** 打印 | 关闭, 【字体：大 中 小】, 微信 微博 QQ空间, 首页 — nothing but widgets. */
function isWidgetLine(flat: string): boolean {
  const rest = flat.replace(FONT_SIZE_WIDGET, ' ');
  const tokens = tokensOf(rest, /[\s|｜丨┃•·/【】[\]（）()<>»]+/u).map((token) => token.replace(/^[>»]+|[>»:：]+$/gu, ''));
  const meaningful = tokens.filter((token) => token.length > 0);
  if (meaningful.length === 0) {
    return rest.length < flat.length;
  }
  return meaningful.every((token) => ACTION_WORDS.has(token) || NAV_WORDS.has(token));
}

/** 首页 | 关于我们 | 新闻中心, or a slogan bar such as "服务 | 创新 | 协作 |". */
function isNavBar(flat: string): boolean {
  if (HAS_PUNCTUATION.test(flat) || textLength(flat) > 120) {
    return false;
  }
  const tokens = tokensOf(flat, /[\s|｜丨┃•]+/u);
  if (tokens.some((token) => textLength(token) > 8)) {
    return false;
  }
  const navWords = tokens.filter((token) => NAV_WORDS.has(token)).length;
  return (NAV_SEPARATOR.test(flat) && tokens.length >= 3) || (tokens.length >= 2 && navWords >= 2);
}

/** "服务  创新  协作  规范" — short words separated by spaces only. */
function isSpacedTokens(flat: string): boolean {
  const tokens = tokensOf(flat, /\s+/u);
  return tokens.length >= 3 && tokens.every((token) => textLength(token) <= 6 && /^[\p{L}\p{N}]+$/u.test(token));
}

function isNameLike(flat: string): boolean {
  return (
    textLength(flat) <= NAME_MAX &&
    /^[\p{L}\p{N}\s·&（）()\-—.]+$/u.test(flat) &&
    /\p{L}/u.test(flat) &&
    findDates(flat).length === 0
  );
}

/** Short enough for a link text and not a sentence. */
function isLinkText(flat: string): boolean {
  return textLength(flat) <= LINK_TEXT_MAX && !/[。！？；]/u.test(flat) && !endsWithColon(flat);
}

type LineInfo = {
  /** The line as it was, trimmed. */
  raw: string;
  /** Whitespace collapsed; what the rules look at. */
  flat: string;
  blank: boolean;
  /** 来源/日期/… or a date line: never removed. */
  meta: boolean;
  /** Inside an HTML nav/header/footer/aside. */
  chrome: boolean;
  /** Boilerplate wherever it appears. */
  strong: boolean;
  /** 地址/电话/邮编/主办单位 …: boilerplate in the header or the footer only. */
  contact: boolean;
  /** A disclaimer or a call to follow or comment: boilerplate in the footer only. */
  footerNote: boolean;
  /** 友情链接, 相关新闻 …: starts a list of links in the header or footer. */
  sectionLabel: boolean;
  /** "服务 创新 协作 规范": a slogan or menu when it is in the header. */
  spacedTokens: boolean;
  breadcrumb: boolean;
  /** Could be an entry of a link list: a short name without punctuation. */
  nameLike: boolean;
  /** Could be a link text under 相关新闻 or after the footer. */
  linkText: boolean;
};

function describeLine(raw: string, chrome: boolean): LineInfo {
  const trimmed = raw.trim();
  const flat = collapseWhitespace(trimmed);
  const blank = isBlank(trimmed);
  const meta = !blank && (isMetaLine(flat) || isDateLine(flat) || readPostHeader(flat) !== null);
  const sentence = /[。！？]/u.test(flat);
  const breadcrumb = !blank && !meta && isBreadcrumb(flat);
  const strong =
    !blank &&
    !meta &&
    (breadcrumb ||
      (SHARE_BAR.test(flat) && textLength(flat) <= 60) ||
      (PREVIOUS_NEXT.test(flat) && textLength(flat) <= 120) ||
      MARKUP_RESIDUE.test(flat) ||
      (!sentence && textLength(flat) <= 40 && EDITION_LINE.test(flat)) ||
      (!sentence && (isWidgetLine(flat) || isNavBar(flat) || FOOTER_MARKERS.some((marker) => marker.test(flat)))));
  const short = !blank && !meta && !sentence;
  return {
    raw: trimmed,
    flat,
    blank,
    meta,
    chrome,
    strong,
    // "联系方式：" alone is a heading that introduces contact lines, not one.
    contact:
      short &&
      !endsWithColon(flat) &&
      textLength(flat) <= 200 &&
      (CONTACT_FIELD.test(flat) || (PHONE_NUMBER.test(flat) && textLength(flat) <= 80)),
    footerNote:
      !blank &&
      !meta &&
      ((DISCLAIMER.test(flat) && textLength(flat) <= DISCLAIMER_MAX) || (CALL_TO_ACTION.test(flat) && textLength(flat) <= CALL_TO_ACTION_MAX)),
    sectionLabel: (short && textLength(flat) <= 30 && SECTION_LABEL.test(flat)) || isLabelledLinkList(flat),
    spacedTokens: short && isSpacedTokens(flat),
    breadcrumb,
    nameLike: short && isNameLike(flat),
    linkText: short && isLinkText(flat),
  };
}

function nextNonBlank(infos: LineInfo[], index: number): number {
  for (let next = index + 1; next < infos.length; next += 1) {
    if (!infos[next].blank) {
      return next;
    }
  }
  return -1;
}

function previousNonBlank(infos: LineInfo[], index: number): number {
  for (let previous = index - 1; previous >= 0; previous -= 1) {
    if (!infos[previous].blank) {
      return previous;
    }
  }
  return -1;
}

function withoutFinalStop(text: string): string {
  return text.replace(/[。.！!\s]+$/u, '');
}

/**
 * The article title sits right above the meta line, or right above its own
 * repetition as the first paragraph; such a line is never header chrome.
 */
function isTitlePosition(infos: LineInfo[], index: number): boolean {
  const next = nextNonBlank(infos, index);
  if (next === -1) {
    return false;
  }
  return infos[next].meta || withoutFinalStop(infos[next].flat) === withoutFinalStop(infos[index].flat);
}

/** Short lines at the top, before the article starts, that could be site chrome. */
function headCandidates(infos: LineInfo[]): { texts: Set<string>; last: number } {
  const texts = new Set<string>();
  let last = -1;
  let seen = 0;
  for (let index = 0; index < infos.length && seen < HEAD_CANDIDATES_MAX; index += 1) {
    const info = infos[index];
    if (info.blank) {
      continue;
    }
    seen += 1;
    if (info.meta || textLength(info.flat) > 40 || /[。！？]/u.test(info.flat) || isTitlePosition(infos, index)) {
      break;
    }
    texts.add(info.flat);
    last = index;
  }
  return { texts, last };
}

/**
 * "联系方式：" followed by 联系人/电话 lines, or "主办单位：" lines under a
 * heading ending in a colon, belong to the article (a notice), not the footer.
 */
function isIntroducedContact(infos: LineInfo[], index: number): boolean {
  let first = index;
  while (first !== -1 && infos[first].contact && !infos[first].strong && !infos[first].chrome) {
    const previous = previousNonBlank(infos, first);
    if (previous !== -1 && endsWithColon(infos[previous].flat)) {
      return true;
    }
    first = previous;
  }
  return false;
}

function isFooterChrome(info: LineInfo): boolean {
  return info.chrome || info.strong || info.contact || info.sectionLabel || info.footerNote;
}

/**
 * Walks up from the end of the page over footer chrome. Link texts met on
 * the way are kept pending: they are confirmed as chrome when footer chrome
 * precedes them, or when they form a run of organisation-like names at the
 * very end of the article that no "…：" line introduces.
 */
function findFooterStart(infos: LineInfo[], head: { texts: Set<string>; last: number }): number {
  let footerStart = infos.length;
  let pending: number[] = [];
  for (let index = infos.length - 1; index > head.last; index -= 1) {
    const info = infos[index];
    if (info.blank) {
      continue;
    }
    if (info.meta) {
      break;
    }
    if ((isFooterChrome(info) && !isIntroducedContact(infos, index)) || head.texts.has(info.flat)) {
      footerStart = index;
      pending = [];
      continue;
    }
    if (info.linkText) {
      pending.push(index);
      continue;
    }
    break;
  }
  if (pending.length >= LINK_LIST_MIN && pending.every((index) => infos[index].nameLike)) {
    const organisationLike = pending.filter((index) => ORGANISATION_ENDING.test(infos[index].flat)).length;
    const first = pending[pending.length - 1];
    const introduction = previousNonBlank(infos, first);
    const introduced = introduction !== -1 && endsWithColon(infos[introduction].flat);
    if (organisationLike * 2 >= pending.length && !introduced) {
      footerStart = first;
    }
  }
  return footerStart;
}

/** True when the line is printed again in the footer, alone or inside a longer line. */
function repeatsInFooter(flat: string, footerTexts: string[]): boolean {
  return footerTexts.some((text) => text === flat || (textLength(flat) >= 4 && text.includes(flat)));
}

/** End (exclusive) of the header: site chrome above the article. */
function findHeaderEnd(infos: LineInfo[], footerTexts: string[]): number {
  let headerEnd = 0;
  const top: number[] = [];
  for (let index = 0; index < infos.length && top.length < BREADCRUMB_WINDOW; index += 1) {
    if (!infos[index].blank) {
      top.push(index);
    }
  }
  const crumb = top.find((index) => infos[index].breadcrumb);
  if (crumb !== undefined) {
    const before = top.filter((index) => index < crumb);
    const allChromeLike = before.every(
      (index) =>
        !infos[index].meta &&
        !isTitlePosition(infos, index) &&
        textLength(infos[index].flat) <= 40 &&
        !/[。！？；]/u.test(infos[index].flat),
    );
    if (allChromeLike) {
      headerEnd = crumb + 1;
    }
  }

  let index = headerEnd;
  while (index < infos.length) {
    const info = infos[index];
    if (info.blank) {
      index += 1;
      continue;
    }
    if (info.meta || isTitlePosition(infos, index)) {
      break;
    }
    if (info.chrome || info.strong || info.contact || info.sectionLabel || info.spacedTokens || repeatsInFooter(info.flat, footerTexts)) {
      index += 1;
      headerEnd = index;
      continue;
    }
    // A menu dumped one item per line: three or more very short names.
    let runEnd = index;
    let runLength = 0;
    while (runEnd < infos.length && (infos[runEnd].blank || (infos[runEnd].nameLike && textLength(infos[runEnd].flat) <= 8))) {
      if (!infos[runEnd].blank) {
        if (isTitlePosition(infos, runEnd)) {
          break;
        }
        runLength += 1;
      }
      runEnd += 1;
    }
    if (runLength >= 3) {
      index = runEnd;
      headerEnd = runEnd;
      continue;
    }
    break;
  }
  return headerEnd;
}

const OWNER_STOP = /[\s,，;；|｜]/u;

/** Strips punctuation around a name but keeps brackets that belong to it: XX联合会（总商会）. */
function trimName(token: string): string {
  let name = token.replace(/^[^\p{L}\p{N}（(]+|[^\p{L}\p{N}）)]+$/gu, '');
  const opened = (name.match(/[（(]/gu) ?? []).length;
  const closed = (name.match(/[）)]/gu) ?? []).length;
  if (closed > opened) {
    name = name.replace(/[）)]+$/u, '');
  } else if (opened > closed) {
    name = name.replace(/^[（(]+/u, '');
  }
  return name;
}

function firstOrganisationName(text: string): string | null {
  const cleaned = text
    .replace(/Copyright|All\s+Rights\s+Reserved\.?|版权所有|保留所有权利|©|\(c\)|（c）/giu, ' ')
    .replace(/\d{4}\s*(?:[-–—~至]\s*\d{4})?\s*年?/gu, ' ')
    .replace(/[:：]/gu, ' ');
  for (const token of cleaned.split(OWNER_STOP)) {
    const name = trimName(token);
    if (hasHan(name) && textLength(name) >= 3 && textLength(name) <= 40 && !CONTACT_FIELD.test(`${name}：`)) {
      return name;
    }
  }
  return null;
}

/**
 * The organisation that runs the site, from the footer: 主办单位 first (it
 * names the owner outright), then 版权所有 / © lines. 技术支持 names the web
 * agency and is never taken.
 */
function findSiteOwner(removed: string[]): string | null {
  for (const line of removed) {
    const match = /主\s?办(?:\s?单\s?位)?\s*[:：]\s*(.+)$/u.exec(collapseWhitespace(line));
    if (match !== null) {
      const value = trimName(match[1].split(OWNER_STOP)[0]);
      if (hasHan(value) && textLength(value) >= 3) {
        return value;
      }
    }
  }
  for (const line of removed) {
    const flat = collapseWhitespace(line).replace(/技术支持\s*[:：]?\s*\S+/gu, ' ');
    const afterLabel = /版权所有\s*[:：]\s*(.+)$/u.exec(flat);
    if (afterLabel !== null) {
      const name = firstOrganisationName(afterLabel[1]);
      if (name !== null) {
        return name;
      }
    }
    const beforeLabel = /(?:^|[\s|｜])([^\s|｜]+?)\s*版权所有/u.exec(flat);
    if (beforeLabel !== null) {
      const name = firstOrganisationName(beforeLabel[1]);
      if (name !== null) {
        return name;
      }
    }
    const copyright = /(?:©|Copyright|\(c\)|（c）)(.*)$/iu.exec(flat);
    if (copyright !== null) {
      const name = firstOrganisationName(copyright[1]);
      if (name !== null) {
        return name;
      }
    }
  }
  return null;
}

type SourceLine = { text: string; chrome: boolean; image?: ImageTag };

function cleanLines(source: SourceLine[]): { lines: string[]; removed: string[]; siteOwner: string | null; images: PageImage[] } {
  const infos = source.map((line) => describeLine(line.text, line.chrome));
  const head = headCandidates(infos);
  const footerStart = findFooterStart(infos, head);
  const footerTexts = infos.slice(footerStart).filter((info) => !info.blank).map((info) => info.flat);
  const headerEnd = findHeaderEnd(infos, footerTexts);

  const lines: string[] = [];
  const removed: string[] = [];
  const images: PageImage[] = [];
  infos.forEach((info, index) => {
    const image = source[index].image;
    // An image in the site's header, footer or chrome is the site's, not the story's.
    if (image !== undefined && !info.chrome && index >= headerEnd && index < footerStart) {
      images.push({ ...image, before: lines.length });
    }
    if (info.blank) {
      if (lines.length > 0 && lines[lines.length - 1] !== '') {
        lines.push('');
      }
      return;
    }
    const boilerplate =
      !info.meta && (info.chrome || info.strong || index < headerEnd || index >= footerStart);
    if (boilerplate) {
      removed.push(info.raw);
      return;
    }
    lines.push(collapseWhitespace(normalisePunctuation(info.flat)));
  });
  while (lines.length > 0 && lines[lines.length - 1] === '') {
    lines.pop();
  }
  return { lines, removed, siteOwner: findSiteOwner(removed), images: images.map((image) => ({ ...image, before: Math.min(image.before, lines.length) })) };
}

/**
 * Lines longer than this (in UTF-16 units, which is characters for Chinese text) are split. A news
 * paragraph rarely runs past a thousand characters and the longest seen in scraped pages are a few
 * thousand; a longer line is a page dumped without line breaks (or a hostile one), and every rule
 * downstream reads a line or a sentence at a time, so bounding lines bounds their cost.
 */
export const MAX_LINE_CHARS = 5000;

const SENTENCE_ENDS = new Set(['。', '！', '？', '；', '!', '?', ';']);
const CLAUSE_ENDS = new Set(['，', '、', '：', ',', ':', ' ', '\u3000']);

/** Where to cut a long line within [from, from + MAX_LINE_CHARS): after the last sentence end, else clause end. */
function cutPoint(text: string, from: number): number {
  const limit = from + MAX_LINE_CHARS;
  let clauseEnd = -1;
  for (let index = limit - 1; index > from; index -= 1) {
    const char = text[index];
    if (SENTENCE_ENDS.has(char)) {
      return index + 1;
    }
    if (clauseEnd === -1 && CLAUSE_ENDS.has(char)) {
      clauseEnd = index + 1;
    }
  }
  if (clauseEnd !== -1) {
    return clauseEnd;
  }
  // No break anywhere: cut, but never between the halves of a surrogate pair.
  const code = text.charCodeAt(limit);
  return code >= 0xdc00 && code <= 0xdfff ? limit - 1 : limit;
}

/** A long line as paragraphs of at most MAX_LINE_CHARS, cut at sentence ends where there are any. */
function splitLongLine(text: string): string[] {
  const pieces: string[] = [];
  let from = 0;
  while (text.length - from > MAX_LINE_CHARS) {
    const cut = cutPoint(text, from);
    pieces.push(text.slice(from, cut));
    from = cut;
  }
  pieces.push(text.slice(from));
  return pieces.filter((piece) => piece.trim().length > 0);
}

function splitLongLines(source: SourceLine[], warnings: string[]): SourceLine[] {
  let split = 0;
  let longest = 0;
  const lines = source.flatMap((line) => {
    if (line.text.length <= MAX_LINE_CHARS) {
      return [line];
    }
    split += 1;
    longest = Math.max(longest, line.text.length);
    return splitLongLine(line.text).map((text) => ({ text, chrome: line.chrome }));
  });
  if (split > 0) {
    warnings.push(
      `${split} line(s) longer than ${MAX_LINE_CHARS} characters (the longest has ${longest}) were split into paragraphs at sentence ends`,
    );
  }
  return lines;
}

/**
 * A page cut off inside a multi-byte character ends in U+FFFD, the mark of the bytes that could not
 * be decoded. That mark is not text: it is dropped, and the page is said to look truncated.
 */
function withoutBrokenEnd(source: SourceLine[], warnings: string[]): SourceLine[] {
  let last = source.length - 1;
  while (last >= 0 && isBlank(source[last].text)) {
    last -= 1;
  }
  if (last === -1 || !/\ufffd\s*$/u.test(source[last].text)) {
    return source;
  }
  warnings.push('the page looks truncated: it ends inside a character, which was dropped');
  const text = source[last].text.replace(/[\ufffd\s]+$/u, '');
  return [...source.slice(0, last), { ...source[last], text }];
}

export function clean(page: DecodedPage): CleanedPage {
  // Only this stage's warnings: the caller collects every stage's own.
  const warnings: string[] = [];
  let meta = NO_META;
  let source: SourceLine[];
  if (page.format === 'html') {
    const root = parseHtml(page.text);
    meta = readMeta(root);
    source = renderLines(root);
  } else {
    source = page.text.split(/\r\n|\r|\n/u).map((text) => ({ text, chrome: false }));
  }
  const { lines, removed, siteOwner, images } = cleanLines(splitLongLines(withoutBrokenEnd(source, warnings), warnings));
  if (lines.length === 0) {
    warnings.push('no text left after removing boilerplate');
  }
  return { file: page.file, format: page.format, lines, removed, meta, siteOwner, ...(images.length > 0 ? { images } : {}), warnings };
}

// ---------------------------------------------------------------------------
// HTML, read with htmlparser2 (forgiving with real-world, often broken or truncated markup) into a
// small tree, then rendered as lines of visible text. Nothing here recurses on the depth of the
// markup: a page of 20,000 nested elements is walked with a stack of its own, not the call stack.

type HtmlElement = {
  tag: string;
  attributes: Map<string, string>;
  children: HtmlNode[];
  /** False when the element was closed by the end of the page or by an enclosing end tag, not its own. */
  closed: boolean;
};

type HtmlNode = HtmlElement | string;

function element(tag: string, attributes: Map<string, string>): HtmlElement {
  return { tag, attributes, children: [], closed: false };
}

/** Void elements (br, img …) have no end tag; htmlparser2 closes them at once, as implied. */
const VOID_ELEMENTS = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr',
]);

/**
 * How deep elements may nest. Chromium's HTML parser stops nesting at 512 (deeper elements become
 * siblings); real pages stay far below it, under a hundred. htmlparser2 keeps its open elements in an
 * array it searches and shifts on every tag, so its cost grows with the depth; a page nested deeper
 * is refused rather than read at a cost that grows with the square of its size.
 */
export const MAX_HTML_DEPTH = 512;

/** A page the clean stage will not read, with the reason an editor is shown. */
export class RefusedPage extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedPage';
  }
}

/**
 * Builds the tree from htmlparser2's events. Entities are decoded by the parser; text split over
 * several events (around an entity, say) is joined back into one string.
 */
function parseHtml(html: string): HtmlElement {
  const root = element('#root', new Map());
  root.closed = true;
  const stack: HtmlElement[] = [root];
  const current = (): HtmlElement => stack[stack.length - 1];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (stack.length > MAX_HTML_DEPTH) {
          // Thrown out of the parser: nothing after this tag is read.
          throw new RefusedPage(`the HTML nests elements more than ${MAX_HTML_DEPTH} deep (real pages stay under a hundred); not read`);
        }
        const node = element(name, new Map(Object.entries(attributes)));
        current().children.push(node);
        stack.push(node);
      },
      ontext(text) {
        const children = current().children;
        const last = children.length - 1;
        if (last >= 0 && typeof children[last] === 'string') {
          children[last] = `${children[last] as string}${text}`;
        } else {
          children.push(text);
        }
      },
      onclosetag(name, isImplied) {
        if (stack.length === 1) {
          return;
        }
        const node = stack.pop() as HtmlElement;
        node.closed = !isImplied || VOID_ELEMENTS.has(name);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return root;
}

/** Every element, in document order, without recursion. */
function* elements(root: HtmlElement): Generator<HtmlElement> {
  const pending: HtmlElement[] = [root];
  while (pending.length > 0) {
    const node = pending.pop() as HtmlElement;
    yield node;
    for (let index = node.children.length - 1; index >= 0; index -= 1) {
      const child = node.children[index];
      if (typeof child !== 'string') {
        pending.push(child);
      }
    }
  }
}

/** The text inside an element (the <title>), without recursion. */
function textContent(root: HtmlElement): string {
  const parts: string[] = [];
  const pending: HtmlNode[] = [root];
  while (pending.length > 0) {
    const node = pending.pop() as HtmlNode;
    if (typeof node === 'string') {
      parts.push(node);
      continue;
    }
    for (let index = node.children.length - 1; index >= 0; index -= 1) {
      pending.push(node.children[index]);
    }
  }
  return parts.join('');
}

function squash(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

const PUBLISHED_TIME_KEYS = [
  'article:published_time',
  'og:published_time',
  'og:release_date',
  'datepublished',
  'pubdate',
  'publishdate',
  'publish_date',
  'publication_date',
  'publishtime',
  'dc.date.issued',
  'dc.date',
  'date',
];

const SITE_NAME_KEYS = ['og:site_name', 'sitename', 'site_name', 'application-name'];

function isAbsoluteUrl(value: string): boolean {
  return /^(?:https?:)?\/\//i.test(value);
}

/** Title, canonical URL, site name, description and publication time. */
function readMeta(root: HtmlElement): PageMeta {
  const metaValues = new Map<string, string>();
  let title: string | null = null;
  let canonical: string | null = null;
  for (const node of elements(root)) {
    if (node.tag === 'title' && title === null) {
      const text = squash(textContent(node));
      title = text.length > 0 ? text : null;
    } else if (node.tag === 'meta') {
      const key = (node.attributes.get('property') ?? node.attributes.get('name') ?? node.attributes.get('itemprop') ?? '')
        .trim()
        .toLowerCase();
      const value = squash(node.attributes.get('content') ?? '');
      if (key.length > 0 && value.length > 0 && !metaValues.has(key)) {
        metaValues.set(key, value);
      }
    } else if (node.tag === 'link' && canonical === null) {
      const rel = (node.attributes.get('rel') ?? '').toLowerCase().split(/\s+/);
      const href = (node.attributes.get('href') ?? '').trim();
      if (rel.includes('canonical') && isAbsoluteUrl(href)) {
        canonical = href;
      }
    }
  }
  const first = (keys: string[]): string | null => {
    for (const key of keys) {
      const value = metaValues.get(key);
      if (value !== undefined) {
        return value;
      }
    }
    return null;
  };
  const ogUrl = metaValues.get('og:url');
  return {
    htmlTitle: title ?? first(['og:title', 'articletitle']),
    canonicalUrl: canonical ?? (ogUrl !== undefined && isAbsoluteUrl(ogUrl) ? ogUrl : null),
    siteName: first(SITE_NAME_KEYS),
    description: first(['description', 'og:description']),
    publishedTime: first(PUBLISHED_TIME_KEYS),
  };
}

/** A rendered line; `chrome` is true for text of nav/header/footer/aside. */
type RenderedLine = { text: string; chrome: boolean; image?: ImageTag };

const BLOCK_ELEMENTS = new Set([
  'address', 'article', 'blockquote', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li', 'main',
  'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'ul', 'aside', 'body', 'html',
  'option', 'select',
]);

/** Never visible as text. */
const INVISIBLE_ELEMENTS = new Set([
  'head', 'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'video',
  'audio', 'map', 'input', 'textarea', 'button', 'title', 'meta', 'link', 'base', 'noembed', 'noframes', 'xmp',
]);

/** Site chrome by HTML semantics. */
const CHROME_ELEMENTS = new Set(['nav', 'header', 'footer', 'aside', 'select']);
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary']);

/** Inside these, header/footer belong to the article (its title, its byline). */
const CONTENT_ELEMENTS = new Set(['article', 'main']);

function roleOf(node: HtmlElement): string {
  return (node.attributes.get('role') ?? '').toLowerCase();
}

/** nav, header, footer, aside … that are properly closed: site chrome unless they carry the article's meta line. */
function isChromeCandidate(node: HtmlElement): boolean {
  return node.closed && (CHROME_ELEMENTS.has(node.tag) || CHROME_ROLES.has(roleOf(node)));
}

function isHidden(node: HtmlElement): boolean {
  if (node.attributes.has('hidden')) {
    return true;
  }
  const style = (node.attributes.get('style') ?? '').replace(/\s+/g, '').toLowerCase();
  return style.includes('display:none') || style.includes('visibility:hidden');
}

const HAN_CHAR = '\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef“”‘’';
/**
 * Browsers drop a line break in the source between two Chinese characters
 * (CSS Text: segment breaks between wide characters are removed) instead of
 * rendering it as a space; do the same. One break character, then any
 * whitespace: two quantifiers over the same characters would backtrack over
 * every split of a long run of newlines.
 */
const BREAK_BETWEEN_HAN = new RegExp(`(?<=[${HAN_CHAR}])[ \\t]*[\\r\\n]\\s*(?=[${HAN_CHAR}])`, 'gu');

/**
 * How one rendering pass treats elements: `chromeOf` says whether an element is site chrome (never,
 * when the pass only looks for meta lines), and `ranges` collects the lines each chrome candidate
 * rendered to, when asked.
 */
type RenderMode = { chromeOf: (node: HtmlElement, inContent: boolean) => boolean; ranges: Map<HtmlElement, [number, number]> | null };

/** One open element of the walk: what it passes on to its children and where it is among them. */
type Frame = {
  node: HtmlElement;
  chrome: boolean;
  inContent: boolean;
  preformatted: boolean;
  block: boolean;
  next: number;
  previousWasLink: boolean;
  /** The <figure> this element is in, whose <figcaption> captions its image. */
  figure: HtmlElement | null;
};

/** Collects rendered lines: text is appended to the current line until a block or <br> ends it. */
class LineWriter {
  readonly lines: RenderedLine[] = [];
  private parts: string[] = [];
  private hasText = false;
  private endsWithSpace = false;
  private chrome = false;

  flush(keepEmpty: boolean, chrome: boolean): void {
    if (this.hasText) {
      this.lines.push({ text: this.parts.join(''), chrome: this.chrome });
    } else if (keepEmpty) {
      this.lines.push({ text: '', chrome });
    }
    this.parts = [];
    this.hasText = false;
    this.endsWithSpace = false;
  }

  append(text: string, chrome: boolean): void {
    if (text.length === 0) {
      return;
    }
    if (!this.hasText) {
      this.chrome = chrome;
    } else if (chrome !== this.chrome) {
      this.flush(false, chrome);
      this.chrome = chrome;
    }
    this.parts.push(text);
    this.hasText = this.hasText || text.trim().length > 0;
    this.endsWithSpace = /\s/u.test(text[text.length - 1]);
  }

  /** Whether the current line has any visible text yet. */
  get started(): boolean {
    return this.hasText;
  }

  /** Whether something (even only spaces) is on the current line and it does not end in a space. */
  get needsSeparator(): boolean {
    return this.parts.length > 0 && !this.endsWithSpace;
  }
}

function appendText(writer: LineWriter, text: string, chrome: boolean, preformatted: boolean): void {
  if (preformatted) {
    text.split(/\r?\n/).forEach((part, index) => {
      if (index > 0) {
        writer.flush(true, chrome);
      }
      writer.append(part, chrome);
    });
    return;
  }
  writer.append(text.replace(BREAK_BETWEEN_HAN, '').replace(/[ \t\r\n\f]+/g, ' '), chrome);
}

/** Enters an element: renders it at once when it has no children to walk, else returns its frame. */
function enter(writer: LineWriter, node: HtmlElement, parent: Frame, mode: RenderMode): Frame | null {
  if (INVISIBLE_ELEMENTS.has(node.tag) || isHidden(node)) {
    return null;
  }
  if (node.tag === 'br') {
    writer.flush(true, parent.chrome);
    return null;
  }
  if (node.tag === 'img') {
    writer.flush(false, parent.chrome);
    const image = readImageTag(node.attributes, parent.figure === null ? null : figcaptionOf(parent.figure));
    writer.lines.push({ text: '', chrome: parent.chrome, ...(image === null ? {} : { image }) });
    return null;
  }
  const role = roleOf(node);
  const isChrome = mode.chromeOf(node, parent.inContent);
  const recorded = mode.ranges !== null && isChromeCandidate(node);
  const block = BLOCK_ELEMENTS.has(node.tag) || isChrome || recorded;
  const childChrome = parent.chrome || isChrome;
  if (block) {
    writer.flush(false, parent.chrome);
  } else if ((node.tag === 'td' || node.tag === 'th') && writer.started) {
    writer.append(' ', childChrome);
  }
  if (recorded) {
    mode.ranges?.set(node, [writer.lines.length, writer.lines.length]);
  }
  return {
    node,
    chrome: childChrome,
    inContent: parent.inContent || CONTENT_ELEMENTS.has(node.tag) || role === 'main',
    preformatted: parent.preformatted || node.tag === 'pre',
    block,
    next: 0,
    previousWasLink: false,
    figure: node.tag === 'figure' ? node : parent.figure,
  };
}

/** The text of a figure's <figcaption>, or null. */
function figcaptionOf(figure: HtmlElement): string | null {
  for (const node of elements(figure)) {
    if (node.tag === 'figcaption') return squash(textContent(node));
  }
  return null;
}

function leave(writer: LineWriter, frame: Frame, mode: RenderMode): void {
  if (frame.block) {
    writer.flush(false, frame.chrome);
  }
  const range = mode.ranges?.get(frame.node);
  if (range !== undefined) {
    range[1] = writer.lines.length;
  }
}

/**
 * Renders the visible text as lines: block elements and <br> end a line,
 * table cells are separated by a space, and every image leaves an empty line
 * behind — as in text dumps of these pages, where a blank or whitespace-only
 * line marks the place of a photo (and so announces its caption).
 */
function render(root: HtmlElement, mode: RenderMode): RenderedLine[] {
  const writer = new LineWriter();
  const top: Frame = { node: root, chrome: false, inContent: false, preformatted: false, block: false, next: 0, previousWasLink: false, figure: null };
  const stack: Frame[] = [top];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.next >= frame.node.children.length) {
      leave(writer, frame, mode);
      stack.pop();
      continue;
    }
    const child = frame.node.children[frame.next];
    frame.next += 1;
    if (typeof child === 'string') {
      appendText(writer, child, frame.chrome, frame.preformatted);
      if (child.trim().length > 0) {
        frame.previousWasLink = false;
      }
      continue;
    }
    // Menus are often bare links side by side (<a>首页</a><a>简介</a>):
    // browsers space them with CSS, so separate them here.
    const isLink = child.tag === 'a';
    if (isLink && frame.previousWasLink && writer.needsSeparator) {
      writer.append(' ', frame.chrome);
    }
    frame.previousWasLink = isLink;
    const entered = enter(writer, child, frame, mode);
    if (entered !== null) {
      stack.push(entered);
    }
  }
  writer.flush(false, false);
  return writer.lines;
}

/**
 * Which chrome candidates carry a meta line (来源/日期 …) when rendered on their own: such a header
 * is the article's own, not the site's. One rendering of the whole page, with each candidate's lines
 * recorded, answers this for every candidate at once, however deeply they nest.
 */
function candidatesWithMetaLines(root: HtmlElement): Set<HtmlElement> {
  const ranges = new Map<HtmlElement, [number, number]>();
  const lines = render(root, { chromeOf: () => false, ranges });
  const withMeta = new Set<HtmlElement>();
  if (ranges.size === 0) {
    return withMeta;
  }
  const metaBefore = new Int32Array(lines.length + 1);
  lines.forEach((line, index) => {
    metaBefore[index + 1] = metaBefore[index] + (isMetaLine(collapseWhitespace(line.text)) ? 1 : 0);
  });
  for (const [node, [start, end]] of ranges) {
    if (metaBefore[end] - metaBefore[start] > 0) {
      withMeta.add(node);
    }
  }
  return withMeta;
}

/** The page's visible text as lines, with the site chrome marked. */
function renderLines(root: HtmlElement): RenderedLine[] {
  const withMeta = candidatesWithMetaLines(root);
  // An element left open by a truncated page might span the whole rest of
  // the page, so only properly closed chrome is dropped as a whole.
  // A header that carries the article's 来源/日期 line is the article's own
  // header, not the site's, even when the page does not say <article>.
  const chromeOf = (node: HtmlElement, inContent: boolean): boolean => !inContent && isChromeCandidate(node) && !withMeta.has(node);
  return render(root, { chromeOf, ranges: null });
}
