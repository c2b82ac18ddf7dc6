import type { ParsedPage } from '../../src/import/types';

/** A parsed page of paragraphs and nothing else: what the extraction passes are tested on. */
export const parsedPage = (...paragraphs: string[]): ParsedPage => ({
  file: 'test.txt',
  title: null,
  date: null,
  source: null,
  url: null,
  reporter: null,
  correspondent: null,
  editor: null,
  credits: [],
  blocks: paragraphs.map((text) => ({ type: 'paragraph', text })),
  warnings: [],
});
