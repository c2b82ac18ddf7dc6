import { articleFields, fingerprints, plan, planArticle, type StoredArticle } from '../../../src/import/plan';
import { emptyIndex, remember, type ResolvedArticle, type ResolvedDocument } from '../../../src/import/resolve';

const article = (overrides: Partial<ResolvedArticle> = {}): ResolvedArticle => ({
  key: 'url:https://example.org/1',
  title: '商会举行捐赠仪式',
  date: '2021-03-15',
  source: '海川商会网',
  sourceOrganisationKey: null,
  url: 'https://example.org/1',
  reporter: null,
  correspondent: null,
  editor: null,
  summary: '摘要',
  blocks: [{ type: 'paragraph', text: '正文。' }],
  quotes: [],
  amounts: [{ text: '12.3万元', value: 123000, currency: 'CNY', approximate: false }],
  organisationKeys: ['org:b', 'org:a'],
  personKeys: [],
  initiativeKeys: [],
  rawText: 'raw',
  contentHash: 'h1',
  reviewReasons: [],
  ...overrides,
});

const stored = (fields = articleFields(article())): StoredArticle => ({
  documentId: 'doc1',
  fields,
  importedValues: fingerprints(articleFields(article())),
});

describe('planArticle', () => {
  test('creates a new article with every field', () => {
    const result = planArticle(article(), null);
    expect(result.action).toBe('create');
    expect(result.fields.title).toBe('商会举行捐赠仪式');
    expect(result.fields.mentionedOrganisations).toEqual(['org:a', 'org:b']);
  });

  test('an unchanged page changes nothing', () => {
    const result = planArticle(article(), stored());
    expect(result.action).toBe('unchanged');
    expect(result.fields).toEqual({});
  });

  test('a changed source updates only the changed fields', () => {
    const result = planArticle(article({ blocks: [{ type: 'paragraph', text: '新的正文。' }] }), stored());
    expect(result.action).toBe('update');
    expect(Object.keys(result.fields)).toEqual(['body']);
  });

  test('a field an editor changed since the last import is kept, and reported', () => {
    const edited = { ...articleFields(article()), title: '编辑改过的标题' };
    const result = planArticle(article({ title: '源站改过的标题', blocks: [{ type: 'paragraph', text: '新正文。' }] }), stored(edited));
    expect(result.fields.title).toBeUndefined();
    expect(result.keptEditorChanges).toEqual(['title']);
    expect(result.fields.body).toEqual([{ type: 'paragraph', text: '新正文。' }]);
  });

  test('an editor change that the source now agrees with is neither written nor reported', () => {
    const edited = { ...articleFields(article()), title: '同一个新标题' };
    const result = planArticle(article({ title: '同一个新标题' }), stored(edited));
    expect(result.fields.title).toBeUndefined();
    expect(result.keptEditorChanges).toEqual([]);
    // The importer's seo follows the title the page now prints.
    expect(Object.keys(result.fields)).toEqual(['seo']);
  });
});

describe('plan', () => {
  const doc = (persons: ResolvedDocument['persons']): ResolvedDocument => ({
    file: 'a.txt',
    article: article(),
    organisations: [{ key: 'org:a', name: '甲商会', kind: 'chamber_of_commerce', aliases: ['甲会'], parentKey: null }],
    persons,
    initiatives: [],
    analysed: {
      file: 'a.txt',
      parsed: { file: 'a.txt', title: '商会举行捐赠仪式', date: null, source: null, url: null, reporter: null, correspondent: null, editor: null, blocks: [], warnings: [] },
      extraction: { persons: [], organisations: [], initiatives: [], amounts: [], quotes: [], uncertain: [], warnings: [] },
      rawText: 'raw',
      contentHash: 'h1',
      removed: [],
      warnings: [],
    },
  });

  test('known organisations and persons are unchanged unless the document adds to them', () => {
    const index = emptyIndex();
    const first = doc([{ key: 'person:林@org:a', name: '林', positions: [{ title: '会长', organisationKey: 'org:a' }], reviewReason: null }]);
    remember(index, first, new Map([['org:a', 'o1'], ['person:林@org:a', 'p1']]), false);
    const again = plan(first, index, null);
    expect(again.organisations[0]).toMatchObject({ action: 'unchanged', documentId: 'o1' });
    expect(again.persons[0]).toMatchObject({ action: 'unchanged', documentId: 'p1' });

    // Another article names the same person with another position.
    const other = doc([{ key: 'person:林@org:a', name: '林', positions: [{ title: '董事长', organisationKey: 'org:b' }], reviewReason: null }]);
    const more = plan({ ...other, article: article({ key: 'url:https://example.org/2', url: 'https://example.org/2' }) }, index, null);
    expect(more.persons[0].action).toBe('update');
    expect(more.persons[0].positions.map((p) => p.title)).toEqual(['会长', '董事长']);
  });

  test('new organisations and persons are created', () => {
    const result = plan(doc([{ key: 'person:王@org:a', name: '王', positions: [], reviewReason: null }]), emptyIndex(), null);
    expect(result.organisations[0].action).toBe('create');
    expect(result.persons[0].action).toBe('create');
    expect(result.article.action).toBe('create');
  });
});
