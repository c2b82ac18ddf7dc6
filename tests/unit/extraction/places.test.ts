import { findPlaces, isPlaceName, placeAt, regionPrefixOf } from '../../../src/import/extraction/places';

/** What a reader would list: each place as printed, with its level and the gazetteer's full name. */
const places = (text: string): Array<[string, string, string]> => findPlaces(text).map((place) => [text.slice(place.start, place.end), place.level, place.full]);
const printed = (text: string): string[] => findPlaces(text).map((place) => text.slice(place.start, place.end));

describe('the gazetteer of divisions', () => {
  it('finds provinces, prefecture cities, counties and towns by their full names, each at its level', () => {
    expect(places('江苏省苏州市昆山市千灯镇')).toEqual([
      ['江苏省', 'province', '江苏省'],
      ['苏州市', 'city', '苏州市'],
      ['昆山市', 'county', '昆山市'],
      ['千灯镇', 'town', '千灯镇'],
    ]);
    expect(places('北京市朝阳区东华门街道')).toEqual([
      ['北京市', 'province', '北京市'],
      ['朝阳区', 'county', '朝阳区'],
      ['东华门街道', 'town', '东华门街道'],
    ]);
  });

  it('reads short forms and gives the full name they stand for', () => {
    expect(places('苏州、广东、郫都、新疆、内蒙古')).toEqual([
      ['苏州', 'city', '苏州市'],
      ['广东', 'province', '广东省'],
      ['郫都', 'county', '郫都区'],
      ['新疆', 'province', '新疆维吾尔自治区'],
      ['内蒙古', 'province', '内蒙古自治区'],
    ]);
  });

  it('reads the informal forms of autonomous divisions', () => {
    expect(places('恩施州')).toEqual([['恩施州', 'city', '恩施土家族苗族自治州']]);
    expect(places('广西自治区')).toEqual([['广西自治区', 'province', '广西壮族自治区']]);
    expect(places('延边朝鲜族自治州')).toEqual([['延边朝鲜族自治州', 'city', '延边朝鲜族自治州']]);
  });

  it('gives a shared short form to the higher level: 吉林 is the province, not the city', () => {
    expect(places('吉林')).toEqual([['吉林', 'province', '吉林省']]);
    expect(places('吉林市')).toEqual([['吉林市', 'city', '吉林市']]);
  });

  it('takes the longest name at each place and never overlaps', () => {
    expect(printed('江苏省')).toEqual(['江苏省']);
    expect(printed('都江堰市')).toEqual(['都江堰市']);
  });

  it('finds no short form of one character, and no town by its bare name', () => {
    expect(printed('苏、浙、沪')).toEqual([]);
    expect(printed('千灯古镇')).toEqual([]);
  });

  it('covers Hong Kong, Macau and Taiwan', () => {
    expect(places('香港、澳门、台湾、台北')).toEqual([
      ['香港', 'province', '香港特别行政区'],
      ['澳门', 'province', '澳门特别行政区'],
      ['台湾', 'province', '台湾省'],
      ['台北', 'city', '台北市'],
    ]);
    expect(places('湾仔区')).toEqual([['湾仔区', 'county', '湾仔区']]);
  });

  it('finds the foreign countries and regions chamber news mentions', () => {
    expect(places('来自美国、澳大利亚、缅甸、新加坡、马来西亚、日本、韩国和欧洲的侨商')).toEqual([
      ['美国', 'country', '美国'],
      ['澳大利亚', 'country', '澳大利亚'],
      ['缅甸', 'country', '缅甸'],
      ['新加坡', 'country', '新加坡'],
      ['马来西亚', 'country', '马来西亚'],
      ['日本', 'country', '日本'],
      ['韩国', 'country', '韩国'],
      ['欧洲', 'region', '欧洲'],
    ]);
    expect(places('深化粤港澳大湾区合作')).toEqual([['粤港澳大湾区', 'region', '粤港澳大湾区']]);
  });
});

describe('short forms that are ordinary words', () => {
  it('does not read ordinary words as places', () => {
    expect(printed('践行绿水青山就是金山银山理念')).toEqual([]);
    expect(printed('坚持创新和发展，加强和平合作')).toEqual([]);
    expect(printed('确保社会长治久安')).toEqual([]);
    expect(printed('培养年轻新干部')).toEqual([]);
    expect(printed('实现民族复兴，助力乡村振兴')).toEqual([]);
  });

  it('still finds those divisions by their full names', () => {
    expect(places('上海市金山区')).toEqual([
      ['上海市', 'province', '上海市'],
      ['金山区', 'county', '金山区'],
    ]);
  });

  it('does not read a place out of the end of one word and the start of the next', () => {
    expect(printed('支持本市中小企业发展')).toEqual([]);
    expect(printed('据称多家企业参与')).toEqual([]);
    expect(printed('商会理事会召开会议')).toEqual([]);
  });
});

describe('places next to other words', () => {
  it('keeps a place inside an organisation name as the start of that name', () => {
    expect(places('江苏华钢集团')).toEqual([['江苏', 'province', '江苏省']]);
    expect(isPlaceName('江苏华钢集团')).toBe(false);
  });

  it('does not swallow the word after a place: 台州市, then a hotel named like a town (巴城镇)', () => {
    const text = '会议在台州市巴城大酒店举行';
    expect(places(text)).toEqual([['台州市', 'city', '台州市']]);
    expect(placeAt(text, 3)).toEqual({ start: 3, end: 6, level: 'city', full: '台州市' });
  });

  it('leaves the suffix to the next word when they form one: 徐州 + 市场, 苏州 + 市长', () => {
    expect(places('徐州市场监管局')).toEqual([['徐州', 'city', '徐州市']]);
    expect(printed('苏州市长表示')).toEqual(['苏州']);
    expect(printed('振兴乡村')).toEqual([]);
    expect(printed('徐州市市场监管局')).toEqual(['徐州市']);
  });

  it('keeps the suffix when a place follows it: 南召县 + 城关镇, not 县城', () => {
    expect(printed('南召县城关镇')).toEqual(['南召县', '城关镇']);
  });

  it('keeps a division whole before 长江, which names roads and firms', () => {
    expect(printed('苏州市长江路')).toEqual(['苏州市']);
  });
});

describe('places whose names begin with a function word', () => {
  it('finds 和田, 从化, 将乐 and 都江堰 where they name the place', () => {
    expect(printed('新疆和田地区')).toEqual(['新疆', '和田地区']);
    expect(printed('企业家在和田考察')).toEqual(['和田']);
    expect(printed('广州从化、增城')).toEqual(['广州', '从化', '增城']);
    expect(printed('广州市从化区')).toEqual(['广州市', '从化区']);
    expect(printed('福建将乐')).toEqual(['福建', '将乐']);
    expect(printed('福建省将乐县')).toEqual(['福建省', '将乐县']);
    expect(printed('一行赴都江堰调研')).toEqual(['都江堰']);
    expect(printed('成都都江堰')).toEqual(['成都', '都江堰']);
  });

  it('finds them standing alone between marks', () => {
    expect(printed('喀什、和田、阿克苏')).toEqual(['喀什', '和田', '阿克苏']);
  });

  it('does not read them where the first character is the function word', () => {
    expect(printed('从化工园区引进项目')).toEqual([]);
    expect(printed('他将乐于助人的精神传承下去')).toEqual([]);
    expect(printed('商会和田园公司签约')).toEqual([]);
  });

  it('reads a one-character county with its suffix only where no word runs into it', () => {
    expect(printed('丰县商会')).toEqual(['丰县']);
    expect(printed('企业家在临县投资')).toEqual(['临县']);
    expect(printed('领导莅临县里指导')).toEqual([]);
  });
});

describe('isPlaceName', () => {
  it('is true for a plain place name, short or full, or a chain of them', () => {
    expect(isPlaceName('上海')).toBe(true);
    expect(isPlaceName('徐州市')).toBe(true);
    expect(isPlaceName('江苏省徐州市')).toBe(true);
    expect(isPlaceName('和田')).toBe(true);
  });

  it('is false for an organisation that starts with a place, and for no text', () => {
    expect(isPlaceName('昆山市浙江商会')).toBe(false);
    expect(isPlaceName('上海交通大学')).toBe(false);
    expect(isPlaceName('')).toBe(false);
  });
});

describe('regionPrefixOf', () => {
  it('gives the place an organisation name starts with, at its level', () => {
    expect(regionPrefixOf('昆山市浙江商会')).toEqual({ start: 0, end: 3, level: 'county', full: '昆山市' });
    expect(regionPrefixOf('徐州市温州商会')).toEqual({ start: 0, end: 3, level: 'city', full: '徐州市' });
    expect(regionPrefixOf('江苏华钢集团')).toEqual({ start: 0, end: 2, level: 'province', full: '江苏省' });
  });

  it('reads a place beginning with a function word at the start of a name', () => {
    expect(regionPrefixOf('和田商会')).toEqual({ start: 0, end: 2, level: 'city', full: '和田地区' });
  });

  it('is null for a name that starts with no place, and for a name that is only a place', () => {
    expect(regionPrefixOf('巴城大酒店')).toBeNull();
    expect(regionPrefixOf('上海')).toBeNull();
    expect(regionPrefixOf('徐州市')).toBeNull();
  });
});
