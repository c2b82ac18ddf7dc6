import fs from 'fs';
import os from 'os';
import path from 'path';
import { pipeline } from 'stream/promises';
import type { Core } from '@strapi/strapi';
import { runImport } from '../../../import/run';
import type { ImportReport } from '../../../import/report';

export type UploadedFile = { filepath: string; originalFilename?: string | null; size: number };

export type UploadOptions = { dryRun: boolean; publish: boolean; locale: string; holder: string };

/** A file name that is safe inside a temporary directory and still tells the editor which page it was. */
const safeName = (name: string, index: number): string => {
  const base = path.basename(name).replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(-120);
  return `${String(index + 1).padStart(4, '0')}-${base === '' ? 'page.txt' : base}`;
};

/**
 * Copies an upload into the private directory. The copy is created readable by this user only
 * (0600, and `wx` never follows or reuses a file that is already there), whatever mode the upload had.
 */
const privateCopy = async (source: string, target: string): Promise<void> => {
  await pipeline(fs.createReadStream(source), fs.createWriteStream(target, { flags: 'wx', mode: 0o600 }));
};

/**
 * Imports pages uploaded from the admin panel with the very pipeline the CLI runs: the uploads are
 * laid out as files in a temporary directory of their own (0700, removed however the import ends)
 * and handed to `runImport`, which analyses them on a worker thread so the server keeps answering
 * readers meanwhile.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async importUploads(files: UploadedFile[], options: UploadOptions): Promise<ImportReport> {
    const directory = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'newsroom-upload-'));
    try {
      await fs.promises.chmod(directory, 0o700);
      const originalNames = new Map<string, string>();
      for (const [index, file] of files.entries()) {
        const target = path.join(directory, safeName(file.originalFilename ?? 'page.txt', index));
        await privateCopy(file.filepath, target);
        originalNames.set(target, file.originalFilename ?? path.basename(target));
      }
      const report = await runImport({
        paths: [directory],
        dryRun: options.dryRun,
        publish: options.publish,
        locale: options.locale,
        strapi: options.dryRun ? null : strapi,
        analyseInWorker: true,
        holder: options.holder,
      });
      return { ...report, documents: report.documents.map((doc) => ({ ...doc, file: originalNames.get(doc.file) ?? path.basename(doc.file) })) };
    } finally {
      await fs.promises.rm(directory, { recursive: true, force: true });
    }
  },
});
