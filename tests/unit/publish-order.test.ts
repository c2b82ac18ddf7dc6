import { LINKED_UIDS, PUBLISH_ORDER, parentsFirst } from '../../src/documents/publish-order';

type Org = { key: string; parent: string | null };

const order = (organisations: Org[]) => parentsFirst(organisations, (o) => o.key, (o) => o.parent).map((o) => o.key);

describe('the publishing order', () => {
  test('organisations come before persons, persons before initiatives, the article last', () => {
    expect(PUBLISH_ORDER).toEqual(['api::organisation.organisation', 'api::person.person', 'api::initiative.initiative', 'api::news-article.news-article']);
    expect(LINKED_UIDS).toEqual(PUBLISH_ORDER.slice(0, 3));
  });

  test('a parent comes before its child, and a grandparent before both, whatever order they are listed in', () => {
    expect(order([{ key: 'child', parent: 'parent' }, { key: 'parent', parent: 'grandparent' }, { key: 'grandparent', parent: null }])).toEqual(['grandparent', 'parent', 'child']);
  });

  test('records without a listed parent keep their place', () => {
    expect(order([{ key: 'b', parent: 'not-listed' }, { key: 'a', parent: null }])).toEqual(['b', 'a']);
  });

  test('a cycle is broken, every record is listed once', () => {
    expect(order([{ key: 'a', parent: 'b' }, { key: 'b', parent: 'a' }]).sort()).toEqual(['a', 'b']);
  });
});
