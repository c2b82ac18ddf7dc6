/**
 * An article's body: Strapi's rich text (blocks) value, a JSON tree the admin edits as one
 * continuous document and frontends render with @strapi/blocks-react-renderer. The shapes are the
 * ones Strapi validates on write (@strapi/core's blocks-validator) and the admin's editor stores.
 */

export type TextNode = { type: 'text'; text: string; bold?: boolean; italic?: boolean; underline?: boolean; strikethrough?: boolean; code?: boolean };
export type LinkNode = { type: 'link'; url: string; children: TextNode[] };
export type InlineNode = TextNode | LinkNode;

/**
 * The media file an image node shows, copied into the node as the admin's editor copies it (the
 * fields Strapi's validator asks for); `caption` is the photo's caption as printed under it.
 */
export type BlockImage = {
  name: string;
  alternativeText: string | null;
  url: string;
  caption: string | null;
  width: number;
  height: number;
  formats: Record<string, unknown> | null;
  hash: string;
  ext: string;
  mime: string;
  size: number;
  previewUrl: string | null;
  provider: string;
  provider_metadata: unknown;
  createdAt: string;
  updatedAt: string;
};

export type ParagraphNode = { type: 'paragraph'; children: InlineNode[] };
export type HeadingNode = { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: InlineNode[] };
export type QuoteNode = { type: 'quote'; children: InlineNode[] };
export type CodeNode = { type: 'code'; language?: string | null; children: TextNode[] };
export type ListItemNode = { type: 'list-item'; children: InlineNode[] };
export type ListNode = { type: 'list'; format: 'ordered' | 'unordered'; children: Array<ListItemNode | ListNode> };
/** `sourceUrl`: the address the importer fetched the photo from, so a later run knows it has it. */
export type ImageNode = { type: 'image'; image: BlockImage; children: InlineNode[]; sourceUrl?: string };
export type BlockNode = ParagraphNode | HeadingNode | QuoteNode | CodeNode | ListNode | ImageNode;
export type Blocks = BlockNode[];

/** The level the importer gives a page's subheadings: the article's title is the page's only h1. */
export const SUBHEADING_LEVEL = 2;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A stored body as blocks: null, a missing field or anything else that is not a list of nodes reads as empty. */
export const asBlocks = (value: unknown): Blocks => {
  const parsed = typeof value === 'string' ? safeParse(value) : value;
  return Array.isArray(parsed) ? parsed.filter((node): node is BlockNode => isRecord(node) && typeof node.type === 'string') : [];
};

const safeParse = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
};

export const textNode = (text: string, marks: Omit<TextNode, 'type' | 'text'> = {}): TextNode => ({ type: 'text', text, ...marks });

/** The text of inline nodes as a reader sees it. */
export const inlineText = (children: unknown): string =>
  (Array.isArray(children) ? children : [])
    .map((child: unknown) => {
      if (!isRecord(child)) return '';
      if (child.type === 'link') return inlineText(child.children);
      return typeof child.text === 'string' ? child.text : '';
    })
    .join('');

const listItems = (node: ListNode): string[] =>
  node.children.flatMap((child) => (child.type === 'list' ? listItems(child) : [inlineText(child.children)]));

/** One block's text as a reader sees it: a list's items one a line, an image's caption. */
export const blockText = (node: BlockNode): string => {
  if (node.type === 'image') return node.image?.caption ?? '';
  if (node.type === 'list') return listItems(node).join('\n');
  return inlineText(node.children);
};

/** The body's text, one entry a block, in reading order. */
export const blocksText = (body: unknown): string[] => asBlocks(body).map(blockText);
