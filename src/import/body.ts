import { asBlocks, inlineText, SUBHEADING_LEVEL, textNode, type BlockImage, type BlockNode, type Blocks, type InlineNode, type ListNode } from '../body/blocks';
import { markdownBlocks, unescapeMarkdown } from '../body/markdown';
import { markdownText, type BodyBlock } from './plan';

/**
 * The article body between the importer's canonical form (plan.ts `BodyBlock`: paragraphs as
 * escaped Markdown, subheadings and captions as plain strings, the same form the importer compared
 * when the body was a dynamic zone) and the blocks field it is stored in. The importer's blocks read
 * back as exactly the canonical form they were written from, so the fingerprints kept in
 * `importedValues` still tell an untouched body from an editor's, across the move to blocks too.
 */

/** Images by the address the importer fetched them from. */
export type BodyImages = ReadonlyMap<string, BlockImage>;

const NO_IMAGES: BodyImages = new Map();

/**
 * A paragraph of Markdown as blocks: text the importer escaped (all of it reads back as itself) is
 * one paragraph of that text; Markdown an editor wrote becomes the blocks it describes.
 */
export const paragraphBlocks = (markdown: string): Blocks => {
  const plain = unescapeMarkdown(markdown);
  if (markdownText(plain) === markdown) return [{ type: 'paragraph', children: [textNode(plain)] }];
  const blocks = markdownBlocks(markdown);
  return blocks.length === 0 ? [{ type: 'paragraph', children: [textNode('')] }] : blocks;
};

/**
 * A photo's caption: under its image when the image is in the media library, else (the photo was
 * not fetched) as an italic line where the photo stood, which keeps the photo's address so that a
 * run with --fetch-images can put the image there.
 */
export const captionBlock = (text: string, sourceUrl: string | undefined, image: BlockImage | undefined): BlockNode => {
  if (image !== undefined) {
    const caption = text === '' ? null : text;
    return {
      type: 'image',
      image: { ...image, caption, alternativeText: caption ?? image.alternativeText ?? image.name },
      children: [textNode('')],
      ...(sourceUrl === undefined ? {} : { sourceUrl }),
    };
  }
  return { type: 'paragraph', children: [textNode(text, { italic: true })], ...(sourceUrl === undefined ? {} : { sourceUrl }) } as BlockNode;
};

/** The importer's body as blocks; `images` are the photos stored in the media library, by source address. */
export const bodyBlocks = (body: BodyBlock[], images: BodyImages = NO_IMAGES): Blocks =>
  body.flatMap((block): Blocks => {
    if (block.type === 'subheading') return [{ type: 'heading', level: SUBHEADING_LEVEL, children: [textNode(block.text)] }];
    if (block.type === 'caption') return [captionBlock(block.text, block.sourceUrl, block.sourceUrl === undefined ? undefined : images.get(block.sourceUrl))];
    return paragraphBlocks(block.text);
  });

/** Inline nodes as Markdown: plain text escaped as the importer escapes it, marks and links as Markdown writes them. */
const inlineMarkdown = (children: InlineNode[], escape: (text: string) => string): string =>
  children
    .map((child) => {
      if (child.type === 'link') return `[${inlineMarkdown(child.children, escape)}](${child.url})`;
      let text = escape(child.text);
      if (child.code === true) text = `\`${child.text}\``;
      if (child.bold === true) text = `**${text}**`;
      if (child.italic === true) text = `*${text}*`;
      if (child.underline === true) text = `<u>${text}</u>`;
      if (child.strikethrough === true) text = `~~${text}~~`;
      return text;
    })
    .join('');

const listMarkdown = (node: ListNode, depth = 0): string =>
  node.children
    .map((child, index) =>
      child.type === 'list' ? listMarkdown(child, depth + 1) : `${'  '.repeat(depth)}${node.format === 'ordered' ? `${index + 1}.` : '-'} ${inlineMarkdown(child.children, markdownText)}`,
    )
    .join('\n');

/** A paragraph the importer wrote for a photo it did not fetch: its text all italic, nothing else. */
const isCaptionLine = (node: BlockNode & { sourceUrl?: unknown }): boolean =>
  node.type === 'paragraph' &&
  node.children.length > 0 &&
  node.children.every((child) => child.type === 'text' && child.italic === true && Object.keys(child).every((key) => key === 'type' || key === 'text' || key === 'italic')) &&
  (typeof node.sourceUrl === 'string' || inlineText(node.children) !== '');

const sourceOf = (node: { sourceUrl?: unknown }): { sourceUrl?: string } => (typeof node.sourceUrl === 'string' ? { sourceUrl: node.sourceUrl } : {});

/**
 * One stored block in the canonical form. What the importer never writes (quotes, lists, code, other
 * heading levels, marks and links) reads as Markdown, so any editor's change reads as a change.
 */
const canonicalBlock = (node: BlockNode): BodyBlock => {
  switch (node.type) {
    case 'image':
      return { type: 'caption', text: node.image?.caption ?? '', ...sourceOf(node) };
    case 'heading':
      return node.level === SUBHEADING_LEVEL
        ? { type: 'subheading', text: inlineMarkdown(node.children, (text) => text) }
        : { type: 'paragraph', text: `${'#'.repeat(node.level)} ${inlineMarkdown(node.children, markdownText)}` };
    case 'quote':
      return { type: 'paragraph', text: `> ${inlineMarkdown(node.children, markdownText)}` };
    case 'list':
      return { type: 'paragraph', text: listMarkdown(node) };
    case 'code':
      return { type: 'paragraph', text: `\`\`\`${node.language ?? ''}\n${inlineText(node.children)}\n\`\`\`` };
    default:
      if (isCaptionLine(node)) return { type: 'caption', text: inlineText(node.children), ...sourceOf(node as { sourceUrl?: unknown }) };
      return { type: 'paragraph', text: inlineMarkdown(node.type === 'paragraph' ? node.children : [], markdownText) };
  }
};

/** A stored body in the importer's canonical form. */
export const canonicalBody = (body: unknown): BodyBlock[] => asBlocks(body).map(canonicalBlock);

/** Image nodes the importer placed, by the address it fetched their photo from. */
export const placedImages = (body: unknown): Map<string, BlockImage> => {
  const found = new Map<string, BlockImage>();
  for (const node of asBlocks(body) as Array<BlockNode & { sourceUrl?: unknown }>) {
    if (node.type === 'image' && typeof node.sourceUrl === 'string' && node.image !== undefined && node.image !== null) found.set(node.sourceUrl, node.image);
  }
  return found;
};

/** An upload file row as the image an image node shows (the fields the admin's editor copies). */
export const blockImageOf = (file: Record<string, unknown>): BlockImage => {
  const date = (value: unknown): string => (value instanceof Date ? value.toISOString() : String(value ?? ''));
  const formats = typeof file.formats === 'string' ? (JSON.parse(file.formats) as Record<string, unknown>) : ((file.formats ?? null) as Record<string, unknown> | null);
  return {
    name: String(file.name ?? ''),
    alternativeText: (file.alternativeText ?? file.alternative_text ?? null) as string | null,
    url: String(file.url ?? ''),
    caption: (file.caption ?? null) as string | null,
    width: Number(file.width ?? 0),
    height: Number(file.height ?? 0),
    formats,
    hash: String(file.hash ?? ''),
    ext: String(file.ext ?? ''),
    mime: String(file.mime ?? ''),
    size: Number(file.size ?? 0),
    previewUrl: (file.previewUrl ?? file.preview_url ?? null) as string | null,
    provider: String(file.provider ?? 'local'),
    provider_metadata: file.provider_metadata ?? null,
    createdAt: date(file.createdAt ?? file.created_at),
    updatedAt: date(file.updatedAt ?? file.updated_at),
  };
};
