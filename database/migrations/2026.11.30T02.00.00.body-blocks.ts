import type { Knex } from 'knex';
import type { Blocks } from '../../src/body/blocks';
import { SUBHEADING_LEVEL, textNode } from '../../src/body/blocks';
import { blockImageOf, captionBlock, paragraphBlocks } from '../../src/import/body';

/**
 * The article body moves from a dynamic zone of body.paragraph, body.subheading and body.photo
 * components to one rich text (blocks) column, `news_articles.body`. Every row of the table is
 * converted (each locale, draft and published), in the order its blocks were placed:
 * - a paragraph's Markdown becomes the blocks it describes (the importer's escaped text one
 *   paragraph of that text, as the importer now writes it, so its fingerprints still match);
 * - a subheading becomes a level-2 heading;
 * - a photo becomes an image node with its caption, or, when it has no image, an italic caption line
 *   that keeps the photo's source address (src/import/body.ts).
 *
 * Strapi runs user migrations before it syncs the schema to the content types (schema.sync() in
 * @strapi/database), so here the old component tables and join rows are still there and the new
 * column is not yet: it is created here as the schema would create it (jsonb), and the sync then
 * finds it as it expects. The old component tables, their `news_articles_cmps` rows and the photos'
 * media links are left to that sync, which drops tables and morph rows of components that no longer
 * exist; nothing reads them after this.
 */

const ARTICLES = 'news_articles';
const JOINS = 'news_articles_cmps';
const COMPONENTS: Record<string, string> = {
  'body.paragraph': 'components_body_paragraphs',
  'body.subheading': 'components_body_subheadings',
  'body.photo': 'components_body_photos',
};

type JoinRow = { entity_id: number; cmp_id: number; component_type: string; order: number | null };
type Row = Record<string, unknown> & { id: number };

const byId = async (knex: Knex, table: string, ids: number[]): Promise<Map<number, Row>> => {
  const rows = new Map<number, Row>();
  if (!(await knex.schema.hasTable(table))) return rows;
  for (let start = 0; start < ids.length; start += 500) {
    for (const row of (await knex(table).whereIn('id', ids.slice(start, start + 500))) as Row[]) rows.set(row.id, row);
  }
  return rows;
};

/** The image each photo component showed: its first media link on the `image` field. */
const photoFiles = async (knex: Knex, photoIds: number[]): Promise<Map<number, Row>> => {
  const files = new Map<number, Row>();
  if (photoIds.length === 0 || !(await knex.schema.hasTable('files_related_mph'))) return files;
  const links: Array<{ file_id: number; related_id: number }> = [];
  for (let start = 0; start < photoIds.length; start += 500) {
    links.push(
      ...((await knex('files_related_mph')
        .where({ related_type: 'body.photo', field: 'image' })
        .whereIn('related_id', photoIds.slice(start, start + 500))
        .orderBy('order')) as Array<{ file_id: number; related_id: number }>),
    );
  }
  const rows = await byId(knex, 'files', [...new Set(links.map((link) => link.file_id))]);
  for (const link of links) {
    const file = rows.get(link.file_id);
    if (file !== undefined && !files.has(link.related_id)) files.set(link.related_id, file);
  }
  return files;
};

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** One old component as blocks. */
const componentBlocks = (type: string, row: Row, file: Row | undefined): Blocks => {
  if (type === 'body.subheading') return [{ type: 'heading', level: SUBHEADING_LEVEL, children: [textNode(text(row.text))] }];
  if (type === 'body.photo') {
    const source = text(row.source_url);
    return [captionBlock(text(row.caption), source === '' ? undefined : source, file === undefined ? undefined : blockImageOf(file))];
  }
  return paragraphBlocks(text(row.text));
};

export async function up(knex: Knex): Promise<void> {
  if (!(await knex.schema.hasTable(ARTICLES))) return;
  if (!(await knex.schema.hasColumn(ARTICLES, 'body'))) {
    await knex.schema.alterTable(ARTICLES, (table) => {
      table.jsonb('body');
    });
  }
  if (!(await knex.schema.hasTable(JOINS))) return;
  const joins = (await knex(JOINS)
    .where({ field: 'body' })
    .whereIn('component_type', Object.keys(COMPONENTS))
    .orderBy([{ column: 'entity_id' }, { column: 'order' }, { column: 'id' }])) as JoinRow[];
  if (joins.length === 0) return;
  const components = new Map<string, Map<number, Row>>();
  for (const [type, table] of Object.entries(COMPONENTS)) {
    components.set(type, await byId(knex, table, joins.filter((join) => join.component_type === type).map((join) => join.cmp_id)));
  }
  const files = await photoFiles(knex, [...(components.get('body.photo')?.keys() ?? [])]);
  const bodies = new Map<number, Blocks>();
  for (const join of joins) {
    const row = components.get(join.component_type)?.get(join.cmp_id);
    if (row === undefined) continue;
    const body = bodies.get(join.entity_id) ?? [];
    body.push(...componentBlocks(join.component_type, row, join.component_type === 'body.photo' ? files.get(row.id) : undefined));
    bodies.set(join.entity_id, body);
  }
  for (const [id, body] of bodies) {
    await knex(ARTICLES).where({ id }).update({ body: JSON.stringify(body) });
  }
}
