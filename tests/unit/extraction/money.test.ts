import { findMoney, pageCurrency } from '../../../src/import/extraction/money';
import { parseNumeral } from '../../../src/import/extraction/numerals';
import { normalise } from '../../../src/import/extraction/normalise';

type Row = [printed: string, value: number, currency: string, approximate: boolean];

/** What a reader sees: the printed amount (cut at the offsets), its value, currency and whether it is approximate. */
const amounts = (text: string, defaultCurrency?: string): Row[] =>
  findMoney(text, defaultCurrency === undefined ? {} : { defaultCurrency }).map((money) => [
    text.slice(money.start, money.end),
    money.value,
    money.currency,
    money.approximate,
  ]);

describe('numerals', () => {
  test.each([
    ['1,250.5', 1250.5],
    ['九百万', 9000000],
    ['两万', 20000],
    ['一亿二千万', 120000000],
    ['三十五', 35],
    ['十万', 100000],
    ['壹拾壹万贰仟玖佰肆拾捌', 112948],
    ['壹仟零伍', 1005],
    ['一千零五十', 1050],
    ['3亿4395万', 343950000],
    ['1.05亿', 105000000],
    ['2千万', 20000000],
    ['三点五亿', 350000000],
    ['２０万', 200000],
    ['2万500', 20500],
    ['2万亿', 2000000000000],
  ])('%s reads as %d', (numeral, value) => {
    expect(parseNumeral(numeral)).toBe(value);
  });

  test.each([
    ['壹万伍', 15000],
    ['一万五', 15000],
    ['三千五', 3500],
    ['一亿二', 120000000],
    ['1万5', 15000],
  ])('a lone digit right after a unit stands one place below it: %s is %d', (numeral, value) => {
    expect(parseNumeral(numeral)).toBe(value);
  });

  test.each([
    ['壹万零伍', 10005],
    ['一万零五', 10005],
  ])('a 零 between the unit and the digit makes the digit plain ones: %s is %d', (numeral, value) => {
    expect(parseNumeral(numeral)).toBe(value);
  });

  test.each(['两三', '二〇二三', '1.2.3'])('%s is not one number', (numeral) => {
    expect(parseNumeral(numeral)).toBeNull();
  });
});

describe('currencies', () => {
  test.each<[string, ...Row]>([
    ['商会会员企业捐赠人民币200万元用于抗洪', '人民币200万元', 2000000, 'CNY', false],
    ['基金会发放助学金¥50万', '¥50万', 500000, 'CNY', false],
    ['签署RMB 3000万的合作协议', 'RMB 3000万', 30000000, 'CNY', false],
    ['设立总规模100亿元人民币的产业基金', '100亿元人民币', 10000000000, 'CNY', false],
    ['引进外资1200万美元', '1200万美元', 12000000, 'USD', false],
    ['侨胞捐出50万美金', '50万美金', 500000, 'USD', false],
    ['吸引投资US$2.5亿', 'US$2.5亿', 250000000, 'USD', false],
    ['旅港乡亲捐出500万港元', '500万港元', 5000000, 'HKD', false],
    ['同乡会捐赠120万港币', '120万港币', 1200000, 'HKD', false],
    ['会长个人捐出港币80万', '港币80万', 800000, 'HKD', false],
    ['筹得HK$30万', 'HK$30万', 300000, 'HKD', false],
    ['获赠500元港币购物券', '500元港币', 500, 'HKD', false],
    ['向慈善会捐赠澳门币伍拾万元正', '澳门币伍拾万元正', 500000, 'MOP', false],
    ['资助300万澳门元', '300万澳门元', 3000000, 'MOP', false],
    ['拨出葡币20万', '葡币20万', 200000, 'MOP', false],
    ['协会获新台币3亿元补助', '新台币3亿元', 300000000, 'TWD', false],
    ['募得2000万新台币', '2000万新台币', 20000000, 'TWD', false],
    ['乡亲集资台币500万', '台币500万', 5000000, 'TWD', false],
    ['项目获得逾80万欧元资助', '逾80万欧元', 800000, 'EUR', true],
    ['侨团捐出50万英镑', '50万英镑', 500000, 'GBP', false],
    ['日资企业投资1000万日元', '1000万日元', 10000000, 'JPY', false],
    ['华商会捐赠30万加元', '30万加元', 300000, 'CAD', false],
    ['中华总商会捐出100万新加坡元', '100万新加坡元', 1000000, 'SGD', false],
    ['侨领捐赠20万澳元', '20万澳元', 200000, 'AUD', false],
  ])('%s → %s', (text, ...row) => {
    expect(amounts(text)).toEqual([row]);
  });
});

describe('numbers', () => {
  test.each<[string, ...Row]>([
    ['全年收入1,250.5万元', '1,250.5万元', 12505000, 'CNY', false],
    ['企业家出资九百万元', '九百万元', 9000000, 'CNY', false],
    ['收到两万余元', '两万余元', 20000, 'CNY', true],
    ['总投资一亿二千万元', '一亿二千万元', 120000000, 'CNY', false],
    ['捐赠壹拾壹万贰仟玖佰肆拾捌元正', '壹拾壹万贰仟玖佰肆拾捌元正', 112948, 'CNY', false],
    ['捐赠壹万伍元整', '壹万伍元整', 15000, 'CNY', false],
    ['捐赠壹万零伍元整', '壹万零伍元整', 10005, 'CNY', false],
    ['捐赠现金壹拾万圆整', '壹拾万圆整', 100000, 'CNY', false],
    ['捐了一万五，', '一万五', 15000, 'CNY', false],
    ['项目总投资3亿4395万元', '3亿4395万元', 343950000, 'CNY', false],
    ['累计捐赠5100多万元', '5100多万元', 51000000, 'CNY', true],
    ['募集三十多万元', '三十多万元', 300000, 'CNY', true],
    ['筹得十来万元', '十来万元', 100000, 'CNY', true],
    ['营业额24万余元', '24万余元', 240000, 'CNY', true],
    ['融资1.05亿元', '1.05亿元', 105000000, 'CNY', false],
    ['总额三点五亿元', '三点五亿元', 350000000, 'CNY', false],
    ['奖励２０万元', '２０万元', 200000, 'CNY', false],
    ['奖励十万元', '十万元', 100000, 'CNY', false],
    ['获得2千万元贷款', '2千万元', 20000000, 'CNY', false],
    ['每人发放慰问金500元', '500元', 500, 'CNY', false],
    ['奖励百万元', '百万元', 1000000, 'CNY', false],
  ])('%s → %s', (text, ...row) => {
    expect(amounts(text)).toEqual([row]);
  });

  test('三百万一次性: a digit that begins the next word is not read into the amount', () => {
    expect(amounts('捐款三百万一次性到位')).toEqual([['三百万', 3000000, 'CNY', false]]);
  });

  test('300万一次性: a Chinese digit after an Arabic amount begins the next word', () => {
    expect(amounts('捐款300万一次性到位')).toEqual([['300万', 3000000, 'CNY', false]]);
  });
});

describe('approximate amounts', () => {
  test.each<[string, ...Row]>([
    ['项目投资约3.6万元', '约3.6万元', 36000, 'CNY', true],
    ['大约50万元', '大约50万元', 500000, 'CNY', true],
    ['销售额超2.5亿元', '超2.5亿元', 250000000, 'CNY', true],
    ['捐赠超过2000万元', '超过2000万元', 20000000, 'CNY', true],
    ['筹集近两千万元', '近两千万元', 20000000, 'CNY', true],
    ['筹得逾百万元', '逾百万元', 1000000, 'CNY', true],
    ['捐款逾万元', '逾万元', 10000, 'CNY', true],
    ['投入将近500万元', '将近500万元', 5000000, 'CNY', true],
    ['成交额接近1亿元', '接近1亿元', 100000000, 'CNY', true],
    ['带动投资上亿元', '上亿元', 100000000, 'CNY', true],
    ['营收过亿元', '过亿元', 100000000, 'CNY', true],
    ['每家企业补贴100万元以上', '100万元以上', 1000000, 'CNY', true],
    ['每年需要30万元左右', '30万元左右', 300000, 'CNY', true],
    ['维持在50万元上下', '50万元上下', 500000, 'CNY', true],
    ['折合人民币约200万元', '人民币约200万元', 2000000, 'CNY', true],
    ['折合约人民币200万元', '约人民币200万元', 2000000, 'CNY', true],
    ['捐资300万以上', '300万以上', 3000000, 'CNY', true],
    ['累计投资突破100亿元', '突破100亿元', 10000000000, 'CNY', true],
    ['每年捐赠不少于50万元', '不少于50万元', 500000, 'CNY', true],
    ['捐款万余元', '万余元', 10000, 'CNY', true],
    ['筹得百余万元', '百余万元', 1000000, 'CNY', true],
  ])('%s → %s', (text, ...row) => {
    expect(amounts(text)).toEqual([row]);
  });

  test.each<[string, ...Row]>([
    ['现场签约100亿元', '100亿元', 10000000000, 'CNY', false],
    ['为企业节约300万元', '300万元', 3000000, 'CNY', false],
    ['其中最近50万元已到账', '50万元', 500000, 'CNY', false],
  ])('约 and 近 inside a word (签约, 节约, 最近) are not approximation: %s', (text, ...row) => {
    expect(amounts(text)).toEqual([row]);
  });
});

describe('amounts without a currency', () => {
  test.each<[string, ...Row]>([
    ['商会向灾区捐款300万', '300万', 3000000, 'CNY', false],
    ['项目累计投资600亿', '600亿', 60000000000, 'CNY', false],
    ['银行给予授信额度50亿', '50亿', 5000000000, 'CNY', false],
    ['捐赠价值247万的防疫物资', '247万', 2470000, 'CNY', false],
    ['为灾区送去247万物资', '247万', 2470000, 'CNY', false],
    ['活动共筹得善款80万', '80万', 800000, 'CNY', false],
    ['募集资金1.2亿', '1.2亿', 120000000, 'CNY', false],
    ['捐款共计300万', '300万', 3000000, 'CNY', false],
    ['投资总额达600亿', '600亿', 60000000000, 'CNY', false],
    ['捐赠了300万', '300万', 3000000, 'CNY', false],
    ['善款金额：30万', '30万', 300000, 'CNY', false],
    ['共捐出5万多，', '5万多', 50000, 'CNY', true],
    ['捐款三百万', '三百万', 3000000, 'CNY', false],
    ['总投资超百亿', '超百亿', 10000000000, 'CNY', true],
    ['向社会募款80万', '80万', 800000, 'CNY', false],
    ['发放奖学金50万', '50万', 500000, 'CNY', false],
    ['全年纳税3000万', '3000万', 30000000, 'CNY', false],
  ])('a money word makes a 万/亿 amount money: %s → %s', (text, ...row) => {
    expect(amounts(text)).toEqual([row]);
  });

  test('a currency after a list gives it to every amount in the list: 捐款300万、400万港币', () => {
    expect(amounts('两家企业分别捐款300万、400万港币')).toEqual([
      ['300万', 3000000, 'HKD', false],
      ['400万港币', 4000000, 'HKD', false],
    ]);
  });

  test('a list of three takes the currency printed at its end', () => {
    expect(amounts('三位乡贤依次捐出100万、200万和300万澳门币')).toEqual([
      ['100万', 1000000, 'MOP', false],
      ['200万', 2000000, 'MOP', false],
      ['300万澳门币', 3000000, 'MOP', false],
    ]);
  });

  test('amounts listed after a money word are all money: 分别捐资200万和100万', () => {
    expect(amounts('两位会长分别捐资200万和100万')).toEqual([
      ['200万', 2000000, 'CNY', false],
      ['100万', 1000000, 'CNY', false],
    ]);
  });

  test('a range takes the currency printed at its end: 300万至500万港币', () => {
    expect(amounts('预计需要300万至500万港币')).toEqual([
      ['300万', 3000000, 'HKD', false],
      ['500万港币', 5000000, 'HKD', false],
    ]);
  });

  test('the start of a range shares the unit printed at its end: 300-500万元', () => {
    expect(amounts('每个项目资助300-500万元')).toEqual([
      ['300', 3000000, 'CNY', false],
      ['500万元', 5000000, 'CNY', false],
    ]);
  });

  test('the start of a range shares 千万 with its end: 3至5千万元', () => {
    expect(amounts('规模在3至5千万元之间')).toEqual([
      ['3', 30000000, 'CNY', false],
      ['5千万元', 50000000, 'CNY', false],
    ]);
  });

  test('an amount singled out with 其中 shares the currency of the amount before it', () => {
    expect(amounts('同乡会共募得善款500万港元，其中300万已转交受助学校。')).toEqual([
      ['500万港元', 5000000, 'HKD', false],
      ['300万', 3000000, 'HKD', false],
    ]);
  });

  test('a 万/亿 amount with no money word near it is not money: 全市常住人口300万', () => {
    expect(amounts('全市常住人口300万，其中外来人口120万')).toEqual([]);
  });
});

describe('counts and dates are never money', () => {
  test.each([
    '全省3000家民营企业参加',
    '800人出席大会',
    '收到感谢信20多封',
    '全年举办培训51场',
    '累计培训55000多人次',
    '日产防护服5万余件',
    '捐赠物资5万余件',
    '捐赠医用口罩4000只',
    '捐赠防护服1000套',
    '捐赠防护服1.2万套',
    '募集物资3万件',
    '捐款惠及300万人',
    '会员增长12.3%',
    '2024年1月1日元旦当天',
    '3月15日元宵晚会',
    '推动经济多元化发展',
    '第一元素',
    '千万不要错过',
    '投资项目52个',
    '捐款人数达1万',
    '装机容量300万千瓦',
    '全国14亿人民',
    '推出300万款产品',
    '全年接待游客3000万人次',
    '千万不要错过捐款',
  ])('%s', (text) => {
    expect(findMoney(text)).toEqual([]);
  });

  test('an amount of unknown size (数百万元, 几十万元) has no value to give', () => {
    expect(findMoney('带动数百万元投资，另有几十万元捐款')).toEqual([]);
  });

  test('每万元 is a unit of account, not an amount', () => {
    expect(findMoney('每万元产值能耗下降')).toEqual([]);
  });
});

describe('offsets', () => {
  test('each mention covers exactly the printed amount, prefix and suffix words included', () => {
    const text = '会上，商会宣布设立约人民币1,000万元的助学基金；会员企业另捐赠澳门币伍拾万元正和价值247万的物资，总额超过1.2亿元以上。';
    const found = findMoney(text);
    expect(found.map((money) => [money.start, money.end, text.slice(money.start, money.end)])).toEqual([
      [text.indexOf('约人民币'), text.indexOf('的助学'), '约人民币1,000万元'],
      [text.indexOf('澳门币'), text.indexOf('和价值'), '澳门币伍拾万元正'],
      [text.indexOf('247万'), text.indexOf('的物资'), '247万'],
      [text.indexOf('超过'), text.indexOf('。'), '超过1.2亿元以上'],
    ]);
    // The page names 人民币 as often as 澳门币, so its bare amounts are yuan.
    expect(found.map((money) => [money.value, money.currency, money.approximate])).toEqual([
      [10000000, 'CNY', true],
      [500000, 'MOP', false],
      [2470000, 'CNY', false],
      [120000000, 'CNY', true],
    ]);
  });

  test('offsets found in the normalised text cut the traditional original', () => {
    const original = '同鄉會捐出澳門幣壹拾萬元正，另捐貳萬餘元。';
    const text = normalise(original);
    expect(findMoney(text).map((money) => [original.slice(money.start, money.end), money.value, money.currency, money.approximate])).toEqual([
      ['澳門幣壹拾萬元正', 100000, 'MOP', false],
      ['貳萬餘元', 20000, 'MOP', true],
    ]);
  });
});

describe('the currency of a bare 元', () => {
  test.each([
    ['a mainland page', '市工商联组织会员企业捐款200万元，另有物资价值50万元。', 'CNY'],
    ['a page with no money at all', '商会召开第三届会员大会，选举产生新一届理事会。', 'CNY'],
    ['a Hong Kong page', '本会向基金捐出港币100万元，另有会员捐款50万元，全年善款共300万港元。', 'HKD'],
    ['a Macau page', '总会捐赠澳门币伍拾万元正，并资助30万元；另有会员捐出葡币10万。', 'MOP'],
    ['a Taiwan page', '协会募得新台币3000万元，其中企业捐款2000万元。', 'TWD'],
    ['a mainland page that converts one Hong Kong donation', '港商捐赠港币100万元（约合人民币90万元），本地企业捐赠人民币200万元。', 'CNY'],
  ])('%s', (_, text, currency) => {
    expect(pageCurrency(text)).toBe(currency);
  });

  test('on a Hong Kong page bare 元 and bare 万 amounts are Hong Kong dollars', () => {
    const text = '本会向基金捐出港币100万元，另有会员捐款50万元，商会再捐资20万。';
    expect(amounts(text)).toEqual([
      ['港币100万元', 1000000, 'HKD', false],
      ['50万元', 500000, 'HKD', false],
      ['20万', 200000, 'HKD', false],
    ]);
  });

  test('a given default currency decides bare 元', () => {
    expect(amounts('会员捐款50万元', 'TWD')).toEqual([['50万元', 500000, 'TWD', false]]);
  });

  test('a bare $ is the Hong Kong dollar on a Hong Kong page and the US dollar elsewhere', () => {
    expect(amounts('同乡会捐出港币50万元，会长另捐$10万。')[1]).toEqual(['$10万', 100000, 'HKD', false]);
    expect(amounts('海外侨胞捐出$10万。')).toEqual([['$10万', 100000, 'USD', false]]);
  });
});

describe('bulk imports', () => {
  test('a long page is read in one linear pass', () => {
    const sentence = '商会捐款300万、400万港币，会员5万余件物资，约人民币1,000万元，壹拾壹万贰仟玖佰肆拾捌元正，800人参加。';
    const page = sentence.repeat(5000);
    const started = Date.now();
    const found = findMoney(page);
    expect(found).toHaveLength(4 * 5000);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  test('long runs of digits, units and approximation words do not slow the scan', () => {
    const page = `${'1'.repeat(100000)}${'万'.repeat(100000)}${'约'.repeat(100000)}${'多'.repeat(100000)}元`;
    const started = Date.now();
    findMoney(page);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
