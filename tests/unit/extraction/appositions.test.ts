import { readAppositions, readBracketed, type Holder, type SentenceReading } from '../../../src/import/extraction/appositions';
import type { PageContext, Sentence } from '../../../src/import/extraction/context';
import { buildContext } from '../../../src/import/extraction/page-context';
import { parsedPage } from '../../helpers/parsed-page';

const page = parsedPage;

/** The holder as a reader would name it: the printed organisation, or what stands for it. */
const holderOf = (holder: Holder): string => {
  switch (holder.kind) {
    case 'printed':
      return holder.name;
    case 'page-own':
      return '(page own)';
    case 'nearest':
      return '(nearest before)';
    case 'government':
      return `(${holder.level} government)`;
    case 'none':
      return '(none)';
  }
};

type Row = [person: string, title: string, holder: string];

const rows = (read: (context: PageContext, sentence: Sentence) => SentenceReading, text: string): Row[] => {
  const context = buildContext(page(text));
  return context.sentences.flatMap((sentence) => read(context, sentence).holdings.map((holding): Row => [holding.person, holding.title, holderOf(holding.holder)]));
};

const chains = (text: string): Row[] => rows(readAppositions, text);
const bracketed = (text: string): Row[] => rows(readBracketed, text);

describe('appositive chains', () => {
  test('a chain of several items gives the person a title at each organisation', () => {
    expect(chains('云州市工商联副主席、海川市青年企业家商会会长、云州远航科技有限公司董事长李明致辞。')).toEqual([
      ['李明', '副主席', '云州市工商联'],
      ['李明', '会长', '海川市青年企业家商会'],
      ['李明', '董事长', '云州远航科技有限公司'],
    ]);
  });

  test('an item without an organisation inherits the one before it', () => {
    expect(chains('海川市青年企业家商会党支部书记、常务副会长王强主持会议。')).toEqual([
      ['王强', '党支部书记', '海川市青年企业家商会'],
      ['王强', '常务副会长', '海川市青年企业家商会'],
    ]);
    expect(chains('海川市工商联党组成员、副主席王芳出席。')).toEqual([
      ['王芳', '党组成员', '海川市工商联'],
      ['王芳', '副主席', '海川市工商联'],
    ]);
  });

  test('兼 joins two titles at one organisation', () => {
    expect(chains('云州市工商联执行常务副会长兼秘书长赵立军作报告。')).toEqual([
      ['赵立军', '执行常务副会长', '云州市工商联'],
      ['赵立军', '秘书长', '云州市工商联'],
    ]);
  });

  test('兼 joins two items at two organisations', () => {
    expect(chains('云州市工商联副主席兼海川市商会会长张伟出席。')).toEqual([
      ['张伟', '副主席', '云州市工商联'],
      ['张伟', '会长', '海川市商会'],
    ]);
  });

  test('a level-only short form takes the level of the organisation before it', () => {
    expect(chains('区政协副主席、工商联主席周海燕出席。')).toEqual([
      ['周海燕', '副主席', '区政协'],
      ['周海燕', '主席', '区工商联'],
    ]);
  });

  test('a head-of-government title is held at the government of the place', () => {
    expect(chains('县长刘建国出席。')).toEqual([['刘建国', '县长', '(县 government)']]);
    expect(chains('副市长刘建国出席。')).toEqual([['刘建国', '副市长', '(市 government)']]);
  });

  test('a head of government after a party committee is the government’s, not the committee’s', () => {
    expect(chains('青岚县委副书记、县长刘建国出席。')).toEqual([
      ['刘建国', '副书记', '青岚县委'],
      ['刘建国', '县长', '(县 government)'],
    ]);
  });

  test('县领导 before a list of names is a group title with no organisation', () => {
    expect(chains('县领导张伟、李强、王芳出席会议。')).toEqual([
      ['张伟', '县领导', '(none)'],
      ['李强', '县领导', '(none)'],
      ['王芳', '县领导', '(none)'],
    ]);
  });

  test('a bare association title is held at the page’s own association', () => {
    expect(chains('会议由秘书长王强主持。')).toEqual([['王强', '秘书长', '(page own)']]);
  });

  test('a reporter’s credit is held nowhere', () => {
    expect(chains('记者 王芳')).toEqual([['王芳', '记者', '(none)']]);
  });

  test('a congress membership names its congress', () => {
    expect(chains('全国政协委员、云州远航集团董事长张伟出席。')).toEqual([
      ['张伟', '政协委员', '全国政协'],
      ['张伟', '董事长', '云州远航集团'],
    ]);
  });
});

describe('lists of names', () => {
  test('a title before several names gives it to each of them', () => {
    expect(chains('副会长李强、王芳和赵明出席。')).toEqual([
      ['李强', '副会长', '(page own)'],
      ['王芳', '副会长', '(page own)'],
      ['赵明', '副会长', '(page own)'],
    ]);
  });

  test('a second chain after a comma is held where the first one was', () => {
    expect(chains('青岚县商会会长张伟，副会长李强、王芳出席。')).toEqual([
      ['张伟', '会长', '青岚县商会'],
      ['李强', '副会长', '青岚县商会'],
      ['王芳', '副会长', '青岚县商会'],
    ]);
  });

  test('names after a colon take the title before it', () => {
    expect(chains('理事：张伟、李强、王芳')).toEqual([
      ['张伟', '理事', '(page own)'],
      ['李强', '理事', '(page own)'],
      ['王芳', '理事', '(page own)'],
    ]);
    expect(chains('海川市青年企业家商会副会长：张伟、李强')).toEqual([
      ['张伟', '副会长', '海川市青年企业家商会'],
      ['李强', '副会长', '海川市青年企业家商会'],
    ]);
  });

  test('a colon list of titled names gives each their own title', () => {
    expect(chains('出席会议的有：会长张伟、副会长李强。')).toEqual([
      ['张伟', '会长', '(page own)'],
      ['李强', '副会长', '(page own)'],
    ]);
  });

  test('names listed before 等 and a title share it, held at the organisation named before them', () => {
    expect(chains('张伟、李强等会员参加活动。')).toEqual([
      ['张伟', '会员', '(nearest before)'],
      ['李强', '会员', '(nearest before)'],
    ]);
  });
});

describe('reversed: the name before the title', () => {
  test('NAME TITLE after an organisation is held there', () => {
    expect(chains('海川市青年企业家商会王强会长主持会议。')).toEqual([['王强', '会长', '海川市青年企业家商会']]);
  });

  test('several NAME TITLE items after one organisation are all held there', () => {
    expect(chains('云州市工商联张伟主席、李强副主席出席。')).toEqual([
      ['张伟', '主席', '云州市工商联'],
      ['李强', '副主席', '云州市工商联'],
    ]);
  });

  test('names listed before one title after an organisation all hold it there', () => {
    expect(chains('海川市青年企业家商会张伟、李强和王芳理事参加活动。')).toEqual([
      ['张伟', '理事', '海川市青年企业家商会'],
      ['李强', '理事', '海川市青年企业家商会'],
      ['王芳', '理事', '海川市青年企业家商会'],
    ]);
  });
});

describe('across a comma', () => {
  test('a clause of titles without a name before the comma belongs to the name after it', () => {
    expect(chains('云州远航科技有限公司董事长、海川市青年企业家商会会长，青岚县工商联副主席李明出席。')).toEqual([
      ['李明', '董事长', '云州远航科技有限公司'],
      ['李明', '会长', '海川市青年企业家商会'],
      ['李明', '副主席', '青岚县工商联'],
    ]);
  });

  test('two people in one sentence keep their own organisations', () => {
    expect(chains('市长刘建国会见了云州市商会会长张伟一行。')).toEqual([
      ['刘建国', '市长', '(市 government)'],
      ['张伟', '会长', '云州市商会'],
    ]);
  });
});

describe('what is not a name', () => {
  test('after a title, 由 starting a clause is no name', () => {
    expect(chains('会长由云州远航科技有限公司董事长出任。')).toEqual([]);
    expect(chains('理事长由在座的各位推选。')).toEqual([]);
  });

  test('a title with no name after it gives nothing, and the next titled name is still read', () => {
    expect(chains('会议由副会长主持，会长张伟讲话。')).toEqual([['张伟', '会长', '(page own)']]);
  });

  test('党组成员 after a short form is its title, and only the name after it is a person', () => {
    expect(chains('区工商联党组成员王芳出席。')).toEqual([['王芳', '党组成员', '区工商联']]);
  });
});

describe('bracketed titles', () => {
  test('titles in brackets after a name are that person’s', () => {
    expect(bracketed('李明（云州市工商联副主席、海川市青年企业家商会会长）出席会议。')).toEqual([
      ['李明', '副主席', '云州市工商联'],
      ['李明', '会长', '海川市青年企业家商会'],
    ]);
  });

  test('each name in a sentence takes its own bracket', () => {
    expect(bracketed('李明（云州市工商联副主席）、王强（云州远航科技有限公司董事长）出席会议。')).toEqual([
      ['李明', '副主席', '云州市工商联'],
      ['王强', '董事长', '云州远航科技有限公司'],
    ]);
  });

  test('a bracket that is not a list of titles is nothing', () => {
    expect(bracketed('会长张伟（左一）为企业授牌。')).toEqual([]);
    expect(bracketed('青岚县工商联（总商会）召开会议。')).toEqual([]);
  });
});

describe('what the reading gives', () => {
  test('the names read, with the span of each', () => {
    const context = buildContext(page('副会长李强、王芳出席。'));
    const reading = readAppositions(context, context.sentences[0]);
    expect(reading.names.map((named) => [named.name, context.text.slice(named.span.start, named.span.end)])).toEqual([
      ['李强', '李强'],
      ['王芳', '王芳'],
    ]);
  });

  test('each holding says which sentence it came from', () => {
    const context = buildContext(page('商会召开会议。', '会长张伟主持。'));
    const reading = readAppositions(context, context.sentences[1]);
    expect(reading.holdings.map((holding) => holding.sentence)).toEqual([1]);
  });

  test('a printed holder has the span it was printed at', () => {
    const context = buildContext(page('近日，海川市商会会长张伟出席。'));
    const [holding] = readAppositions(context, context.sentences[0]).holdings;
    expect(holding.holder.kind === 'printed' ? context.text.slice(holding.holder.span.start, holding.holder.span.end) : null).toBe('海川市商会');
  });
});

describe('election result lists', () => {
  test('a count in brackets before the colon and 女 after a name do not break the list', () => {
    expect(chains('副会长（3名）：王建明、李秀英（女）、张国强').map(([person, title]) => [person, title])).toEqual([
      ['王建明', '副会长'],
      ['李秀英', '副会长'],
      ['张国强', '副会长'],
    ]);
  });
});

describe('a name slot that holds an organisation', () => {
  test('主持人：某大学… is no person named 东海', () => {
    expect(chains('主持人：东海财经大学继续教育学院院长钱莉').map(([person]) => person)).toEqual(['钱莉']);
  });
});
