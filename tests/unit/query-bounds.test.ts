import { checkPopulate, cutNestedLists } from '../../src/middlewares/query-bounds';

type Model = { attributes: Record<string, { type: string; relation?: string; target?: string; component?: string }> };

const MODELS: Record<string, Model> = {
  article: {
    attributes: {
      title: { type: 'string' },
      persons: { type: 'relation', relation: 'manyToMany', target: 'person' },
      publisher: { type: 'relation', relation: 'manyToOne', target: 'organisation' },
      body: { type: 'dynamiczone' },
    },
  },
  person: {
    attributes: {
      name: { type: 'string' },
      positions: { type: 'component', component: 'position' },
      articles: { type: 'relation', relation: 'manyToMany', target: 'article' },
    },
  },
  position: { attributes: { organisation: { type: 'relation', relation: 'manyToOne', target: 'organisation' } } },
  organisation: { attributes: { name: { type: 'string' }, articles: { type: 'relation', relation: 'manyToMany', target: 'article' } } },
  photo: { attributes: { image: { type: 'media' } } },
};

const walk = { getModel: (uid: string) => MODELS[uid], maxDepth: 3, maxToMany: 1 };
const check = (populate: unknown) => checkPopulate(populate, MODELS.article, [], walk);
/** Depth alone, with lists inside lists allowed. */
const checkDepth = (populate: unknown) => checkPopulate(populate, MODELS.article, [], { ...walk, maxToMany: 9 });

describe('populate bounds', () => {
  test('three levels are allowed, in every notation', () => {
    expect(check({ persons: { populate: { positions: { populate: { organisation: true } } } } })).toBeUndefined();
    expect(check('persons.positions.organisation')).toBeUndefined();
    expect(check(['persons.positions.organisation', 'publisher'])).toBeUndefined();
    expect(check('*')).toBeUndefined();
    expect(check({ body: { on: { photo: { populate: { image: true } } } } })).toBeUndefined();
  });

  test('a fourth level is refused with its path', () => {
    expect(checkDepth({ persons: { populate: { articles: { populate: { persons: { populate: { positions: true } } } } } } })).toBe(
      'populate reaches 4 levels below the entry (persons.articles.persons.positions); the limit is 3. Populate fewer levels, or read the deeper records with a request of their own.'
    );
    expect(checkDepth('persons.articles.persons.positions')).toMatch(/^populate reaches 4 levels below the entry \(persons.articles.persons.positions\)/);
    expect(checkDepth(['title', 'persons.articles.persons.positions'])).toMatch(/^populate reaches 4 levels/);
  });

  test('a to-many relation inside another is refused with its path', () => {
    const message =
      'populate follows more than 1 to-many relation along persons.articles: each is loaded whole for every parent before it is cut, so a list inside a list can load the whole graph. Read the inner list with a request of its own.';
    expect(check({ persons: { populate: { articles: true } } })).toBe(message);
    expect(check('persons.articles')).toBe(message);
    expect(check({ persons: { populate: { articles: { fields: ['title'] } } } })).toBe(message);
    // A to-one relation or a component between them does not reset the count.
    expect(check({ publisher: { populate: { articles: { populate: { persons: true } } } } })).toMatch(/along publisher.articles.persons:/);
  });

  test('* below the top is refused with where it was', () => {
    expect(check({ persons: { populate: '*' } })).toBe('populate "*" is allowed only at the top level (populate=*); name the relations to populate below persons instead.');
    expect(check('persons.*')).toMatch(/below persons instead/);
    expect(check({ persons: { populate: { '*': true } } })).toMatch(/below persons instead/);
    expect(check({ body: { populate: '*' } })).toMatch(/below body instead/);
  });
});

describe('nested to-many relations are cut per parent', () => {
  test('each parent keeps its first items; to-one relations and the root are untouched', () => {
    const articles = Array.from({ length: 4 }, (_, index) => ({ title: `a${index}` }));
    const entry = {
      title: 'root',
      persons: [
        { name: 'p1', articles, positions: [{ organisation: { name: 'o', articles } }] },
        { name: 'p2', articles: articles.slice(0, 1) },
        { name: 'p3' },
      ],
      publisher: { name: 'o', articles },
    };
    cutNestedLists(entry, MODELS.article, walk.getModel, 2);
    expect(entry.persons.map((person) => person.name)).toEqual(['p1', 'p2']);
    expect(entry.persons[0].articles).toHaveLength(2);
    expect(entry.persons[0].positions?.[0].organisation.articles).toHaveLength(2);
    expect(entry.persons[1].articles).toHaveLength(1);
    expect(entry.publisher.articles).toHaveLength(2);
  });
});
