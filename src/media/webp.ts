import fs from 'fs';
import path from 'path';
import sharp from 'sharp';

/**
 * WebP twins of an uploaded image's derivatives. Strapi's upload plugin keeps every format in the
 * original's type (a PNG's thumbnail is a PNG), which is several times heavier than WebP for photos.
 * Beside each format it makes (thumbnail, small, medium, large) this adds `webp_<format>` of the same
 * size, and `webp` at the original's size, stored by the same provider and listed in `formats`, so a
 * frontend can offer both in a <picture>. Formats that already compress as well or better (WebP,
 * AVIF) and SVG get none.
 */

/** The slice of Strapi's upload file (in flight, before it is stored) that derivatives are made from. */
export type UploadingFile = {
  name: string;
  hash: string;
  ext?: string;
  mime?: string;
  path?: string | null;
  filepath?: string;
  tmpWorkingDirectory?: string;
  width?: number | null;
  height?: number | null;
  getStream: () => NodeJS.ReadableStream;
};

export type Derivative = {
  name: string;
  hash: string;
  ext: string;
  mime: string;
  filepath: string;
  path: string | null;
  width: number;
  height: number;
  /** Kilobytes, as Strapi stores sizes. */
  size: number;
  sizeInBytes: number;
  getStream: () => NodeJS.ReadableStream;
};

export type Format = { key: string; file: Derivative };

export type Box = { width: number; height: number };

/** What Strapi's image-manipulation service makes its thumbnail with (it does not export it). */
export const THUMBNAIL_BOX: Box = { width: 245, height: 156 };

/** Quality 80 is sharp's default and close to what browsers' own encoders use for photos. */
export const WEBP_QUALITY = 80;

/** Source formats (as sharp names them) that get WebP twins. */
const CONVERTIBLE = new Set(['jpeg', 'png', 'tiff', 'gif']);

export const webpKey = (key: string): string => (key === '' ? 'webp' : `webp_${key}`);

/** `photo.png` → `photo.webp`: the twin's display name says what it is. */
const webpName = (name: string): string => `${name.replace(/\.[^.]+$/u, '')}.webp`;

const kilobytes = (bytes: number): number => Math.round((bytes / 1000) * 100) / 100;

const input = (file: UploadingFile): string | NodeJS.ReadableStream => file.filepath ?? file.getStream();

const sourceFormat = async (file: UploadingFile): Promise<string | undefined> => {
  const source = input(file);
  if (typeof source === 'string') return (await sharp(source).metadata()).format;
  const pipeline = sharp();
  source.pipe(pipeline);
  return (await pipeline.metadata()).format;
};

/**
 * One WebP derivative: the image fitted inside `box` (never enlarged), or at its own size without
 * one. WebP keeps no EXIF orientation, so the pixels are turned upright first: a phone photo must
 * not lie on its side where its JPEG twin, which browsers turn by its EXIF, stands.
 */
const encode = async (file: UploadingFile, key: string, box: Box | null): Promise<Format> => {
  const hash = `${webpKey(key)}_${file.hash}`;
  const filepath = file.tmpWorkingDirectory === undefined ? hash : path.join(file.tmpWorkingDirectory, `${hash}.webp`);
  const source = input(file);
  const pipeline = (typeof source === 'string' ? sharp(source, { animated: true }) : sharp({ animated: true })).rotate();
  if (box !== null) pipeline.resize({ ...box, fit: 'inside', withoutEnlargement: true });
  pipeline.webp({ quality: WEBP_QUALITY });
  if (typeof source !== 'string') source.pipe(pipeline);
  const info = await pipeline.toFile(filepath);
  const name = webpName(key === '' ? file.name : `${key}_${file.name}`);
  return {
    key: webpKey(key),
    file: {
      name,
      hash,
      ext: '.webp',
      mime: 'image/webp',
      filepath,
      path: file.path ?? null,
      width: info.width,
      height: info.pageHeight ?? info.height,
      size: kilobytes(info.size),
      sizeInBytes: info.size,
      getStream: () => fs.createReadStream(filepath),
    },
  };
};

/**
 * WebP twins for an image whose Strapi formats are `made` (the responsive ones, keyed small, medium,
 * large) plus the thumbnail when the image is larger than its box: each the same size as its twin.
 */
export const webpFormats = async (file: UploadingFile, made: Array<{ key: string; box: Box }>, thumbnail: boolean): Promise<Format[]> => {
  const format = await sourceFormat(file);
  if (format === undefined || !CONVERTIBLE.has(format)) return [];
  const boxes: Array<{ key: string; box: Box | null }> = [{ key: '', box: null }, ...(thumbnail ? [{ key: 'thumbnail', box: THUMBNAIL_BOX }] : []), ...made];
  const formats: Format[] = [];
  // One at a time: sharp already uses every core for one image, and uploads run beside reads.
  for (const { key, box } of boxes) formats.push(await encode(file, key, box));
  return formats;
};
