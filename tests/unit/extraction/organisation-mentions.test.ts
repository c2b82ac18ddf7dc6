import { findOrganisationMentions } from '../../../src/import/extraction/organisation-mentions';
import { buildContext } from '../../../src/import/extraction/page-context';
import { parsedPage } from '../../helpers/parsed-page';

const page = parsedPage;

const names = (...paragraphs: string[]): string[] => findOrganisationMentions(buildContext(page(...paragraphs))).map((mention) => mention.name);

describe('where a name starts', () => {
  test('after a time word and the clause’s punctuation', () => {
    expect(names('近日，海川市青年企业家商会召开第三届会员大会。')).toEqual(['海川市青年企业家商会']);
  });

  test('after an opener, and before the verb that follows', () => {
    expect(names('会议由云州市工商联主办，青岚县总商会承办。')).toEqual(['云州市工商联', '青岚县总商会']);
  });

  test('after an initiative’s own noun and 由, which name who runs it, in a place the page does not otherwise name', () => {
    expect(names('论坛由澄川县工商联承办。')).toEqual(['澄川县工商联']);
    expect(names('本次活动由澄川县青年商会主办，培训由碧水镇商会承办。')).toEqual(['澄川县青年商会', '碧水镇商会']);
  });

  test('after a verb that introduces an organisation', () => {
    expect(names('云州市工商联走访云州远航科技有限公司。')).toEqual(['云州市工商联', '云州远航科技有限公司']);
    expect(names('我们感谢云州市商务局的指导。')).toEqual(['云州市商务局']);
  });

  test('after a conjunction between two names', () => {
    expect(names('在青岚县人民医院和海川大学的支持下，活动圆满结束。')).toEqual(['青岚县人民医院', '海川大学']);
    expect(names('云州远航集团与海川市商会携手开展活动。')).toEqual(['云州远航集团', '海川市商会']);
  });

  test('after a pronoun and a preposition', () => {
    expect(names('他代表云州市女企业家协会向青岚县红十字会捐赠物资。')).toEqual(['云州市女企业家协会', '青岚县红十字会']);
  });

  test('after a verb that opens the clause with the name as its object', () => {
    expect(names('活动得到海川市商会的大力支持。')).toEqual(['海川市商会']);
    expect(names('会议受到青岚县工商联的重视。')).toEqual(['青岚县工商联']);
  });

  test('after a particle', () => {
    expect(names('活动得到了海川市商会的支持。')).toEqual(['海川市商会']);
  });

  test('a word tagged as time that is part of a name stays in it', () => {
    expect(names('海川市青年企业家商会组织会员学习。')).toEqual(['海川市青年企业家商会']);
  });
});

describe('what a name includes', () => {
  test('a verb after a place is part of a company’s name', () => {
    expect(names('青岚县远航商贸有限公司向青岚县慈善总会捐款。')).toEqual(['青岚县远航商贸有限公司', '青岚县慈善总会']);
  });

  test('a county whose name reads like a verb stays in the name', () => {
    expect(names('会议由延长县工商联主办。')).toEqual(['延长县工商联']);
    expect(names('云州市工商联走访延长县远航商贸有限公司。')).toEqual(['云州市工商联', '延长县远航商贸有限公司']);
  });

  test('a place that starts like an opener stays in the name', () => {
    expect(names('和田县工商联与云州市商会签署合作协议。')).toEqual(['和田县工商联', '云州市商会']);
  });

  test('a bracketed second name is part of how the page prints it', () => {
    expect(names('青岚县工商联（总商会）召开执委会。')).toEqual(['青岚县工商联（总商会）']);
  });

  test('a party branch is named whole', () => {
    expect(names('海川市湖南商会党支部组织党员学习。')).toEqual(['海川市湖南商会党支部']);
  });

  test('a short form is found as printed', () => {
    expect(names('海川市商会秘书长王强介绍，商会会员企业达200家。')).toEqual(['海川市商会', '商会']);
  });
});

describe('what is not a name', () => {
  test('names inside 《》 are not mentions of an organisation', () => {
    expect(names('商会组织会员学习《云州市商会发展条例》和《海川市青年企业家商会章程》。')).toEqual(['商会']);
  });

  test('generic kinds of body are not names', () => {
    expect(names('兄弟商会和会员企业代表参加了会议。')).toEqual([]);
  });

  test.each([
    ['云州远航集团党委书记林若溪出席。', ['云州远航集团']],
    ['海川市商会党组副书记李强出席。', ['海川市商会']],
    ['海川市商会党支部书记赵明主持。', ['海川市商会']],
    ['云州市政协常委张华出席。', ['云州市政协']],
    ['云州市工商联执委王强出席。', ['云州市工商联']],
    ['海川市青年企业家商会秘书处工作人员参加。', ['海川市青年企业家商会']],
  ])('a title after an ending is not taken into a name: %s', (text, expected) => {
    expect(names(text)).toEqual(expected);
  });

  test('titles in a chain end the name before them', () => {
    expect(names('云州市工商联副主席、海川市青年企业家商会会长李明致辞。')).toEqual(['云州市工商联', '海川市青年企业家商会']);
    expect(names('海川市青年企业家商会常务副会长兼秘书处主任王强出席。')).toEqual(['海川市青年企业家商会']);
  });
});

describe('the mentions', () => {
  test('offsets give the name in the page text, with the ending that made it a name', () => {
    const context = buildContext(page('近日，海川市青年企业家商会召开会议。'));
    const [mention] = findOrganisationMentions(context);
    expect(context.text.slice(mention.start, mention.end)).toBe('海川市青年企业家商会');
    expect(mention.suffix).toBe('商会');
  });

  test('mentions come in page order, across paragraphs', () => {
    expect(names('云州市工商联召开会议。', '会议由海川市商会承办。')).toEqual(['云州市工商联', '海川市商会']);
  });

  test('a traditional page gives its names in normalised form', () => {
    expect(names('近日，海川市青年企業家商會召開會員大會。')).toEqual(['海川市青年企业家商会']);
  });
});

describe('a county whose name reads like a verb', () => {
  test('keeps its name before its level character', () => {
    expect(names('会议由通道县工商联主办。')).toContain('通道县工商联');
  });
});
