/**
 * Genre vocabulary for Chinese association and chamber news: titles, organisation suffixes,
 * surnames and the words that end a name. None of it names a particular organisation or person.
 */
import type { InitiativeKind, OrganisationKind } from '../types';

/** Base titles, as printed after an organisation and before a name. */
export const BASE_TITLES = [
  '董事局主席', '董事会主席', '董事长', '副董事长', '执行董事', '董事', '总经理', '副总经理', '总裁', '副总裁', '首席执行官', 'CEO', '总监', '经理',
  '创始人', '联合创始人', '合伙人', '负责人', '法人代表', '法定代表人', '厂长', '行长', '副行长', '社长', '总编辑', '主编', '台长', '站长', '所长', '副所长',
  '会长', '副会长', '秘书长', '副秘书长', '监事长', '副监事长', '监事', '理事长', '副理事长', '常务理事', '理事', '主席', '副主席', '执行主席', '主任委员', '副主任委员',
  '委员', '主任', '副主任', '常务委员', '常委',
  '党委书记', '党委副书记', '党组书记', '党组副书记', '党总支书记', '党总支副书记', '临时党支部书记', '党支部书记', '党支部副书记', '总支书记', '支部书记', '书记', '副书记', '会员',
  '部长', '副部长', '厅长', '副厅长', '局长', '副局长', '处长', '副处长', '科长', '副科长', '司长', '副司长', '署长', '省长', '副省长', '市长', '副市长',
  '区长', '副区长', '县长', '副县长', '州长', '副州长', '镇长', '副镇长', '乡长', '村长', '巡视员', '调研员', '专员', '秘书', '干事',
  '院长', '副院长', '校长', '副校长', '教授', '副教授', '研究员', '副研究员', '院士', '博士生导师', '博导', '主任医师', '医生', '护士长',
  '队长', '副队长', '组长', '副组长', '团长', '副团长', '领队', '指挥长', '召集人', '发言人', '顾问', '首席顾问', '名誉主席', '大使', '参赞', '领事', '总领事',
];

/** Words that qualify a base title: 执行常务副会长, 驻会副会长, 名誉会长. */
export const TITLE_MODIFIERS = ['执行', '常务', '驻会', '专职', '兼职', '名誉', '荣誉', '终身', '首席', '第一', '代理', '创会', '创始', '联席', '轮值', '候任', '特邀', '资深', '高级', '总', '党组成员、'];

/** Titles that belong to an association or chamber, so a bare one can be placed in the document's own. */
export const ASSOCIATION_TITLES = /(?:会长|秘书长|监事长|理事长|理事|监事)$/;

/** Titles that say "the government of this place": 酒泉市副市长. */
export const GOVERNMENT_TITLES = /(?:省长|市长|区长|县长|州长|镇长|乡长)$/;

/** Titles printed after a name: 王某某教授. */
export const TRAILING_TITLES = ['教授', '副教授', '研究员', '院士', '博士', '主任医师', '律师', '会计师', '工程师', '高级工程师'];

/** Honorifics after a name; they end the name but are not positions. */
export const HONORIFICS = ['先生', '女士', '同志', '老师', '小姐'];

const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '令狐', '夏侯', '端木', '南宫', '西门', '独孤', '申屠', '钟离', '轩辕', '呼延', '澹台', '百里', '东郭', '第五', '万俟'];

const SINGLE_SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由';

export const SURNAMES = new Set([...SINGLE_SURNAMES]);
export const COMPOUND_SURNAME_LIST = COMPOUND_SURNAMES;

/**
 * Two- to four-character words that begin with a surname character but are not names. They stop a
 * name candidate; the list is genre vocabulary, not people.
 */
export const NOT_NAMES = new Set([
  '会员', '全体', '全市', '全省', '全国', '全县', '全区', '全面', '全力', '全会', '党员', '党委', '党建', '党组', '企业', '企业家', '同时', '同志', '同比',
  '金融', '金额', '万元', '方面', '方式', '方案', '高新', '高度', '高速', '周年', '周边', '周末', '向上', '向善', '于是', '于此',
  '常委', '常务', '常态', '安全', '安排', '华侨', '文化', '文明', '明确', '时间', '时期', '管理', '国家', '国内', '国际',
  '应对', '应急', '成员', '成立', '成功', '成效', '程度', '任务', '任何', '任职', '计划', '解决', '解答', '和谐', '和平', '平台', '平安', '关于', '关心', '关爱', '宣传', '宣读',
  '钱款', '项目', '车间', '支持', '支部', '支援', '支付', '康复', '康养', '乐观', '信心', '信息', '公司', '公益', '公共', '尚未',
  '包括', '包干', '路线', '商会', '商务', '商业', '商贸', '广大', '齐心', '龙头', '万众', '严格', '严重', '严防', '杜绝', '季度', '曾经',
  '水平', '连续', '许多', '卫生', '庄严', '代表', '主持', '主任', '书记', '会长', '董事', '经理', '总裁', '干部', '群众', '市民', '居民', '员工', '职工',
]);

/** What may follow a name: the name ends right before one of these. Longest first at match time. */
export const NAME_FOLLOWERS = [
  '在', '表示', '说', '指出', '强调', '主持', '代表', '介绍', '致辞', '发言', '出席', '参加', '认为', '等', '向', '为', '与', '和', '及', '对', '的', '也', '还', '就', '作', '做',
  '首先', '宣读', '讲话', '总结', '回答', '谈', '称', '透露', '解释', '提出', '希望', '要求', '陪同', '会见', '接待', '看望', '慰问', '走访', '调研', '考察', '共同', '分别',
  '亲自', '个人', '率', '带领', '一行', '同志', '先生', '女士', '教授', '博士', '院士', '从', '将', '已', '是', '被', '把', '给', '获', '荣获', '当选', '担任', '兼任',
  '任', '同', '跟', '携', '到', '来', '去', '于', '则', '又', '都', '所', '以', '应', '受', '致', '通过', '积极', '充分', '专门', '特别', '现场', '详细', '深入', '热情', '代为',
  '、', '，', '。', '：', '；', '！', '？', '“', '”', '（', '）', '(', ')', ',', ':', ';', '"', ' ', '\n',
];

/** Organisation suffixes, with the kind they imply. Longest match wins. */
export const ORGANISATION_SUFFIXES: Array<[string, OrganisationKind]> = [
  ['工商业联合会', 'federation_of_industry_and_commerce'],
  ['工商联', 'federation_of_industry_and_commerce'],
  ['总商会', 'chamber_of_commerce'],
  ['商会', 'chamber_of_commerce'],
  ['商协会', 'association'],
  ['临时党支部', 'party_organisation'],
  ['党总支', 'party_organisation'],
  ['党支部', 'party_organisation'],
  ['党委', 'party_organisation'],
  ['党组', 'party_organisation'],
  ['联谊会', 'association'],
  ['促进会', 'association'],
  ['研究会', 'association'],
  ['联合会', 'association'],
  ['协会', 'association'],
  ['学会', 'association'],
  ['基金会', 'ngo'],
  ['慈善总会', 'ngo'],
  ['慈善会', 'ngo'],
  ['光彩会', 'ngo'],
  ['光彩事业促进会', 'ngo'],
  ['红十字会', 'ngo'],
  ['股份有限公司', 'company'],
  ['有限责任公司', 'company'],
  ['有限公司', 'company'],
  ['公司', 'company'],
  ['集团', 'company'],
  ['银行', 'company'],
  ['事务所', 'company'],
  ['研究院', 'other'],
  ['研究所', 'other'],
  ['实验室', 'other'],
  ['大学', 'university'],
  ['学院', 'university'],
  ['医学院', 'university'],
  ['党校', 'university'],
  ['中医院', 'hospital'],
  ['医院', 'hospital'],
  ['卫生院', 'hospital'],
  ['医疗队', 'other'],
  ['人民政府', 'government_body'],
  ['省委', 'party_organisation'],
  ['市委', 'party_organisation'],
  ['县委', 'party_organisation'],
  ['区委', 'party_organisation'],
  ['政府', 'government_body'],
  ['管委会', 'government_body'],
  ['村民委员会', 'government_body'],
  ['居民委员会', 'government_body'],
  ['村委会', 'government_body'],
  ['居委会', 'government_body'],
  ['管理委员会', 'government_body'],
  ['委员会', 'government_body'],
  ['人民法院', 'government_body'],
  ['人民检察院', 'government_body'],
  ['法院', 'government_body'],
  ['检察院', 'government_body'],
  ['指挥部', 'government_body'],
  ['发改委', 'government_body'],
  ['国资委', 'government_body'],
  ['卫健委', 'government_body'],
  ['办公厅', 'government_body'],
  ['办公室', 'government_body'],
  ['统战部', 'government_body'],
  ['工信部', 'government_body'],
  ['民政部', 'government_body'],
  ['商务部', 'government_body'],
  ['部', 'government_body'],
  ['厅', 'government_body'],
  ['局', 'government_body'],
  ['报社', 'media'],
  ['日报', 'media'],
  ['晚报', 'media'],
  ['电视台', 'media'],
  ['广播电台', 'media'],
  ['新闻网', 'media'],
  ['杂志社', 'media'],
  ['政府网', 'media'],
  ['中心', 'other'],
  ['系', 'university'],
];

/** Suffixes too generic to stand alone: they need a distinctive name in front (2+ characters). */
export const WEAK_SUFFIXES = new Set(['部', '厅', '局', '系', '中心', '公司', '集团', '银行', '政府', '党组', '办公室', '学院']);

/** Words that end what can be part of an organisation name when reading leftwards. */
export const LEFT_STOPS = [
  '会议由', '由', '在', '是', '为', '的', '向', '将', '被', '从', '把', '请', '给', '让', '令',
  '通过', '联合', '携手', '组织', '动员', '发动', '带领', '依托', '协调', '促成', '邀请', '举办', '召开', '成立', '发起', '支持', '指导', '针对', '关于', '参加', '出席',
  '代表', '作为', '下属', '旗下', '其所在的', '所在的', '其它', '其他', '其', '所属', '该', '各', '此', '这', '那', '我们', '我', '及', '和', '与', '并', '或', '、', '还', '也', '都',
  '上报', '报送', '转发', '感谢', '收到', '走访', '看望', '慰问', '调研', '考察', '会见', '接待', '特邀嘉宾', '嘉宾', '包括', '得到', '获得', '等',
  '期间', '向着', '面向', '加入', '吸纳', '签署', '签约', '共同', '分别', '积极', '充分', '全力', '主动', '首先', '最后', '同时', '另外',
  '传递', '发挥', '引导', '继续', '谱写', '建成', '回报', '加强', '做好', '推动', '带动', '帮助', '捐赠', '反映',
  '编发', '了解', '走进', '深入', '就', '已', '均', '又', '则', '即', '若', '凡', '每', '了', '像', '一批', '以', '首个',
  '上半年', '下半年', '今年', '去年', '明年', '全年', '近日', '日前', '目前', '当前', '此前', '近年来', '近期', '今天', '昨天', '当天', '随后', '此外',
];

/** Government names contain 和 (人力资源和社会保障局); a 和 before these is part of the name. */
export const AND_INSIDE_NAMES = ['社会保障', '信息化', '城乡建设', '改革委员会', '计划生育', '旅游', '体育', '科技', '外事'];

/** 《…》 names, by what the name ends with. */
export const BOOK_KINDS: Array<[RegExp, InitiativeKind]> = [
  [/(?:意见|办法|规定|措施|细则|决定|通知|方案|条例|政策|解答|规划|纲要|指引|指南|清单|公告|通告|批复|守则|章程)$/, 'policy'],
  [/倡议书?$/, 'campaign'],
  [/(?:协议|备忘录|合同)$/, 'partnership'],
];

/** Names of events, campaigns and trainings end with one of these. */
export const EVENT_SUFFIXES: Array<[string, InitiativeKind]> = [
  ['挑战赛', 'event'], ['大赛', 'event'], ['比赛', 'event'], ['竞赛', 'event'], ['联赛', 'event'], ['论坛', 'event'], ['峰会', 'event'], ['大会', 'event'], ['年会', 'event'],
  ['博览会', 'event'], ['展览会', 'event'], ['交易会', 'event'], ['洽谈会', 'event'], ['推介会', 'event'], ['发布会', 'event'], ['表彰会', 'event'], ['研讨会', 'event'],
  ['座谈会', 'event'], ['交流会', 'event'], ['对接会', 'event'], ['恳谈会', 'event'], ['报告会', 'event'], ['分享会', 'event'], ['招聘会', 'event'], ['联谊会', 'event'],
  ['启动仪式', 'event'], ['签约仪式', 'event'], ['仪式', 'event'], ['展', 'event'], ['节', 'event'], ['行', 'event'], ['赛', 'event'],
  ['培训班', 'training'], ['研修班', 'training'], ['训练营', 'training'], ['培训', 'training'], ['讲座', 'training'], ['课堂', 'training'],
  ['活动', 'campaign'], ['行动', 'campaign'], ['工程', 'campaign'], ['计划', 'campaign'], ['项目', 'campaign'], ['倡议', 'campaign'], ['运动', 'campaign'], ['专项行动', 'campaign'],
  ['基金', 'donation'],
];

/** Verbs of giving money or goods. */
export const DONATION_VERBS = /(?:捐赠|捐款|捐助|捐献|捐资|捐物|捐出|捐|交纳|缴纳|资助|筹集|募集|援助|慰问)/;

export const SPEECH_VERBS = ['在分享中表示', '在讲话中表示', '在致辞中表示', '在发言中表示', '表示', '指出', '强调', '认为', '说', '介绍说', '介绍', '坦言', '感慨', '称', '谈到', '透露', '提到', '呼吁'];
