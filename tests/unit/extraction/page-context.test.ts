import type { PageContext } from '../../../src/import/extraction/context';
import { insideBook, printed } from '../../../src/import/extraction/context';
import { buildContext, pageTexts, splitSentences, tokensIn } from '../../../src/import/extraction/page-context';
import type { ParsedPage } from '../../../src/import/types';
import { parsedPage } from '../../helpers/parsed-page';

const page = (paragraphs: string[], fields: Partial<ParsedPage> = {}): ParsedPage => ({ ...parsedPage(...paragraphs), ...fields });

const sentencesOf = (context: PageContext): string[] => context.sentences.map((sentence) => context.text.slice(sentence.start, sentence.end));

describe('the page text', () => {
  test('the headline, when printed, comes first and the blocks follow, one per line', () => {
    const context = buildContext(page(['海川市青年企业家商会召开年会。', '会长张伟主持会议。'], { title: '青商年会召开' }));
    expect(context.original).toBe('青商年会召开\n海川市青年企业家商会召开年会。\n会长张伟主持会议。');
  });

  test('the credit lines are read after the blocks: the people they name are on the page', () => {
    const context = buildContext(page(['会长张伟主持会议。'], { credits: ['责任编辑：王芳'] }));
    expect(context.original).toBe('会长张伟主持会议。\n责任编辑：王芳');
  });

  test('an empty headline is left out', () => {
    expect(pageTexts(page(['正文一段。'], { title: '' }))).toEqual(['正文一段。']);
  });

  test('a traditional page is normalised to simplified, the original kept as printed', () => {
    const context = buildContext(page(['海川市青年企業家商會召開會員大會，會長張偉主持會議。']));
    expect(context.traditional).toBe(true);
    expect(context.text).toBe('海川市青年企业家商会召开会员大会，会长张伟主持会议。');
    expect(context.original).toBe('海川市青年企業家商會召開會員大會，會長張偉主持會議。');
    const at = context.text.indexOf('张伟');
    expect(printed(context, { start: at, end: at + 2 })).toBe('張偉');
  });

  test('a simplified page is not traditional', () => {
    expect(buildContext(page(['海川市青年企业家商会召开会员大会，会长张伟主持会议。'])).traditional).toBe(false);
  });

  test('the page’s source, then its site’s owner, are who 我会 may stand for, normalised and as printed', () => {
    expect(buildContext(page(['我会召开会议。'], { source: '云州市工商联' })).publishers).toEqual([{ name: '云州市工商联', printed: '云州市工商联' }]);
    expect(buildContext(page(['我會召開會議，會長張偉主持。'], { source: '商會秘書處', owner: '雲州市晉安商會' })).publishers).toEqual([
      { name: '商会秘书处', printed: '商會秘書處' },
      { name: '云州市晋安商会', printed: '雲州市晉安商會' },
    ]);
    expect(buildContext(page(['我会召开会议。'])).publishers).toEqual([]);
  });
});

describe('sentences', () => {
  test('a sentence ends at 。！？； and at the end of a paragraph', () => {
    const context = buildContext(page(['商会召开年会。会议圆满成功！是否继续？是；明年再办', '第二段']));
    expect(sentencesOf(context)).toEqual(['商会召开年会。', '会议圆满成功！', '是否继续？', '是；', '明年再办', '第二段']);
  });

  test('quoted speech stays inside its sentence, whatever marks it contains', () => {
    const context = buildContext(page(['会长张伟表示：“我们要团结。要发展！”随后，大家合影留念。']));
    expect(sentencesOf(context)).toEqual(['会长张伟表示：“我们要团结。要发展！”随后，大家合影留念。']);
  });

  test('ASCII quotes are paired first, so quoted speech in them stays inside its sentence too', () => {
    const context = buildContext(page(['会长张伟表示:"我们要团结。要发展!"随后大家合影。']));
    expect(context.sentences).toHaveLength(1);
  });

  test('an unclosed quote does not swallow the next paragraph', () => {
    const context = buildContext(page(['他说：“未完的话。', '新的一段。']));
    expect(sentencesOf(context)).toEqual(['他说：“未完的话。', '新的一段。']);
  });

  test('each sentence knows its block and its place in page order', () => {
    const context = buildContext(page(['一段。二句。', '', '三段。'], { title: '标题' }));
    expect(context.sentences.map(({ index, block }) => [index, block])).toEqual([
      [0, 0],
      [1, 1],
      [2, 1],
      [3, 3],
    ]);
  });

  test('blank lines give no sentence', () => {
    expect(splitSentences('一段。\n\n \n二段。').map(({ start, end }) => [start, end])).toEqual([
      [0, 3],
      [7, 10],
    ]);
  });
});

describe('book titles', () => {
  test('each 《…》 is a span, brackets included', () => {
    const context = buildContext(page(['会议学习了《云州市促进民营经济发展若干措施》和《海川市青年企业家商会章程》。']));
    expect(context.books.map((book) => context.text.slice(book.start, book.end))).toEqual(['《云州市促进民营经济发展若干措施》', '《海川市青年企业家商会章程》']);
  });

  test('an offset inside a book title is inside, one outside is not', () => {
    const context = buildContext(page(['学习《海川市青年企业家商会章程》后，海川市青年企业家商会召开会议。']));
    expect(insideBook(context, context.text.indexOf('海川市'))).toBe(true);
    expect(insideBook(context, context.text.lastIndexOf('海川市'))).toBe(false);
  });

  test('a book title does not run across paragraphs', () => {
    expect(buildContext(page(['《未完', '下一段》'])).books).toEqual([]);
  });
});

describe('tokens', () => {
  const context = buildContext(page(['海川市青年企业家商会召开年会。', '常务副会长张伟主持会议。']));

  test('every token is the text at its offsets', () => {
    expect(context.tokens.length).toBeGreaterThan(0);
    for (const token of context.tokens) expect(context.text.slice(token.start, token.end)).toBe(token.word);
  });

  test('the tokens cover the sentences and no paragraph break', () => {
    expect(context.tokens.map((token) => token.word).join('')).toBe('海川市青年企业家商会召开年会。常务副会长张伟主持会议。');
  });

  test('tokensIn gives the tokens that overlap a range, in order', () => {
    const start = context.text.indexOf('召开');
    expect(tokensIn(context, start, start + 4).map((token) => token.word)).toEqual(['召开', '年会']);
    expect(tokensIn(context, start + 1, start + 3).map((token) => token.word)).toEqual(['召开', '年会']);
  });

  test('tokensIn gives nothing for an empty range or one past the end', () => {
    const start = context.text.indexOf('召开');
    expect(tokensIn(context, start, start)).toEqual([]);
    expect(tokensIn(context, context.text.length, context.text.length + 5)).toEqual([]);
  });

  test('a range across a paragraph break gives the tokens of both paragraphs', () => {
    const start = context.text.indexOf('年会');
    const end = context.text.indexOf('张伟') + 2;
    expect(tokensIn(context, start, end).map((token) => token.word).join('')).toBe('年会。常务副会长张伟');
  });
});
