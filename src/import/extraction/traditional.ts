/**
 * Traditional characters common in association news, mapped one to one onto simplified ones, so the
 * same rules read pages from Hong Kong, Macao and Taiwan chambers. One character maps to one
 * character, so every position in the mapped text is the same position in the original.
 */
const TRADITIONAL = '會協長總書記團組國廠業聯學醫黨區縣鎮鄉門經辦處廳員導師贈萬億約餘紅灣東華陳黃張劉楊趙吳孫馬許鄭謝韓馮鄧蕭蔣葉蘇盧鍾譚陸範賈韋鄒賴龔嚴錢駱顧關莊聶這個為與對說來時們從發開動進實現體點無愛機電際產務場應間後過還種當幾報舉屆領議義設歲氣傳節專於並請讓認識話語論講談訪調諮詢證訊計劃財貿費資質購贊賽獎績練級紀終給統網線絡續維營勞幣價銀鐵鋼錦鏈險陽隊隨雜難雲靈頁項順須預頭題額顏風飛館驗鬥麗齊龍廣慶態戰擴據損換揮擁敗數斷條極標樣樹橋權歡歸殺漢熱爭獨獲環畫疊盡監礎碼禮離穩積競築簽糧純細結綜緊織罰習聖聞聲職腦興舊藝蘭號蟲衛補製複見規視覽觀訓評詞試詳誠誌讀變讚貨責賀賓賣車軍輕輔輸農運達遠適選邊鄰釋針錄閉閱階隱雙雞頒頓願飯養騰驚鬧魯鮮鳳麥齡夢壯夥奮婦寶寧審將尋屬崗帶幫廢彎彙徵復憂慮懷戲戶撥擔擊敵兩亞亂僅儀優兒內冊凱則創劇勁勢勝勵勸卻參問啟喬單嗎園圍圖執堅塊壓壇夠獻籌慈護療藥豐鋒濤潔濟湯溫測準滬潤澤沖決況淨減漲滿漁潛濃濱煙燈爾狀獅畢異發盤眾確禍稅稱穀窮筆簡籃糾紐紡絕絲綠緣縮繩繼纖罷羅肅膠臨臺艱著薦薩藍蘋虛衝裝襲覺親訂訴診詩該誤誰課諸謀護譽豬貝負貢貧賞賢賬趕跡踐躍軌軟較載輛轉遺遷採鈴鋪錯鍵鏡闆闊陣陰雖靜響頂頻顯颱飄餅駐驅髮鬆魚鳥鹽麼齒瑩偉強傑禎曉麟濱瓊鳴瑋璽銘鋒鈞釗鍾鎮鑫韻頌顥馨驥鵬鶴鸞麒龐閻聞蘆蔡薛蕭藺譚豐賀鄔鈕閔閆陶雷霍韋項顏餘馮駱魏黎龍龔';
const SIMPLIFIED = '会协长总书记团组国厂业联学医党区县镇乡门经办处厅员导师赠万亿约余红湾东华陈黄张刘杨赵吴孙马许郑谢韩冯邓萧蒋叶苏卢钟谭陆范贾韦邹赖龚严钱骆顾关庄聂这个为与对说来时们从发开动进实现体点无爱机电际产务场应间后过还种当几报举届领议义设岁气传节专于并请让认识话语论讲谈访调咨询证讯计划财贸费资质购赞赛奖绩练级纪终给统网线络续维营劳币价银铁钢锦链险阳队随杂难云灵页项顺须预头题额颜风飞馆验斗丽齐龙广庆态战扩据损换挥拥败数断条极标样树桥权欢归杀汉热争独获环画叠尽监础码礼离稳积竞筑签粮纯细结综紧织罚习圣闻声职脑兴旧艺兰号虫卫补制复见规视览观训评词试详诚志读变赞货责贺宾卖车军轻辅输农运达远适选边邻释针录闭阅阶隐双鸡颁顿愿饭养腾惊闹鲁鲜凤麦龄梦壮伙奋妇宝宁审将寻属岗带帮废弯汇征复忧虑怀戏户拨担击敌两亚乱仅仪优儿内册凯则创剧劲势胜励劝却参问启乔单吗园围图执坚块压坛够献筹慈护疗药丰锋涛洁济汤温测准沪润泽冲决况净减涨满渔潜浓滨烟灯尔状狮毕异发盘众确祸税称谷穷笔简篮纠纽纺绝丝绿缘缩绳继纤罢罗肃胶临台艰着荐萨蓝苹虚冲装袭觉亲订诉诊诗该误谁课诸谋护誉猪贝负贡贫赏贤账赶迹践跃轨软较载辆转遗迁采铃铺错键镜板阔阵阴虽静响顶频显台飘饼驻驱发松鱼鸟盐么齿莹伟强杰祯晓麟滨琼鸣玮玺铭锋钧钊钟镇鑫韵颂颢馨骥鹏鹤鸾麒庞阎闻芦蔡薛萧蔺谭丰贺邬钮闵闫陶雷霍韦项颜余冯骆魏黎龙龚';

const MAP = new Map<string, string>([...TRADITIONAL].map((char, index) => [char, [...SIMPLIFIED][index]]));

export const toSimplified = (text: string): string => {
  let result = '';
  for (const char of text) result += MAP.get(char) ?? char;
  return result;
};

/** True when the text has traditional characters that the map changes. */
export const hasTraditional = (text: string): boolean => [...text].some((char) => MAP.has(char) && MAP.get(char) !== char);
