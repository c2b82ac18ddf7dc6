import { buildContext } from '../../../src/import/extraction/page-context';
import { readRosters } from '../../../src/import/extraction/rosters';
import { parsedPage } from '../../helpers/parsed-page';

const page = parsedPage;

const rosterOf = (...paragraphs: string[]) => readRosters(buildContext(page(...paragraphs))).holdings.map((holding) => [holding.person, holding.title, holding.holder.kind]);

describe('rosters', () => {
  test('a council heading over a line of names makes each a member of the page’s own association', () => {
    expect(rosterOf('二、理事会成员（按姓氏笔画排序，共4名）', '王建明、李秀英（女）、张国强、陈志远')).toEqual([
      ['王建明', '理事', 'page-own'],
      ['李秀英', '理事', 'page-own'],
      ['张国强', '理事', 'page-own'],
      ['陈志远', '理事', 'page-own'],
    ]);
  });

  test('监事会成员 names 监事', () => {
    expect(rosterOf('监事会成员名单：', '赵海燕、钱国平、孙立新').map(([, title]) => title)).toEqual(['监事', '监事', '监事']);
  });

  test('a line that is not only names is no roster', () => {
    expect(rosterOf('理事会成员', '王建明、李秀英和张国强出席了会议')).toEqual([]);
  });

  test('two names are too few to tell a roster from any other pair', () => {
    expect(rosterOf('理事会成员', '王建明、李秀英')).toEqual([]);
  });

  test('a heading that names no council gives nothing', () => {
    expect(rosterOf('获奖企业家', '王建明、李秀英、张国强')).toEqual([]);
  });
});
