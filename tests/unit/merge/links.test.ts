import fs from 'fs';
import path from 'path';
import { holdsOne, linkAttributes, linkKind, repeatableComponents, type Schemas } from '../../../src/merge/links';

/** The project's schemas as Strapi registers them: content types by uid, components by category.name. */
const projectSchemas = (): Schemas => {
  const root = path.resolve(__dirname, '..', '..', '..', 'src');
  const schemas: Schemas = {};
  for (const api of fs.readdirSync(path.join(root, 'api'))) {
    const types = path.join(root, 'api', api, 'content-types');
    if (!fs.existsSync(types)) continue;
    for (const type of fs.readdirSync(types)) schemas[`api::${api}.${type}`] = JSON.parse(fs.readFileSync(path.join(types, type, 'schema.json'), 'utf8'));
  }
  for (const category of fs.readdirSync(path.join(root, 'components'))) {
    for (const file of fs.readdirSync(path.join(root, 'components', category))) {
      schemas[`${category}.${path.basename(file, '.json')}`] = JSON.parse(fs.readFileSync(path.join(root, 'components', category, file), 'utf8'));
    }
  }
  return schemas;
};

const kinds = (schemas: Schemas, uid: string): string[] => linkAttributes(schemas, uid).map(linkKind).sort();

describe('the links a merge moves, read from the schemas', () => {
  test("an organisation's: positions, mentions, publishers, organisers, people, its parent and its children", () => {
    expect(kinds(projectSchemas(), 'api::organisation.organisation')).toEqual([
      'api::initiative.initiative.organisers',
      'api::news-article.news-article.mentionedOrganisations',
      'api::organisation.organisation.parent',
      'api::person.person.organisations',
      'news.source.publisher',
      'outgoing:api::organisation.organisation.parent',
      'people.position.organisation',
    ]);
  });

  test("a person's: mentions, quotes (and the articles quoting them), initiatives and their own organisations", () => {
    expect(kinds(projectSchemas(), 'api::person.person')).toEqual([
      'api::initiative.initiative.people',
      'api::news-article.news-article.mentionedPersons',
      'api::news-article.news-article.quotedPersons',
      'news.quote.speaker',
      'outgoing:api::person.person.organisations',
    ]);
    expect(repeatableComponents(projectSchemas(), 'api::person.person')).toEqual(['positions']);
  });

  test('a relation added to any schema later is moved too, from a content type or a component', () => {
    const schemas = projectSchemas();
    schemas['api::event.event'] = { attributes: { venueOwner: { type: 'relation', relation: 'manyToOne', target: 'api::organisation.organisation' } } };
    schemas['shared.sponsor'] = { attributes: { sponsor: { type: 'relation', relation: 'oneToOne', target: 'api::organisation.organisation' } } };
    const found = linkAttributes(schemas, 'api::organisation.organisation');
    expect(found).toContainEqual({ owner: 'api::event.event', attribute: 'venueOwner', relation: 'manyToOne', direction: 'incoming', component: false });
    expect(found).toContainEqual({ owner: 'shared.sponsor', attribute: 'sponsor', relation: 'oneToOne', direction: 'incoming', component: true });
  });

  test("Strapi's own links (authorship, a document's locales) stay with each record", () => {
    const schemas = projectSchemas();
    const person = schemas['api::person.person'];
    person.attributes.createdBy = { type: 'relation', relation: 'oneToOne', target: 'admin::user' };
    person.attributes.localizations = { type: 'relation', relation: 'oneToMany', target: 'api::person.person', unstable_virtual: true };
    expect(kinds(schemas, 'api::person.person')).toEqual(kinds(projectSchemas(), 'api::person.person'));
  });

  test('the mirrored side of a relation is not counted twice', () => {
    const found = linkAttributes(projectSchemas(), 'api::organisation.organisation');
    expect(found.some((link) => link.attribute === 'children' || link.attribute === 'mentionedInArticles' || link.attribute === 'people')).toBe(false);
  });

  test('a parent or a position holds one link; a mention list many', () => {
    expect(holdsOne('manyToOne')).toBe(true);
    expect(holdsOne('oneToOne')).toBe(true);
    expect(holdsOne('manyToMany')).toBe(false);
  });
});
