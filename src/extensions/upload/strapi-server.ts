import type { Core } from '@strapi/strapi';
import { installPublicMediaUrls } from '../../media/public-urls';
import { THUMBNAIL_BOX, webpFormats, type Box, type Format, type UploadingFile } from '../../media/webp';

/**
 * The upload plugin, extended through Strapi's extension point (not patched):
 * - WebP twins of every image format (src/media/webp.ts), made where the plugin makes its own
 *   responsive formats, so uploading, replacing and deleting a file handle them like the others;
 * - absolute media URLs in the content API when PUBLIC_URL is set (src/media/public-urls.ts).
 */

type ImageManipulation = {
  generateResponsiveFormats: (file: UploadingFile) => Promise<Array<Format | null | undefined>>;
  [name: string]: unknown;
};

type UploadPlugin = {
  register: (context: { strapi: Core.Strapi }) => Promise<void> | void;
  services: Record<string, unknown>;
};

const breakpointBoxes = (strapi: Core.Strapi, keys: string[]): Array<{ key: string; box: Box }> => {
  const breakpoints = strapi.config.get('plugin::upload.breakpoints', {}) as Record<string, number>;
  return keys.flatMap((key) => (typeof breakpoints[key] === 'number' ? [{ key, box: { width: breakpoints[key], height: breakpoints[key] } }] : []));
};

/** Strapi makes a thumbnail only of an image larger than the thumbnail's box. */
const hasThumbnail = (file: UploadingFile): boolean =>
  typeof file.width === 'number' && typeof file.height === 'number' && (file.width > THUMBNAIL_BOX.width || file.height > THUMBNAIL_BOX.height);

const withWebpFormats = (strapi: Core.Strapi, service: ImageManipulation): ImageManipulation => ({
  ...service,
  async generateResponsiveFormats(file: UploadingFile) {
    const made = (await service.generateResponsiveFormats(file)).filter((format): format is Format => format !== null && format !== undefined);
    const twins = await webpFormats(file, breakpointBoxes(strapi, made.map((format) => format.key)), hasThumbnail(file));
    return [...made, ...twins];
  },
});

/**
 * Strapi loads the plugin's module once per process and hands this extension the same object at
 * every start: a second Strapi in one process (the tests, a script after a server) must wrap the
 * plugin's own register and service again, never the wrappers of the first start.
 */
const ORIGINAL = Symbol.for('newsroom.upload.original');

const originalOf = <T>(value: T): T => ((value as { [ORIGINAL]?: T })[ORIGINAL] ?? value);

const remembering = <T extends object>(wrapper: T, original: unknown): T => Object.assign(wrapper, { [ORIGINAL]: original });

export default (plugin: UploadPlugin): UploadPlugin => {
  const register = originalOf(plugin.register);
  plugin.register = remembering(async (context: { strapi: Core.Strapi }) => {
    await register(context);
    // The provider exists once the plugin's own register has run, and the plugin asks it whether
    // URLs are to be rewritten at bootstrap, which comes after every register.
    installPublicMediaUrls(context.strapi);
  }, register);
  const imageManipulation = originalOf(plugin.services['image-manipulation']) as ImageManipulation;
  // One extended service per Strapi: the service is a plain object, and strapi is only known once the plugin runs.
  const extended = new WeakMap<Core.Strapi, ImageManipulation>();
  plugin.services['image-manipulation'] = remembering(({ strapi }: { strapi: Core.Strapi }) => {
    const service = extended.get(strapi) ?? withWebpFormats(strapi, imageManipulation);
    extended.set(strapi, service);
    return service;
  }, imageManipulation);
  return plugin;
};
