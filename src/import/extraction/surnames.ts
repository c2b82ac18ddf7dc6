/**
 * Chinese surnames, in simplified characters (the extraction passes read normalised text).
 *
 * The single surnames are the Hundred Family Surnames (百家姓) plus the common modern surnames it
 * lacks (付, 肖, 闫, 覃…). Many of them are also ordinary words (和, 从, 于, 向, 有, 都…): this table
 * only says what can begin a name; `names.ts` decides whether a name begins there.
 */

const HUNDRED_FAMILY_SINGLE =
  '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎' +
  '鲁韦昌马苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康伍余元卜顾孟平黄' +
  '和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童颜郭' +
  '梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞万支柯昝管卢莫经房裘缪干解应宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚' +
  '程嵇邢滑裴陆荣翁荀羊於惠甄曲家封芮羿储靳汲邴糜松井段富巫乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲伊宫' +
  '宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸司韶郜黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴胥能苍双' +
  '闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍郤璩桑桂濮牛寿通边扈燕冀郏浦尚农温别庄晏柴瞿阎充慕连茹习宦艾鱼容' +
  '向古易慎戈廖庾终暨居衡步都耿满弘匡国文寇广禄阙东欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空' +
  '曾毋沙乜养鞠须丰巢关蒯相查后荆红游竺权逯盖益桓公晋楚闫法汝鄢涂钦岳帅缑亢况有琴佘佴伯赏墨哈谯笪' +
  '年爱阳佟言福';

/** Common today but missing from the Hundred Family Surnames, or written with another character there. */
const MODERN_SINGLE = '付肖覃邝冼谌粟亓仝母朴练揭占代兰盘税银官战智原展植闭麦种贠员来牟初丛栗菅苑锁衣由迟綦' +
  '芦苟隋商南楼位区海豆漆卿门敬普鹿邸辜修赫鲜玉宾呼尉斯檀信奉尧杲净憨仉';

/** Compound surnames: those of the Hundred Family Surnames still borne, and a few later ones (独孤, 拓跋). */
const COMPOUND = [
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '令狐', '夏侯', '端木', '南宫',
  '申屠', '钟离', '轩辕', '呼延', '澹台', '百里', '第五', '万俟', '闻人', '赫连', '公羊', '公冶', '宗政', '濮阳', '淳于', '单于',
  '太叔', '仲孙', '鲜于', '闾丘', '司空', '亓官', '司寇', '子车', '颛孙', '巫马', '公西', '漆雕', '乐正', '壤驷', '公良', '拓跋',
  '夹谷', '宰父', '谷梁', '段干', '东郭', '南门', '归海', '羊舌', '微生', '梁丘', '左丘', '东门', '西门', '独孤',
];

export const SINGLE_SURNAMES: ReadonlySet<string> = new Set([...HUNDRED_FAMILY_SINGLE, ...MODERN_SINGLE]);
export const COMPOUND_SURNAMES: ReadonlySet<string> = new Set(COMPOUND);

/**
 * The length of the surname that starts at `index`: 2 for a compound surname, 1 for a single one,
 * 0 for none. A compound surname wins over the single surname it begins with (欧阳 over 欧).
 */
export const surnameAt = (text: string, index: number): number => {
  if (index < 0 || index >= text.length) return 0;
  if (COMPOUND_SURNAMES.has(text.slice(index, index + 2))) return 2;
  return SINGLE_SURNAMES.has(text[index]) ? 1 : 0;
};
