import { readAppositions } from '../../../src/import/extraction/appositions';
import { buildContext } from '../../../src/import/extraction/page-context';
import { findQuotes, type QuoteMention } from '../../../src/import/extraction/quotes';
import { parsedPage } from '../../helpers/parsed-page';

const page = parsedPage;

/** The quotes of a page, with the persons its chains named as the speakers to choose from. */
const quotesOf = (...paragraphs: string[]): QuoteMention[] => {
  const context = buildContext(page(...paragraphs));
  return findQuotes(
    context,
    context.sentences.flatMap((sentence) => readAppositions(context, sentence).names)
  );
};

const said = (...paragraphs: string[]): Array<[speaker: string | null, text: string]> => quotesOf(...paragraphs).map((quote) => [quote.speaker, quote.text]);

const SPEECH = '商会将继续为会员企业做好服务，共谋发展。';

describe('the speaker', () => {
  test('the person named before a colon and the quote is the speaker', () => {
    expect(said(`海川市青年企业家商会会长张伟表示：“${SPEECH}”`)).toEqual([['张伟', SPEECH]]);
  });

  test('a comma before the quote introduces it too', () => {
    expect(said(`秘书长王芳指出，“${SPEECH}”`)).toEqual([['王芳', SPEECH]]);
  });

  test('a pronoun before the quote is the last person named before the sentence', () => {
    expect(said('会长张伟出席会议。', `他表示：“${SPEECH}”`)).toEqual([['张伟', SPEECH]]);
  });

  test('a pronoun takes the nearest person named before, not an earlier one', () => {
    expect(said('会长张伟主持会议，副会长李强出席。', `她表示：“${SPEECH}”`)).toEqual([['李强', SPEECH]]);
  });

  test('a quote introduced with no one named has no speaker', () => {
    expect(said(`会议强调：“${SPEECH}”`)).toEqual([[null, SPEECH]]);
  });
});

describe('the speaker’s title', () => {
  test('the organisation and titles printed before the speaker’s name', () => {
    expect(quotesOf(`云州市工商联副主席、海川市青年企业家商会会长张伟表示：“${SPEECH}”`)[0].speakerTitle).toBe('云州市工商联副主席、海川市青年企业家商会会长');
  });

  test('a bare title', () => {
    expect(quotesOf(`会长张伟表示：“${SPEECH}”`)[0].speakerTitle).toBe('会长');
  });

  test('a speaker found through a pronoun has no title printed in the sentence', () => {
    expect(quotesOf('会长张伟出席会议。', `他表示：“${SPEECH}”`)[0].speakerTitle).toBeNull();
  });

  test('a traditional page gives the title as printed', () => {
    expect(quotesOf('海川市青年企業家商會會長張偉表示：“商會將繼續為會員企業做好服務，共謀發展。”')[0].speakerTitle).toBe('海川市青年企業家商會會長');
  });
});

describe('what is a quote', () => {
  test('a short quoted phrase is not speech', () => {
    expect(said('会议提出“稳增长、促发展”的目标。')).toEqual([]);
  });

  test('a quoted name that nothing introduces is not speech', () => {
    expect(said('商会开展“青商助学，情暖校园”主题活动。')).toEqual([]);
  });

  test('the quote’s offsets give its text without the marks, in the sentence it is in', () => {
    const context = buildContext(page('会长张伟出席会议。', `他表示：“${SPEECH}”`));
    const [quote] = findQuotes(context, readAppositions(context, context.sentences[0]).names);
    expect(context.text.slice(quote.start, quote.end)).toBe(SPEECH);
    expect(quote.sentence).toBe(1);
  });

  test('ASCII quotes are read as quotes', () => {
    expect(said(`会长张伟表示:"商会将继续为会员企业做好服务,共谋发展。"`)).toEqual([['张伟', SPEECH]]);
  });

  test('two quotes in one paragraph are two quotes', () => {
    expect(said(`会长张伟表示：“${SPEECH}”副会长李强说：“我们要团结一心，再创佳绩。”`)).toEqual([
      ['张伟', SPEECH],
      ['李强', '我们要团结一心，再创佳绩。'],
    ]);
  });
});

describe('the speaker after the quote', () => {
  test('“……”张伟说: the name after the quote is its speaker', () => {
    expect(said(`“${SPEECH}”会长张伟说。`)).toEqual([['张伟', SPEECH]]);
  });

  test('“……”他说: the pronoun after the quote is the person named before', () => {
    expect(said('会长张伟出席会议。', `“${SPEECH}”他说。`)).toEqual([['张伟', SPEECH]]);
  });
});
