import type { TitleDomain } from '../context';

/**
 * The titles people hold in chamber, association, government and company news, by the kind of
 * body they belong to. A title is read as modifiers + a base title (常务 + 副 + 会长); the lists
 * here are the genre's vocabulary, not any page's.
 */
export const BASE_TITLES: Record<TitleDomain, string[]> = {
  association: [
    '会长', '秘书长', '理事长', '监事长', '常务理事', '理事', '监事', '会员', '会董', '值理', '总顾问', '顾问', '秘书处', '执行长', '主席团成员',
  ],
  government: [
    '省长', '市长', '区长', '县长', '州长', '旗长', '镇长', '乡长', '村长', '主任', '局长', '厅长', '处长', '科长', '部长', '司长', '署长', '巡视员', '调研员', '专员',
    '统战部长', '组织部长', '宣传部长', '执常委', '执委', '政法委书记', '纪委书记', '人大代表', '政协委员', '委员', '常委', '秘书', '参事', '馆长', '站长', '所长',
    '司令员', '政委', '政治委员', '上将', '中将', '少将', '大校', '大使', '总领事', '领事', '参赞',
  ],
  party: ['书记', '党组成员', '党员', '支部委员'],
  company: [
    '董事局主席', '董事会主席', '董事长', '执行董事', '独立董事', '董事', '总经理', '经理', '总裁', '首席执行官', 'CEO', '总监', '创始人', '合伙人', '法定代表人', '法人代表',
    '行长', '厂长', '店长', '行政总裁', '营运总监', '工程师', '会计师', '经济师', '律师',
  ],
  academic: ['院长', '校长', '系主任', '教授', '研究员', '院士', '博士生导师', '主任医师', '讲师', '教师', '老师'],
  media: ['记者', '全媒记者', '特约记者', '见习记者', '通讯员', '特约通讯员', '编辑', '责任编辑', '主编', '总编辑', '审核', '审校', '校对', '监制', '审签', '终审', '实习生', '摄影', '摄像', '制作'],
  generic: ['主席', '组长', '队长', '团长', '领队', '负责人', '领导', '召集人', '发言人', '代表委员', '主持人', '主讲人', '太平绅士'],
};

/**
 * Words printed before a base title that are part of it (执行常务副会长, 党组副书记, 一级巡视员).
 * Longest first at match time.
 */
export const KEPT_MODIFIERS = [
  '执行', '常务', '驻会', '专职', '兼职', '名誉', '荣誉', '终身', '永远', '首席', '第一', '代理', '创会', '创始', '联席', '轮值', '候任', '特邀', '资深', '高级',
  '一级', '二级', '三级', '四级', '机关党委', '党委', '党组', '党总支', '临时党支部', '党支部', '支部', '总', '副',
];

/**
 * Words printed before a title that say when, not what: 原主任, 时任书记, 首任会长, 新一届会长.
 * The title is kept without them (a former 主任 is recorded as 主任).
 */
export const DROPPED_QUALIFIERS = /^(?:原|前|时任|现任|新任|首任|新一届|本届|上届|本月|本年度|当届|第[一二三四五六七八九十\d]+届(?:理事会|执委会|执行委员会|监事会|会员大会)?|[一二三四五六七八九十\d]+届)/;

/** Titles whose holder is the government of a place: 县长 → 县政府, 某某区区长 → 某某区. */
export const PLACE_HEAD_TITLES = /^(?:副)?(?:省|市|区|县|州|旗|镇|乡)长$/;

/** Congress memberships: 全国政协委员 is a 政协委员 of 全国政协, 某市人大代表 a 人大代表 of 某市人大. */
export const CONGRESS_TITLES: Record<string, string> = { 政协委员: '政协', 人大代表: '人大', 党代表: '党代会' };

/** Ways of joining two titles of one person in one item: 秘书长兼副会长. */
export const TITLE_JOINERS = ['兼任', '兼'];
