import { textNode, type BlockNode, type Blocks, type InlineNode, type ListItemNode, type TextNode } from './blocks';

/**
 * Markdown as blocks, for bodies written before the body was a blocks field (the migration in
 * database/migrations): paragraphs, headings, quotes, lists, emphasis, code and links. It reads
 * the Markdown editors and the importer wrote, not all of CommonMark: what it does not know stays
 * as text, so nothing an editor wrote is lost.
 */

/** Markdown's backslash escapes dropped: `\<script\>` reads as the characters a reader sees. */
export const unescapeMarkdown = (text: string): string => text.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/** Strapi's validator accepts links to these, and to paths on the same site. */
const isLinkable = (url: string): boolean => {
  try {
    return ['http:', 'https:', 'ftp:', 'mailto:', 'tel:'].includes(new URL(url.startsWith('/') ? `https://example.invalid${url}` : url).protocol);
  } catch {
    return false;
  }
};

// Escaped characters first, then images, links, code, strong, emphasis and strikethrough.
const INLINE = /\\([!-/:-@[-`{-~])|!\[([^\]]*)\]\(((?:[^()\s]|\([^()\s]*\))*)[^)]*\)|\[([^\]]*)\]\(((?:[^()\s]|\([^()\s]*\))*)[^)]*\)|`([^`]+)`|\*\*(.+?)\*\*|__(.+?)__|\*(.+?)\*|_(.+?)_|~~(.+?)~~/gu;

type Marks = Omit<TextNode, 'type' | 'text'>;

/** Inline Markdown as text and link nodes; a link to a place Strapi refuses stays as its text. */
const inlineNodes = (markdown: string, marks: Marks = {}): InlineNode[] => {
  const nodes: InlineNode[] = [];
  const push = (text: string, extra: Marks = {}): void => {
    if (text === '') return;
    const merged: Marks = { ...marks };
    for (const mark of ['bold', 'italic', 'underline', 'strikethrough', 'code'] as const) if (extra[mark] === true) merged[mark] = true;
    const last = nodes[nodes.length - 1];
    if (last !== undefined && last.type === 'text' && JSON.stringify({ ...last, text: '' }) === JSON.stringify(textNode('', merged))) last.text += text;
    else nodes.push(textNode(text, merged));
  };
  let at = 0;
  for (const match of markdown.matchAll(INLINE)) {
    push(markdown.slice(at, match.index));
    at = (match.index ?? 0) + match[0].length;
    const [, escaped, alt, imageUrl, label, url, code, strong, strongUnderscore, emphasis, emphasisUnderscore, struck] = match;
    if (escaped !== undefined) push(escaped);
    else if (imageUrl !== undefined) push(alt === '' ? imageUrl : alt);
    else if (url !== undefined) {
      const children = inlineNodes(label, marks).filter((node): node is TextNode => node.type === 'text');
      if (isLinkable(url) && children.length > 0) nodes.push({ type: 'link', url, children });
      else for (const child of children) push(child.text, child);
    } else if (code !== undefined) push(code, { code: true });
    else {
      const extra: Marks = strong !== undefined || strongUnderscore !== undefined ? { bold: true } : struck !== undefined ? { strikethrough: true } : { italic: true };
      for (const node of inlineNodes(strong ?? strongUnderscore ?? emphasis ?? emphasisUnderscore ?? struck ?? '', { ...marks, ...extra })) {
        if (node.type === 'text') push(node.text, node);
        else nodes.push(node);
      }
    }
  }
  push(markdown.slice(at));
  return nodes.length === 0 ? [textNode('')] : nodes;
};

const LIST_ITEM = /^\s{0,3}(?:([-*+])|(\d{1,9})[.)])\s+(.*)$/u;

const listBlock = (lines: string[]): BlockNode | null => {
  const items = lines.map((line) => LIST_ITEM.exec(line));
  if (items.some((item) => item === null)) return null;
  const ordered = items[0]?.[2] !== undefined;
  const children = items.map((item): ListItemNode => ({ type: 'list-item', children: inlineNodes(item?.[3] ?? '') }));
  return { type: 'list', format: ordered ? 'ordered' : 'unordered', children };
};

/** One chunk between blank lines as a block. */
const chunkBlock = (chunk: string): BlockNode => {
  const lines = chunk.split('\n');
  const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/u.exec(chunk);
  if (heading !== null && lines.length === 1) return { type: 'heading', level: heading[1].length as 1 | 2 | 3 | 4 | 5 | 6, children: inlineNodes(heading[2]) };
  if (lines.every((line) => /^\s{0,3}>/u.test(line))) return { type: 'quote', children: inlineNodes(lines.map((line) => line.replace(/^\s{0,3}>\s?/u, '')).join('\n')) };
  const fence = /^```([\w-]*)\n([\s\S]*?)\n```$/u.exec(chunk);
  if (fence !== null) return { type: 'code', language: fence[1] === '' ? null : fence[1], children: [textNode(fence[2])] };
  return listBlock(lines) ?? { type: 'paragraph', children: inlineNodes(chunk) };
};

/** Markdown as blocks, one block per chunk between blank lines. */
export const markdownBlocks = (markdown: string): Blocks =>
  markdown
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((chunk) => chunk.replace(/^\n+|\n+$/g, ''))
    .filter((chunk) => chunk.trim() !== '')
    .map(chunkBlock);
