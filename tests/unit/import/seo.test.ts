import { articleFields, fingerprints, planArticle, type StoredArticle } from '../../../src/import/plan';
import type { ResolvedArticle } from '../../../src/import/resolve';
import { clipText, META_DESCRIPTION_MAX, META_TITLE_MAX, seoFields } from '../../../src/import/seo';

const article = (overrides: Partial<ResolvedArticle> = {}): ResolvedArticle => ({
  key: 'url:https://news.example.org/2024/0520.html',
  title: '临江市青年企业家商会召开第三届会员大会',
  date: '2024-05-20',
  source: '临江商会网',
  sourceOrganisationKey: null,
  url: 'https://news.example.org/2024/0520.html',
  reporter: null,
  correspondent: null,
  editor: null,
  summary: '5月20日，临江市青年企业家商会第三届会员大会召开。',
  blocks: [{ type: 'paragraph', text: '正文。' }],
  quotes: [],
  amounts: [],
  organisationKeys: [],
  personKeys: [],
  initiativeKeys: [],
  rawText: 'raw',
  contentHash: 'h1',
  reviewReasons: [],
  ...overrides,
});

describe('seo fields from what the importer read', () => {
  test('the meta title is the title, the description the summary and the canonical URL the page URL', () => {
    expect(seoFields('商会召开会员大会', '会员大会召开。', 'https://news.example.org/a.html')).toEqual({
      metaTitle: '商会召开会员大会',
      metaDescription: '会员大会召开。',
      canonicalUrl: 'https://news.example.org/a.html',
      shareImage: null,
    });
  });

  test('a page known only by its file has no canonical URL, and an article without a summary no description', () => {
    const seo = seoFields('商会召开会员大会', null, '2024/a.html');
    expect(seo.canonicalUrl).toBeNull();
    expect(seo.metaDescription).toBeNull();
  });

  test('a long title is cut at a phrase break within the limit and ends with an ellipsis', () => {
    const title = `${'临江市青年企业家商会'.repeat(8)}，${'召开第三届会员大会'.repeat(6)}`;
    const clipped = clipText(title, META_TITLE_MAX);
    expect(clipped.length).toBeLessThanOrEqual(META_TITLE_MAX);
    expect(clipped).toBe(`${'临江市青年企业家商会'.repeat(8)}…`);
  });

  test('a long text without a break is cut hard at the limit', () => {
    const clipped = clipText('商'.repeat(400), META_DESCRIPTION_MAX);
    expect(clipped).toBe(`${'商'.repeat(META_DESCRIPTION_MAX - 1)}…`);
  });

  test('a cut never splits a character outside the basic plane', () => {
    const clipped = clipText('𠀀'.repeat(100), 11);
    expect(clipped).toBe(`${'𠀀'.repeat(5)}…`);
  });
});

describe('seo on re-import', () => {
  const stored = (overrides: Partial<StoredArticle> = {}): StoredArticle => ({ documentId: 'doc1', fields: articleFields(article()), importedValues: fingerprints(articleFields(article())), ...overrides });

  test('a new title rewrites the seo the importer wrote', () => {
    const result = planArticle(article({ title: '临江市青年企业家商会召开第四届会员大会' }), stored());
    expect(result.fields.seo?.metaTitle).toBe('临江市青年企业家商会召开第四届会员大会');
  });

  test("an editor's seo stays when the title changes, and is reported as kept", () => {
    const edited = { ...articleFields(article()), seo: { ...articleFields(article()).seo, metaTitle: '编辑写的标题' } };
    const result = planArticle(article({ title: '临江市青年企业家商会召开第四届会员大会' }), stored({ fields: edited }));
    expect(result.fields.title).toBe('临江市青年企业家商会召开第四届会员大会');
    expect(result.fields.seo).toBeUndefined();
    expect(result.keptEditorChanges).toContain('seo');
  });

  test('an article imported before the importer wrote seo gets it, unless an editor filled it', () => {
    const { seo: _seo, ...older } = fingerprints(articleFields(article()));
    const empty = { metaTitle: null, metaDescription: null, canonicalUrl: null, shareImage: null };
    const filled = planArticle(article(), stored({ fields: { ...articleFields(article()), seo: empty }, importedValues: older }));
    expect(filled.fields.seo?.metaTitle).toBe('临江市青年企业家商会召开第三届会员大会');
    const editors = planArticle(article(), stored({ fields: { ...articleFields(article()), seo: { ...empty, metaDescription: '编辑写的描述' } }, importedValues: older }));
    expect(editors.fields.seo).toBeUndefined();
    expect(editors.keptEditorChanges).toContain('seo');
  });
});
