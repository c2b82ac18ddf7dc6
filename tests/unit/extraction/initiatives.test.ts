import { readAppositions } from '../../../src/import/extraction/appositions';
import { findInitiatives, type InitiativeMention } from '../../../src/import/extraction/initiatives';
import { findMoney, pageCurrency } from '../../../src/import/extraction/money';
import { findOrganisationMentions } from '../../../src/import/extraction/organisation-mentions';
import { buildContext } from '../../../src/import/extraction/page-context';
import { buildDirectory } from '../../../src/import/extraction/references';
import { parsedPage } from '../../helpers/parsed-page';

const page = parsedPage;

/** The initiatives of a page, with the passes before it run as extract runs them. */
const initiativesOf = (...paragraphs: string[]): InitiativeMention[] => {
  const context = buildContext(page(...paragraphs));
  const organisations = findOrganisationMentions(context);
  return findInitiatives({
    context,
    directory: buildDirectory(context, organisations, []),
    organisations,
    names: context.sentences.flatMap((sentence) => readAppositions(context, sentence).names),
    money: findMoney(context.text, { defaultCurrency: pageCurrency(context.text) }),
  });
};

type Row = [name: string, kind: string, organisers: string[]];

const rows = (...paragraphs: string[]): Row[] => initiativesOf(...paragraphs).map((found) => [found.name, found.kind, found.organisers]);

describe('book titles', () => {
  test('a policy in 《》 is a policy', () => {
    expect(rows('会议传达学习了《云州市促进民营经济高质量发展若干措施》。')).toEqual([['云州市促进民营经济高质量发展若干措施', 'policy', []]]);
  });

  test('an 倡议书 in 《》 is a campaign, organised by who issued it', () => {
    expect(rows('海川市青年企业家商会发出《关于做好防汛救灾工作的倡议》。')).toEqual([['关于做好防汛救灾工作的倡议', 'campaign', ['海川市青年企业家商会']]]);
    expect(rows('商会发布《致全体会员企业的倡议书》。').map(([name, kind]) => [name, kind])).toEqual([['致全体会员企业的倡议书', 'campaign']]);
  });

  test('the word after the title can say what it is', () => {
    expect(rows('海川市青年企业家商会向会员发出《携手抗疫 共克时艰》倡议书。').map(([name, kind]) => [name, kind])).toEqual([['携手抗疫 共克时艰', 'campaign']]);
  });

  test('an agreement in 《》 is a partnership', () => {
    expect(rows('两会签署《战略合作协议》。').map(([name, kind]) => [name, kind])).toEqual([['战略合作协议', 'partnership']]);
  });

  test('any other 《》 title is a publication', () => {
    expect(rows('海川市青年企业家商会编印了《海川青商》会刊。')).toEqual([['海川青商', 'publication', ['海川市青年企业家商会']]]);
  });
});

describe('named campaigns and events', () => {
  test('a quoted name with an ending says its kind', () => {
    expect(rows('海川市青年企业家商会开展“万企兴万村”行动。')).toEqual([['“万企兴万村”行动', 'campaign', ['海川市青年企业家商会']]]);
    expect(rows('海川市青年企业家商会举办“青商大讲堂”培训班。')).toEqual([['“青商大讲堂”培训班', 'training', ['海川市青年企业家商会']]]);
  });

  test('a quoted name after a verb that launches it is a campaign', () => {
    expect(rows('海川市青年企业家商会启动“青商助学”。')).toEqual([['青商助学', 'campaign', ['海川市青年企业家商会']]]);
  });

  test('a quoted slogan that nothing launches is no initiative', () => {
    expect(rows('会议提出“稳增长、促发展”的目标。')).toEqual([]);
  });

  test('an event printed as two joined by 暨 is one event', () => {
    expect(rows('海川市青年企业家商会第三届会员大会暨换届选举大会在云州召开。')).toEqual([
      ['海川市青年企业家商会第三届会员大会暨换届选举大会', 'event', ['海川市青年企业家商会']],
    ]);
  });

  test('organisations that hold an event together are all its organisers', () => {
    expect(rows('海川市青年企业家商会和云州市女企业家协会共同举办2024年云州市青年企业家创新发展论坛。')).toEqual([
      ['2024年云州市青年企业家创新发展论坛', 'event', ['海川市青年企业家商会', '云州市女企业家协会']],
    ]);
  });

  test('the host and the co-organiser printed before 主办 and 承办 are both organisers', () => {
    expect(rows('由海川市青年企业家商会主办、云州市女企业家协会承办的云州市青年企业家创新发展论坛在云州举行。')).toEqual([
      ['云州市青年企业家创新发展论坛', 'event', ['海川市青年企业家商会', '云州市女企业家协会']],
    ]);
  });

  test('who presides over an event is not part of its name', () => {
    expect(rows('云州市青年企业家商会会长陈海峰主持论坛。')).toEqual([]);
    expect(rows('云州市青年企业家商会会长陈海峰主持2024年云州市民营经济发展论坛。')).toEqual([['2024年云州市民营经济发展论坛', 'event', ['云州市青年企业家商会']]]);
  });

  test('an event named once is one initiative, however often the page names it', () => {
    expect(rows('海川市青年企业家商会开展“万企兴万村”行动。', '海川市青年企业家商会开展“万企兴万村”行动。')).toHaveLength(1);
  });
});

describe('donations', () => {
  test('each donor in a sentence gives one donation with its amount', () => {
    const found = initiativesOf('云州远航科技有限公司向青岚县慈善总会捐款50万元，青岚县远航商贸有限公司捐赠物资价值20万元。');
    expect(found.map((donation) => [donation.name, donation.kind, donation.organisers, donation.amounts.map((amount) => amount.value)])).toEqual([
      ['云州远航科技有限公司捐赠', 'donation', ['云州远航科技有限公司'], [500000]],
      ['青岚县远航商贸有限公司捐赠', 'donation', ['青岚县远航商贸有限公司'], [200000]],
    ]);
  });

  test('the donor is before 向: the organisation given to is not the donor', () => {
    const [donation] = initiativesOf('云州远航科技有限公司向青岚县慈善总会捐款50万元。');
    expect(donation.organisers).toEqual(['云州远航科技有限公司']);
  });

  test('an organisation and a person giving in two clauses are two donations', () => {
    const found = initiativesOf('海川市青年企业家商会向青岚县慈善总会捐赠善款30万元，会长张伟个人捐款10万元。');
    expect(found.map((donation) => [donation.name, donation.amounts.map((amount) => amount.value)])).toEqual([
      ['海川市青年企业家商会捐赠', [300000]],
      ['张伟捐赠', [100000]],
    ]);
  });

  test('a person can be the donor', () => {
    const [donation] = initiativesOf('会长张伟个人捐款10万元。');
    expect([donation.name, donation.people, donation.organisers]).toEqual(['张伟捐赠', ['张伟'], []]);
  });

  test.each([['全市商会系统累计捐款捐物3000万元。'], ['此次活动共募集善款120万元。']])('a collective total is no one’s donation: %s', (text) => {
    expect(initiativesOf(text)).toEqual([]);
  });

  test('giving with no amount is no donation', () => {
    expect(initiativesOf('云州远航科技有限公司向青岚县慈善总会捐赠一批物资。')).toEqual([]);
  });
});

describe('evidence', () => {
  test('each initiative says the sentence it came from', () => {
    const found = initiativesOf('商会召开会议。', '海川市青年企业家商会开展“万企兴万村”行动。');
    expect(found.map((initiative) => initiative.sentence)).toEqual([1]);
  });
});

describe('event names and the words around them', () => {
  test('年会 inside 年会员大会 does not end the event', () => {
    expect(rows('海川市青年企业家商会2024年会员大会在云州隆重召开。').map(([name]) => name)).toEqual(['海川市青年企业家商会2024年会员大会']);
  });
});

describe('one initiative per name', () => {
  test('a donor printed twice on a page is one donation with both amounts', () => {
    const found = initiativesOf('云州远航商贸有限公司捐款5万元。', '云州远航商贸有限公司再捐款3万元。').filter((initiative) => initiative.kind === 'donation');
    expect(found.map((initiative) => [initiative.name, initiative.amounts.map((amount) => amount.value)])).toEqual([['云州远航商贸有限公司捐赠', [50000, 30000]]]);
  });
});
