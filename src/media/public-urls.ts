import type { Core } from '@strapi/strapi';
import { traverseEntity } from '@strapi/utils';
import { addAppOutputSanitizer } from '../http/output-sanitizer';

/**
 * Absolute media URLs for the public API. The local upload provider stores `/uploads/…`, which a
 * browser on this origin resolves but a mini-program or an app cannot: they need the full HTTPS
 * address. Strapi has no setting for this with the local provider, but the upload plugin already
 * rewrites every media URL it hands out (REST through the Document Service, GraphQL media fields,
 * /api/upload/files, the admin's media library) through the provider's `isPrivate()` and
 * `getSignedUrl()`, the hooks S3-style providers use to sign URLs. Extending the provider with those
 * two puts PUBLIC_URL in front of relative URLs wherever Strapi would sign them, and nothing is
 * stored: change PUBLIC_URL and every URL follows.
 *
 * The copies of files that rich text (blocks) image nodes carry are made absolute on the way out
 * of the content API too (a sanitizer), since the upload plugin does not know them.
 *
 * Only content API requests (REST under /api, GraphQL, the preview routes) are rewritten. The admin
 * panel keeps the relative URLs it has always had, resolved against whatever origin it is opened on,
 * so an admin opened on another address than PUBLIC_URL (a private hostname, localhost) still shows
 * its images, and it keeps its own cache-busting of thumbnails, which it leaves out for signed URLs.
 */

type MediaFile = { url?: unknown };

type RouteState = { state?: { route?: { info?: { type?: unknown } } } };

/** PUBLIC_URL without its trailing slash when it is an absolute http(s) URL, else null. */
export const publicBase = (serverUrl: unknown): string | null => {
  if (typeof serverUrl !== 'string' || serverUrl === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(serverUrl);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  return serverUrl.replace(/\/+$/, '');
};

/**
 * `/uploads/a.png` → `https://host/uploads/a.png`. URLs that already name a host (another provider,
 * a CDN) and protocol-relative ones are left as they are.
 */
export const absoluteMediaUrl = (url: string, base: string): string => (url.startsWith('/') && !url.startsWith('//') ? `${base}${url}` : url);

/** Which request is being served: none (bootstrap, a script), a content API one, or another (the admin). */
const currentRequest = (strapi: Core.Strapi): 'none' | 'content-api' | 'other' => {
  const ctx = strapi.requestContext.get() as RouteState | undefined;
  if (ctx === undefined) return 'none';
  return ctx.state?.route?.info?.type === 'content-api' ? 'content-api' : 'other';
};

const FILE_UID = 'plugin::upload.file';

type TraverseOptions = Parameters<typeof traverseEntity>[1];
type Data = Parameters<typeof traverseEntity>[2];

/**
 * The upload plugin marks every URL it rewrote with `isUrlSigned: true`, which tells a client the
 * URL expires (as a signed S3 URL does). These do not, so the mark stays out of the public API.
 */
const withoutSignedMark = (strapi: Core.Strapi) => (schema: TraverseOptions['schema']) => (data: Data) =>
  traverseEntity(
    ({ key, attribute, schema: owner }, { remove }) => {
      if (key === 'isUrlSigned' && attribute === undefined && owner.uid === FILE_UID) remove(key);
    },
    { schema, getModel: strapi.getModel.bind(strapi) as TraverseOptions['getModel'] },
    data,
  );

type ImageCopy = { url?: unknown; formats?: Record<string, { url?: unknown }> | null };

const absoluteCopy = (image: ImageCopy, base: string): ImageCopy => ({
  ...image,
  ...(typeof image.url === 'string' ? { url: absoluteMediaUrl(image.url, base) } : {}),
  ...(image.formats !== null && typeof image.formats === 'object'
    ? { formats: Object.fromEntries(Object.entries(image.formats).map(([name, format]) => [name, typeof format?.url === 'string' ? { ...format, url: absoluteMediaUrl(format.url, base) } : format])) }
    : {}),
});

/** Rich text (blocks) keeps a copy of each image's file in its image node, URLs included, which the upload plugin never sees. */
export const withAbsoluteImages = (blocks: unknown, base: string): unknown =>
  Array.isArray(blocks)
    ? blocks.map((node: unknown) => {
        if (node === null || typeof node !== 'object') return node;
        const { type, image } = node as { type?: unknown; image?: unknown };
        return type === 'image' && image !== null && typeof image === 'object' ? { ...node, image: absoluteCopy(image as ImageCopy, base) } : node;
      })
    : blocks;

const absoluteBlockImages = (strapi: Core.Strapi, base: string) => (schema: TraverseOptions['schema']) => (data: Data) =>
  traverseEntity(
    ({ key, value, attribute }, { set }) => {
      if (attribute?.type === 'blocks' && Array.isArray(value)) set(key, withAbsoluteImages(value, base) as Data);
    },
    { schema, getModel: strapi.getModel.bind(strapi) as TraverseOptions['getModel'] },
    data,
  );

type FieldResolve = (parent: unknown, args: unknown, context: unknown, info: unknown) => unknown;

/**
 * The same for GraphQL, which does not pass JSON fields through the content API's output
 * sanitizers: each rich text field of these types is made absolute as it resolves.
 */
export const absoluteBlockImagesInGraphQL = (strapi: Core.Strapi, uids: readonly string[]) => {
  const base = publicBase(strapi.config.get('server.url'));
  const resolversConfig: Record<string, { middlewares: Array<(resolve: FieldResolve, ...rest: Parameters<FieldResolve>) => Promise<unknown>> }> = {};
  if (base === null) return { resolversConfig };
  const naming = strapi.plugin('graphql').service('utils').naming as { getTypeName: (contentType: unknown) => string };
  for (const uid of uids) {
    const contentType = strapi.contentType(uid as never) as unknown as { attributes: Record<string, { type: string }> };
    for (const [name, attribute] of Object.entries(contentType.attributes)) {
      if (attribute.type !== 'blocks') continue;
      resolversConfig[`${naming.getTypeName(contentType)}.${name}`] = {
        middlewares: [async (resolve, ...rest) => withAbsoluteImages(await resolve(...rest), base)],
      };
    }
  }
  return { resolversConfig };
};

type Provider = {
  extend: (methods: Record<string, unknown>) => void;
  isPrivate: () => boolean | Promise<boolean>;
  getSignedUrl: (file: MediaFile) => unknown;
};

/**
 * Installs the rewrite when PUBLIC_URL is set. The upload plugin asks `isPrivate()` once at
 * bootstrap, outside any request, to decide whether to rewrite Document Service results at all, so
 * outside a request the answer is yes; a URL is only made absolute inside a content API request.
 */
export const installPublicMediaUrls = (strapi: Core.Strapi): void => {
  const base = publicBase(strapi.config.get('server.url'));
  if (base === null) return;
  const provider = strapi.plugin('upload').provider as unknown as Provider;
  const ownIsPrivate = provider.isPrivate.bind(provider);
  const ownSignedUrl = provider.getSignedUrl.bind(provider);
  provider.extend({
    async isPrivate(): Promise<boolean> {
      return currentRequest(strapi) !== 'other' || (await ownIsPrivate());
    },
    async getSignedUrl(file: MediaFile): Promise<{ url: unknown }> {
      // Only a provider that is private itself signs: the S3 provider signs any URL in its bucket
      // when asked, which would hand the public 15-minute links to files that are public anyway.
      const signed = (await ownIsPrivate()) ? ((await ownSignedUrl(file)) as MediaFile) : file;
      const url = signed.url ?? file.url;
      return { url: typeof url === 'string' && currentRequest(strapi) === 'content-api' ? absoluteMediaUrl(url, base) : url };
    },
  });
  addAppOutputSanitizer(strapi, withoutSignedMark(strapi) as never);
  addAppOutputSanitizer(strapi, absoluteBlockImages(strapi, base) as never);
};
