import { articleItems, classify, editPath, highlightParts, mergeItems, recordItems, sentenceAround, type FlaggedArticle } from '../../../src/review/items';
import { personListLabel } from '../../../src/review/person-label';
import { ARTICLE, PERSON } from '../../../src/content-types';

const NAMESAKE = '同名人物「张三」已有 1 条记录，但机构不同，未合并；请核实是否为同一人';
const SENTENCE = '某某商会副会长、某某建材有限公司董事长张三主持会议。';

const article = (overrides: Partial<FlaggedArticle> = {}): FlaggedArticle => ({
  documentId: 'article-1',
  locale: 'zh-Hans',
  title: '某某商会召开年会',
  needsReview: true,
  reasons: [NAMESAKE],
  rawText: `<html><head><title>某某商会召开年会</title></head><body><h1>某某商会召开年会</h1><p>${SENTENCE}</p><p>会长李四出席活动并致辞。</p></body></html>`,
  evidence: { positions: [{ person: '张三', title: '副会长', organisation: '某某商会', sentence: SENTENCE }] },
  persons: [{ documentId: 'person-1', name: '张三', label: '张三 · 某某商会 副会长', needsReview: true, reasons: [NAMESAKE] }],
  ...overrides,
});

describe('review items', () => {
  test('reasons are told apart by what they are about', () => {
    expect(classify(NAMESAKE)).toEqual({ kind: 'namesake', person: '张三' });
    expect(classify('「李四」的职务「会长」未能确定所属组织：会长李四出席活动并致辞。')).toEqual({ kind: 'unplaced-title', person: '李四', title: '会长', sentence: '会长李四出席活动并致辞。' });
    expect(classify('标题由正文生成：「某某商会召开年会」').kind).toBe('derived-headline');
    expect(classify('原文没有日期：请按原网页填写发布日期').kind).toBe('missing-date');
    expect(classify('原文可能不完整：正文结尾「…继续组织会员开展」，请对照原网页补全')).toEqual({ kind: 'truncated', term: '继续组织会员开展' });
    expect(classify('「商会」可能指 某某商会 / 某某县商会，未能确定')).toEqual({ kind: 'ambiguous-name', term: '商会' });
    expect(classify('正文与另一篇文章高度相似').kind).toBe('other');
  });

  test('a namesake on an article is the person\'s to fix, with the sentence the person was read in', () => {
    const [item] = articleItems(article());
    expect(item.record).toEqual({ uid: PERSON, documentId: 'person-1', locale: null, label: '张三 · 某某商会 副会长' });
    expect(item.article).toMatchObject({ uid: ARTICLE, documentId: 'article-1' });
    expect(item.evidence).toEqual({ sentence: SENTENCE, highlights: ['张三', '副会长', '某某商会'] });
    expect(item.carriers).toEqual([{ uid: ARTICLE, documentId: 'article-1' }, { uid: PERSON, documentId: 'person-1' }]);
  });

  test('the same reason carried by the article and by the person is one item', () => {
    const fromPerson = recordItems({ uid: PERSON, documentId: 'person-1', label: '张三 · 某某商会 副会长', reasons: [NAMESAKE] });
    const merged = mergeItems([...articleItems(article()), ...fromPerson]);
    expect(merged).toHaveLength(1);
    expect(merged[0].evidence?.sentence).toBe(SENTENCE);
  });

  test('a title without an organisation is found in the page and highlighted with the name', () => {
    const reason = '「李四」的职务「会长」未能确定所属组织：会长李四出席活动并致辞。';
    const [item] = articleItems(article({ reasons: [reason], persons: [{ documentId: 'person-2', name: '李四', label: '李四', needsReview: false, reasons: [] }] }));
    expect(item.record.documentId).toBe('person-2');
    expect(item.evidence).toEqual({ sentence: '会长李四出席活动并致辞。', highlights: ['李四', '会长'] });
  });

  test('a reason about the page as a whole is the article\'s', () => {
    const [item] = articleItems(article({ reasons: ['原文没有日期：请按原网页填写发布日期'] }));
    expect(item.record).toEqual({ uid: ARTICLE, documentId: 'article-1', locale: 'zh-Hans', label: '某某商会召开年会' });
    expect(item.evidence?.sentence).toBe('某某商会召开年会');
  });

  test('the sentence around a word ends at the page\'s punctuation and markup', () => {
    expect(sentenceAround('<p>第一句。某某商会副会长张三主持会议！后面</p>', '张三')).toBe('某某商会副会长张三主持会议！');
    expect(sentenceAround('没有这个名字。', '王五')).toBeNull();
  });

  test('highlighting cuts the sentence into plain and highlighted parts that join back to it', () => {
    const parts = highlightParts(SENTENCE, ['张三', '某某商会', '副会长']);
    expect(parts.filter((part) => part.highlighted).map((part) => part.text)).toEqual(['某某商会副会长', '张三']);
    expect(parts.map((part) => part.text).join('')).toBe(SENTENCE);
  });

  test('an item links to the content manager\'s edit view, in the article\'s locale', () => {
    expect(editPath({ uid: ARTICLE, documentId: 'abc', locale: 'zh-Hans' })).toBe('/content-manager/collection-types/api::news-article.news-article/abc?plugins[i18n][locale]=zh-Hans');
    expect(editPath({ uid: PERSON, documentId: 'xyz', locale: null })).toBe('/content-manager/collection-types/api::person.person/xyz');
  });
});

describe('person list labels', () => {
  test('a person is named with where they hold which title, two posts at most', () => {
    expect(personListLabel('张三', [])).toBe('张三');
    expect(personListLabel('张三', [{ title: '副会长', organisation: '某某商会' }])).toBe('张三 · 某某商会 副会长');
    expect(personListLabel('张三', [{ title: '会长', organisation: null }, { title: '董事长', organisation: '某某公司' }, { title: '理事', organisation: '某某协会' }])).toBe('张三 · 会长 · 某某公司 董事长 …');
  });
});
