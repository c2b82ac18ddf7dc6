import type { Core } from '@strapi/strapi';
import { traverseEntity } from '@strapi/utils';

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
      const signed = (await ownSignedUrl(file)) as MediaFile;
      const url = signed.url ?? file.url;
      return { url: typeof url === 'string' && currentRequest(strapi) === 'content-api' ? absoluteMediaUrl(url, base) : url };
    },
  });
  // Strapi types a sanitizer as a lodash curried function; a plain (schema) => (data) => … is what it calls.
  strapi.sanitizers.add('content-api.output', withoutSignedMark(strapi) as unknown as Parameters<Core.Strapi['sanitizers']['add']>[1]);
};
