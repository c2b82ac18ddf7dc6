/**
 * The article body as the API serves it: Strapi's rich text (blocks) JSON, the same over REST and
 * GraphQL (where it is a `JSON` scalar). A React site renders it with `@strapi/blocks-react-renderer`;
 * this site has no React, so src/components/Blocks.astro renders the same nodes (Astro escapes text).
 */

export type TextNode = { type: 'text'; text: string; bold?: boolean; italic?: boolean; underline?: boolean; strikethrough?: boolean; code?: boolean };
export type LinkNode = { type: 'link'; url: string; children: TextNode[] };
export type InlineNode = TextNode | LinkNode;
export type BlockImage = { url: string; alternativeText: string | null; caption: string | null; width: number; height: number };
export type ListNode = { type: 'list'; format: 'ordered' | 'unordered'; children: Array<{ type: 'list-item'; children: InlineNode[] } | ListNode> };
export type BlockNode =
  | { type: 'paragraph'; children: InlineNode[] }
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: InlineNode[] }
  | { type: 'quote'; children: InlineNode[] }
  | { type: 'code'; children: TextNode[] }
  | ListNode
  | { type: 'image'; image: BlockImage; children: InlineNode[] };

const KNOWN = new Set(['paragraph', 'heading', 'quote', 'code', 'list', 'image']);

/** The body as blocks; anything that is not a list of known nodes is left out, never shown raw. */
export const asBlocks = (value: unknown): BlockNode[] =>
  Array.isArray(value)
    ? value.filter((node): node is BlockNode => typeof node === 'object' && node !== null && KNOWN.has(String((node as { type?: unknown }).type)))
    : [];

/** A link's target if it is one a reader may follow (web, mail, phone, or a path on this site); else null. */
export const safeHref = (url: string): string | null => (/^(?:https?:|mailto:|tel:|\/(?!\/))/i.test(url) ? url : null);

/** Media URLs are relative (/uploads/…) unless the API runs with PUBLIC_URL. */
export const mediaUrl = (url: string, mediaBase: string): string => (url.startsWith('/') && !url.startsWith('//') ? `${mediaBase}${url}` : url);

/** A node with one mark taken off, to wrap the rest inside the mark's element. */
export const withoutMark = (node: TextNode, mark: 'bold' | 'italic' | 'underline' | 'strikethrough' | 'code'): TextNode => ({ ...node, [mark]: false });
