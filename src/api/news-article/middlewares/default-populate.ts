import { defaultPopulate, organisationSummary, personWithPositions } from '../../../utils/populate';
import schema from '../content-types/news-article/schema.json';

const list = {
  cover: true,
  source: { populate: { publisher: organisationSummary } },
  amounts: true,
  quotes: { populate: { speaker: { fields: ['name'] } } },
  mentionedOrganisations: organisationSummary,
  mentionedPersons: personWithPositions,
  mentionedInitiatives: { fields: ['name', 'kind'] },
};

type Attribute = { type: string; private?: boolean };

/** Not fields of their own: `populate` reads them. */
const POPULATED = new Set(['relation', 'component', 'dynamiczone', 'media']);

/**
 * The body is a blocks field, a column of JSON with nothing to populate, which every read would
 * return. A list page shows no body: a list gets every other public field (read from the schema, so
 * a field added later is listed too), and a page of one article gets them all.
 */
const listFields = [
  ...Object.entries(schema.attributes as Record<string, Attribute>)
    .filter(([name, attribute]) => name !== 'body' && attribute.private !== true && !POPULATED.has(attribute.type))
    .map(([name]) => name),
  'locale',
  'createdAt',
  'updatedAt',
  'publishedAt',
];

const detail = {
  ...list,
  seo: { populate: { shareImage: true } },
};

// A frontend opens an article by its slug, so `filters[slug][$eq]` gets the detail populate.
export default defaultPopulate({ list, detail, detailKey: 'slug', listFields });
