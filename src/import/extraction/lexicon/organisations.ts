import type { OrganisationKind } from '../../types';
import { EVENT_ENDINGS } from './initiatives';

/**
 * What organisation names end with in this genre, and the kind each ending implies. `stem` is the
 * fewest characters a name needs before the suffix: 0 for endings that name a body on their own
 * (统战部, 政协, 工商联 — the page's place completes them), 1 for a level character (县委, 区政府),
 * 2 or more for generic endings (XX公司, XX中心).
 */
export type Suffix = { suffix: string; kind: OrganisationKind; stem: number };

const entries = (kind: OrganisationKind, stem: number, words: string[]): Suffix[] => words.map((suffix) => ({ suffix, kind, stem }));

export const ORGANISATION_SUFFIXES: Suffix[] = [
  ...entries('federation_of_industry_and_commerce', 0, ['工商业联合会', '工商联']),
  ...entries('chamber_of_commerce', 0, ['总商会', '商会']),
  ...entries('association', 1, ['同业公会', '公会', '联谊会', '同乡会', '校友会', '促进会', '研究会', '联合会', '协会', '学会', '分会', '联盟', '协进会', '总会']),
  ...entries('ngo', 0, ['红十字会', '慈善总会', '光彩会', '妇联', '残联', '侨联', '总工会', '团委', '科协', '文联', '台联']),
  ...entries('ngo', 1, ['基金会', '慈善会', '善堂', '合作社', '基金']),
  ...entries('government_body', 0, ['人大常委会', '常委会', '政协', '人大', '统战部', '纪委', '政法委', '发改委', '国资委', '卫健委', '工信局', '民政局', '商务局']),
  ...entries('party_organisation', 1, ['党工委', '工委', '党委', '党总支', '党支部', '党组', '委']),
  ...entries('government_body', 1, [
    '人民政府', '政府', '管委会', '管理委员会', '委员会', '村民委员会', '居民委员会', '村委会', '居委会', '办事处', '街道', '社区', '指挥部', '人民法院', '法院', '人民检察院', '检察院',
    '办公厅', '办公室', '军区', '开发区', '高新区', '工业园', '产业园', '园区', '试验区',
  ]),
  // One-character endings of departments need a name of two characters or more: 民政局, not 文科.
  ...entries('government_body', 2, ['部', '厅', '局', '处', '科', '办', '署', '所', '站']),
  ...entries('company', 2, [
    '股份有限公司', '有限责任公司', '有限公司', '公司', '集团', '银行', '分行', '支行', '事务所', '酒店', '大酒店', '宾馆', '饭店', '会议中心', '会展中心', '国际会议中心', '度假村',
    '工厂', '厂', '商城', '商场', '超市', '金行', '药局', '药房', '合作社',
  ]),
  ...entries('university', 2, ['大学', '学院', '职业技术学院', '商学院', '党校', '中学', '小学', '初级中学', '高级中学', '幼儿园', '学校', '研究院', '研究所', '实验室']),
  ...entries('hospital', 2, ['医院', '中医院', '卫生院', '卫生服务中心', '医疗队']),
  ...entries('media', 2, ['报社', '日报', '晚报', '晨报', '商报', '时报', '电视台', '广播电台', '新闻网', '杂志社', '通讯社', '出版社', '社', '融媒体中心', '网']),
  ...entries('other', 2, ['中心', '纪念馆', '展览馆', '博物馆', '陵园', '图书馆', '接种点', '敬老院', '福利院']),
];

/**
 * Words that end like an organisation but are not one (大局, 全部, 干部), or are a kind of
 * organisation rather than a name (会员企业, 异地商会, 兄弟商会).
 */
export const NOT_ORGANISATIONS = /(?:党和政府|党委政府|市委市政府|县委县政府|区委区政府|省委省政府|大局|全局|格局|布局|结局|当局|开局|局部|全部|内部|外部|干部|总部|东部|西部|南部|北部|中部|头部|底部|本部|俱乐部|各部|好处|长处|用处|之处|到处|住处|难处|益处|办法|创办|举办|主办|承办|协办|合办|督办|筹办|异地商会|兄弟商会|行业商会|各商会|基层商会|会员企业|民营企业|企业家|家乡|党员|网站|官网|网络|联网|互联网|上网|全网|中心工作|重心|核心|信心|爱心|决心|初心|同心|用心|关心|开心|放心|热心|连心|齐心|倾心|暖心|匠心|民心|人心|身心|中心城市)$/;

/**
 * Kinds of institution rather than names of one (中医医院, 方舱医院, 会员企业): an ending after one
 * of these words and nothing more names no particular body.
 */
export const GENERIC_STEMS = new Set([
  '中医', '方舱', '定点', '人民', '附属', '社区', '民营', '公立', '私立', '会员', '龙头', '基层', '行业', '异地', '兄弟', '地方', '商', '各级', '相关', '有关', '主管', '职能', '上级',
]);

/** Words inside a candidate that make it a description of several bodies: 某大学相关学院. */
export const DESCRIPTIVE_INSIDE = /相关|有关|下属|所属|各类|各级|等单位/;

/** Determiners and generic heads: a candidate starting so is a description (该商会, 各级工商联), not a name. */
export const DESCRIPTIVE_START = /^(?:全年|全体|新一届|本届|上届|历届|第|上述|该|本|此|这|那|各|我|其|相关|有关|下属|所属|部分|多家|一批|一个|一家|一名|每个|两个|广大|全体|各级|全市|全省|全县|全区|全国各地|异地|兄弟|会员|民营|有关部门|相关部门)/;

/**
 * Words that open a clause but are no part of a name after them: 由, 在, 会上, 随后. An item's
 * organisation starts after them. Longest first at match time.
 */
export const CLAUSE_OPENERS = [
  // 论坛由某商会承办, 活动由某协会主办: what an initiative is run by follows its own noun and 由.
  ...EVENT_ENDINGS.map(([word]) => `${word}由`),
  '原', '时任', '前任', '会议由', '会上', '会中', '会后', '席间', '随后', '其中', '此外', '另外', '同时', '期间', '当天', '当日', '日前', '近日', '今天', '昨天', '目前', '首先', '接着', '紧接着', '最后', '然后', '并由',
  '邀请', '聘请', '特邀', '受邀', '应邀', '陪同', '以及', '还有', '包括', '分别', '来自', '通过', '经过', '经', '据', '由', '在', '向', '对', '与', '和', '及', '为', '受', '请', '把', '将', '被',
  '从', '给', '让', '到', '至', '赴', '往', '并', '也', '还', '又', '即', '是', '了', '的', '等', '一行', '与会', '出席', '参加', '参与', '他', '她', '我们', '他们',
];
