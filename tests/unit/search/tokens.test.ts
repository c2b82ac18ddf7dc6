import { FTS5_SYNTAX, TSQUERY_SYNTAX, gramsOf, highlightTerms, indexTokens, matchExpression, normaliseForSearch, otherForms, parseQuery } from '../../../src/search/tokens';

describe('index tokens', () => {
  test('normalising keeps one character for each, simplifies Han characters, folds width and case', () => {
    const original = '商會ＡＢＣ Zhou，捐贈';
    const normalised = normaliseForSearch(original);
    expect(normalised).toBe('商会abc zhou,捐赠');
    expect(normalised).toHaveLength(original.length);
  });

  test('a Han run becomes its bigrams and its last character; Latin and digit runs stay whole', () => {
    expect(gramsOf('云岭商会。abc 2024年')).toEqual(['云岭', '岭商', '商会', '会', 'abc', '2024', '年']);
  });

  test('words are jieba search-mode words of two characters or more', () => {
    const { words } = indexTokens('云岭市工商业联合会举行捐赠仪式');
    expect(words.split(' ')).toEqual(expect.arrayContaining(['工商业联合会', '联合会', '捐赠', '仪式']));
    expect(words.split(' ').every((word) => word.length >= 2)).toBe(true);
  });
});

describe('queries', () => {
  test('a name is one term looked for in a row, a longer run its words and the whole run', () => {
    expect(parseQuery('韩立峰')).toEqual([{ terms: [{ text: '韩立峰', forms: ['韩立峰'] }], whole: null }]);
    expect(parseQuery('商会捐赠')[0]).toEqual({ terms: [{ text: '商会', forms: ['商会'] }, { text: '捐赠', forms: ['捐赠'] }], whole: '商会捐赠' });
    const [group] = parseQuery('韩立峰出席捐赠仪式');
    expect(group.terms.map((term) => term.text)).toEqual(['韩立峰', '出席', '捐赠', '仪式']);
    expect(group.whole).toBe('韩立峰出席捐赠仪式');
  });

  test('a lone character of a long run joins the next word; a function character is dropped', () => {
    expect(parseQuery('商会的捐赠活动')[0].terms.map((term) => term.text)).toEqual(['商会', '捐赠', '活动']);
  });

  test('traditional characters, function characters alone and punctuation-only queries', () => {
    expect(parseQuery('商會')[0].terms[0].text).toBe('商会');
    expect(parseQuery('的')).toEqual([{ terms: [{ text: '的', forms: ['的'] }], whole: null }]);
    expect(parseQuery('！？…')).toEqual([]);
  });

  test('工商联 and 工商业联合会 stand for each other', () => {
    expect(otherForms('石溪县工商联')).toEqual(['石溪县工商业联合会']);
    expect(otherForms('工商业联合会')).toEqual(['工商联']);
    expect(otherForms('商会')).toEqual([]);
  });

  test('a name is a phrase of its bigrams, never its characters apart', () => {
    const groups = parseQuery('韩立峰');
    expect(matchExpression(groups, FTS5_SYNTAX)).toBe('({title_grams body_grams} : "韩立 立峰" OR {title_words body_words} : "韩立峰")');
    expect(matchExpression(groups, TSQUERY_SYNTAX)).toBe("(('韩立' <-> '立峰') | '韩立峰')");
  });

  test('one character is a prefix of the grams; several runs must all match', () => {
    expect(matchExpression(parseQuery('会'), TSQUERY_SYNTAX)).toBe("'会':*");
    expect(matchExpression(parseQuery('han lifeng'), FTS5_SYNTAX)).toBe('({title_grams body_grams} : "han" AND {title_grams body_grams} : "lifeng")');
  });

  test('quotes cannot break out of a term', () => {
    expect(matchExpression(parseQuery('a"b'), FTS5_SYNTAX)).toBe('({title_grams body_grams} : "a" AND {title_grams body_grams} : "b")');
  });

  test('highlighting marks the words, their other forms and the words inside them, longest first', () => {
    expect(highlightTerms(parseQuery('商会换届'))).toEqual(['商会换届', '商会', '换届']);
    expect(highlightTerms(parseQuery('工商联'))).toEqual(['工商业联合会', '工商联']);
  });
});
