import { readAppositions, type Holder } from '../../../src/import/extraction/appositions';
import { readElections } from '../../../src/import/extraction/elections';
import { buildContext } from '../../../src/import/extraction/page-context';
import { parsedPage } from '../../helpers/parsed-page';

const page = parsedPage;

const holderOf = (holder: Holder): string => (holder.kind === 'printed' ? holder.name : `(${holder.kind})`);

type Row = [person: string, title: string, holder: string];

/** The posts verbs give in each sentence, with the names the chains found there known, as extract runs them. */
const elections = (text: string): { posts: Row[]; names: string[] } => {
  const context = buildContext(page(text));
  const posts: Row[] = [];
  const names: string[] = [];
  for (const sentence of context.sentences) {
    const known = readAppositions(context, sentence).names;
    const read = readElections(context, sentence, known);
    posts.push(...read.holdings.map((holding): Row => [holding.person, holding.title, holderOf(holding.holder)]));
    names.push(...read.names.map((named) => named.name));
  }
  return { posts, names };
};

const posts = (text: string): Row[] => elections(text).posts;

describe('当选 and 当选为', () => {
  test('当选 gives the post at the organisation printed after it', () => {
    expect(posts('张伟当选海川市青年企业家商会会长。')).toEqual([['张伟', '会长', '海川市青年企业家商会']]);
  });

  test('当选为 does the same', () => {
    expect(posts('李明当选为云州市工商联副主席。')).toEqual([['李明', '副主席', '云州市工商联']]);
  });

  test('a bare association title is held at the page’s own association', () => {
    expect(posts('大会选举产生了新一届领导班子，张伟当选为会长。')).toEqual([['张伟', '会长', '(page-own)']]);
  });

  test.each([
    ['张伟当选为海川市青年企业家商会首任会长。'],
    ['张伟当选海川市青年企业家商会第二届理事会会长。'],
    ['张伟当选为海川市青年企业家商会新一届会长。'],
  ])('a qualifier before the title is dropped: %s', (text) => {
    expect(posts(text)).toEqual([['张伟', '会长', '海川市青年企业家商会']]);
  });

  test('第X届理事会 without an organisation is still the page’s own association', () => {
    expect(posts('张伟当选为第三届理事会会长。')).toEqual([['张伟', '会长', '(page-own)']]);
  });

  test('the person read before the verb is a new name', () => {
    expect(elections('张伟当选海川市青年企业家商会会长。').names).toEqual(['张伟']);
  });
});

describe('担任, 出任, 任 and 兼任', () => {
  test('担任 gives the post after it', () => {
    expect(posts('王强担任秘书长。')).toEqual([['王强', '秘书长', '(page-own)']]);
  });

  test('an honorific between the name and the verb is skipped', () => {
    expect(posts('王强同志担任海川市青年企业家商会秘书长。')).toEqual([['王强', '秘书长', '海川市青年企业家商会']]);
  });

  test('任 gives a post', () => {
    expect(posts('王强任海川市青年企业家商会秘书长。')).toEqual([['王强', '秘书长', '海川市青年企业家商会']]);
  });

  test('任 inside another word (任务) gives nothing', () => {
    expect(posts('王强任务繁重。')).toEqual([]);
  });

  test('出任 gives a post', () => {
    expect(posts('李明出任云州市工商联副主席。')).toEqual([['李明', '副主席', '云州市工商联']]);
  });

  test('兼任 after a chain gives the chain’s person a second post', () => {
    expect(posts('云州市商会会长张伟兼任青岚县商会会长。')).toEqual([['张伟', '会长', '青岚县商会']]);
  });

  test('a person named with a title in a chain is not a new name', () => {
    expect(elections('云州市商会会长张伟兼任青岚县商会会长。').names).toEqual([]);
  });
});

describe('聘请…为', () => {
  test('聘请 a person 为 a title gives the post', () => {
    expect(posts('商会聘请李明为名誉会长。')).toEqual([['李明', '名誉会长', '(page-own)']]);
  });

  test('为 without an appointing word gives nothing', () => {
    expect(posts('张伟为大家介绍情况。')).toEqual([]);
  });
});

describe('several names in one clause', () => {
  test('everyone the chains named in the clause shares the post', () => {
    expect(posts('云州远航科技有限公司董事长张伟、青岚县远航商贸有限公司总经理李强当选为副会长。')).toEqual([
      ['张伟', '副会长', '(page-own)'],
      ['李强', '副会长', '(page-own)'],
    ]);
  });

  test('one sentence can give two posts to two people', () => {
    expect(posts('换届大会上，云州远航集团董事长张伟当选为会长，青岚县远航商贸有限公司总经理李强当选为秘书长。')).toEqual([
      ['张伟', '会长', '(page-own)'],
      ['李强', '秘书长', '(page-own)'],
    ]);
  });
});

describe('names before the verb and posts before 由', () => {
  test('every name listed before the verb shares the post', () => {
    expect(posts('张伟当选为会长，李强、王芳当选为副会长。')).toEqual([
      ['张伟', '会长', '(page-own)'],
      ['李强', '副会长', '(page-own)'],
      ['王芳', '副会长', '(page-own)'],
    ]);
  });

  test('聘请 several people 为 a post gives it to each', () => {
    expect(posts('商会聘请李明、王芳为法律顾问。').map(([person, title]) => [person, title])).toEqual([
      ['李明', '法律顾问'],
      ['王芳', '法律顾问'],
    ]);
  });

  test('会长由王强担任: the post printed before 由 is the one the person takes', () => {
    expect(posts('新一届会长由王强担任。').map(([person, title]) => [person, title])).toEqual([['王强', '会长']]);
  });
});
