/**
 * Rules for the images of a page: which <img> tags are photos of the story, what their caption is,
 * and where a photo's address points. Pure; clean and parse apply them.
 */
import type { Block, PageImage, Photo } from './types';

/** What an <img> tag says of itself. */
export type ImageTag = Omit<PageImage, 'before'>;

/** Smaller than this on either side, by the tag's own size, an image is an icon, a bullet or a tracking pixel. */
const MIN_SIDE = 50;
/** Narrower than this, by the tag's own size, an image is a poor cover. */
const MIN_COVER_WIDTH = 300;
/** Captions are stored as short strings. */
const MAX_CAPTION = 200;
/** Longer addresses are not photos (data smuggled in a query, a broken page). */
const MAX_SRC = 2000;

/**
 * Site furniture by the name of its file or folder: logos, icons, buttons, share and QR codes,
 * spacers, counters and ads. A word of the name must be one of these, so 2021/adoption.jpg passes.
 */
const FURNITURE =
  /(?:^|[/_.\-\d])(?:logo|icons?|ico|avatar|favicon|btn|button|arrow|bullet|spacer|blank|pixel|transparent|loading|loader|share|qr|qrcode|erweima|ewm|wechat|weixin|weibo|ads?|advert|banner|gotop|counter|tracking|beacon)(?=[/_.\-\d]|$)/iu;
/** Counters and analytics that pages embed as images. */
const TRACKERS = /(?:^|\/\/)(?:[^/]*\.)?(?:cnzz\.com|51\.la|hm\.baidu\.com|google-analytics\.com|googletagmanager\.com|doubleclick\.net|facebook\.com\/tr)(?:[/:?]|$)/iu;
/** Alt texts that say nothing: 图片, image, a file name, a number. */
const EMPTY_ALT = /^(?:图片|图像|照片|图|img|image|photo|picture|pic|null|undefined)?\s*\d*$|\.(?:jpe?g|png|gif|webp|bmp)$/iu;

const sizeOf = (value: string | undefined): number | null => {
  const match = /^\s*(\d{1,5})(?:px)?\s*$/u.exec(value ?? '');
  return match === null ? null : Number(match[1]);
};

/** Lazy-loading pages keep the real address in a data attribute and a placeholder in src. */
const SOURCE_ATTRIBUTES = ['data-original', 'data-src', 'data-lazy-src', 'data-url', 'src'];

const captionText = (text: string | null | undefined): string | null => {
  const squashed = (text ?? '').replace(/\s+/gu, ' ').trim();
  return squashed === '' ? null : [...squashed].slice(0, MAX_CAPTION).join('');
};

/** The image an <img> tag shows, or null for a tag that is not a photo of the story. */
export const readImageTag = (attributes: Map<string, string>, figcaption: string | null): ImageTag | null => {
  const src = SOURCE_ATTRIBUTES.map((name) => (attributes.get(name) ?? '').trim()).find((value) => value !== '' && !/^data:/iu.test(value));
  if (src === undefined || src.length > MAX_SRC || !/^(?:https?:\/\/|\/\/|\/|\.{1,2}\/|[\w%-])/iu.test(src)) return null;
  const path = src.replace(/[?#].*$/u, '');
  if (/\.(?:svg|ico)$/iu.test(path) || FURNITURE.test(path) || TRACKERS.test(src)) return null;
  const width = sizeOf(attributes.get('width'));
  const height = sizeOf(attributes.get('height'));
  if ((width !== null && width < MIN_SIDE) || (height !== null && height < MIN_SIDE)) return null;
  const alt = captionText(attributes.get('alt') ?? attributes.get('title'));
  return { src, alt: alt === null || EMPTY_ALT.test(alt) ? null : alt, caption: captionText(figcaption), width, height };
};

/**
 * The story's photos: each image within the body lines [start, end) of the page, placed before the
 * block its next line became. Its caption is its <figcaption>, else the caption line printed under
 * it, else its alt text. A <figcaption> that parse took for a paragraph is made a caption block.
 */
export const placePhotos = (images: PageImage[], lines: string[], start: number, end: number, blocks: Block[]): { blocks: Block[]; photos: Photo[] } => {
  const lineOfBlock: number[] = [];
  for (let index = start; index < end; index += 1) if (lines[index] !== '') lineOfBlock.push(index);
  const placed = blocks.slice();
  const photos: Photo[] = [];
  const taken = new Set<number>();
  for (const image of images) {
    if (image.before < start || image.before > end) continue;
    const found = lineOfBlock.findIndex((line) => line >= image.before);
    const block = found === -1 ? placed.length : found;
    const next = placed[block];
    const free = next !== undefined && !taken.has(block);
    if (free && image.caption !== null && next.text === image.caption) placed[block] = { type: 'caption', text: next.text };
    const captioned = free && placed[block].type === 'caption';
    if (captioned) taken.add(block);
    const caption = captioned ? placed[block].text : (image.caption ?? image.alt ?? '');
    photos.push({ src: image.src, caption, block, captioned, width: image.width });
  }
  return { blocks: placed, photos };
};

/** `/a.jpg`, `a.jpg`, `//host/a.jpg` → absolute against the page's URL; null when it cannot be, or is not http(s). */
export const absolutePhotoUrl = (src: string, pageUrl: string | null): string | null => {
  let resolved: URL;
  try {
    resolved = pageUrl === null ? new URL(src) : new URL(src, pageUrl);
  } catch {
    return null;
  }
  return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.toString() : null;
};

/** The cover candidate: the first photo wide enough by its tag (or of unknown size), else the first photo. */
export const coverOf = (photos: Array<{ src: string; width: number | null }>): string | null =>
  (photos.find((photo) => photo.width === null || photo.width >= MIN_COVER_WIDTH) ?? photos[0])?.src ?? null;
