import fs from 'fs';
import path from 'path';

export const PAGE_EXTENSIONS = new Set(['.txt', '.html', '.htm']);

export type FoundFile = { file: string; size: number };
export type MissingPath = { file: string; message: string };
export type InputEntry = ({ kind: 'file' } & FoundFile) | ({ kind: 'problem' } & MissingPath);

/**
 * Walks the paths a user gave, lazily and in a stable order, so a directory of thousands of pages
 * is never listed into memory at once. Files named directly are taken whatever their extension;
 * inside directories only pages (.txt, .html, .htm) are, and the rest are counted as skipped.
 */
export async function* walkInputs(paths: string[], skipped: { count: number }): AsyncGenerator<InputEntry> {
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(given);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      yield { kind: 'problem', file: given, message: code === 'ENOENT' ? 'path does not exist' : `cannot read path (${code ?? String(error)})` };
      continue;
    }
    if (stat.isDirectory()) {
      yield* walkDirectory(given, skipped);
    } else {
      yield { kind: 'file', file: given, size: stat.size };
    }
  }
}

async function* walkDirectory(directory: string, skipped: { count: number }): AsyncGenerator<InputEntry> {
  const entries = (await fs.promises.readdir(directory, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const file = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      yield* walkDirectory(file, skipped);
    } else if (entry.isFile() && PAGE_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
      const stat = await fs.promises.stat(file);
      yield { kind: 'file', file, size: stat.size };
    } else {
      skipped.count += 1;
    }
  }
}

/** Counts the pages first, for the progress bar; cheap next to importing them. */
export const countInputs = async (paths: string[]): Promise<number> => {
  let count = 0;
  for await (const entry of walkInputs(paths, { count: 0 })) {
    if (entry.kind === 'file' || entry.kind === 'problem') count += 1;
  }
  return count;
};
