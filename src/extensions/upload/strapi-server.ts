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

export default (plugin: UploadPlugin): UploadPlugin => {
  const register = plugin.register;
  plugin.register = async (context) => {
    await register(context);
    // The provider exists once the plugin's own register has run, and the plugin asks it whether
    // URLs are to be rewritten at bootstrap, which comes after every register.
    installPublicMediaUrls(context.strapi);
  };
  const imageManipulation = plugin.services['image-manipulation'] as ImageManipulation;
  let extended: ImageManipulation | undefined;
  // The service is a plain object; strapi is only known once the plugin runs, so it is read lazily.
  plugin.services['image-manipulation'] = ({ strapi }: { strapi: Core.Strapi }) => {
    extended ??= withWebpFormats(strapi, imageManipulation);
    return extended;
  };
  return plugin;
};
