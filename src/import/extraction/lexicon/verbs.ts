/**
 * Verbs and particles of the genre that the grammar reads around names and titles. None is a
 * phrase of a particular page.
 */

/** What may follow a person's name or trailing title: the name (or title) ends before one of these. */
export const FOLLOWERS = [
  '在', '表示', '说', '指出', '强调', '介绍', '主持', '致辞', '讲话', '发言', '代表', '带队', '带领', '率领', '率队', '率', '一行', '等', '和', '与', '及', '向', '为', '对', '也', '还', '则',
  '分别', '共同', '亲自', '出席', '参加', '陪同', '宣读', '作', '做', '接收', '接受', '颁发', '授牌', '致', '首先', '认为', '提出', '希望', '要求', '总结', '回顾', '应邀', '受邀', '莅临',
  '当选', '担任', '出任', '兼任', '任', '同志', '先生', '女士', '教授', '博士', '将', '已', '是', '从', '到', '来', '去', '于', '被', '把', '给', '获', '荣获', '通过', '就', '又', '都',
  '并', '认真', '充分', '详细', '热情', '高度', '会见', '接待', '看望', '慰问', '走访', '调研', '考察', '听取', '感谢', '主讲', '授课', '解读', '报道', '摄', '供稿', '撰稿', '整理',
];

/** Marks that end a name or a title in any list. */
export const DELIMITERS = /^[、，。；：！？（）“”‘’《》【】\s/|]/;

/** Honorifics after a name: they end it but are not positions. */
export const HONORIFICS = ['同志', '先生', '女士', '老师', '小姐', '夫人'];

/** Verbs that give a person a post: 张三当选会长, 李四担任秘书长. */
export const ELECTION_VERBS = ['当选为', '当选', '担任', '出任', '荣任', '继任', '兼任', '任'];

/** Words that make 为 a post-giving verb in the clause: 聘请张三为名誉会长. */
export const APPOINTING_WORDS = /(?:聘请|聘任|聘为|推选|推举|选举|任命|增补|选聘|特聘)/;

/** Verbs of speech that introduce or close a quote. */
export const SPEECH_VERBS = ['表示', '指出', '强调', '认为', '说', '说道', '介绍', '坦言', '感慨', '称', '谈到', '透露', '提到', '呼吁', '希望', '要求', '寄语', '致辞', '讲话'];

/** Verbs of giving money or goods. */
export const DONATION_VERBS = /(?:捐赠|捐款|捐助|捐献|捐资|捐物|捐出|捐送|乐捐|捐|资助|筹集|募集|筹得|募得|援助)/;
