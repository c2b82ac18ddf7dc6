import type { Core } from '@strapi/strapi';
import { ARTICLE, INITIATIVE, ORGANISATION, PERSON } from '../content-types';

/**
 * The content manager as editors see it: list columns, newest first, edit views grouped into
 * content, relations, source & SEO and provenance, import provenance read-only, and Chinese help
 * where it helps. Applied when LAYOUT_VERSION changes, so an administrator's later adjustments in
 * the admin panel survive restarts until the next release changes the layout on purpose.
 */
export const LAYOUT_VERSION = 4;

type Field = { label?: string; description?: string; editable?: boolean };
type Row = Array<[string, number]>;
type View = {
  mainField: string;
  defaultSortBy: string;
  defaultSortOrder: 'ASC' | 'DESC';
  list: string[];
  edit: Row[];
  fields: Record<string, Field>;
};

const READ_ONLY_IMPORT: Record<string, Field> = {
  needsReview: { label: '需要核对 (needs review)', description: '导入程序不确定的内容会被标记；核对后取消勾选' },
  reviewReason: { label: '核对原因 (review reason)', description: '导入程序说明为什么需要人工核对' },
  importKey: { label: '导入键 (import key)', description: '导入程序用来识别同一条记录，请勿修改', editable: false },
};

/** Organisations, persons and initiatives remember what the importer wrote, and on which articles' word. */
const IMPORT_MEMORY: Record<string, Field> = {
  importedValues: {
    label: '导入记录 (import memory)',
    description: '导入程序上次写入的字段指纹，以及每个职务、主办机构和参与人物出自哪些文章；用于重新导入时保留编辑的改动，请勿修改',
    editable: false,
  },
};

export const NEWSROOM_VIEWS: Record<string, View> = {
  [ARTICLE]: {
    mainField: 'title',
    defaultSortBy: 'publicationDate',
    defaultSortOrder: 'DESC',
    list: ['title', 'publicationDate', 'needsReview'],
    edit: [
      // Content
      [['title', 8], ['slug', 4]],
      [['summary', 12]],
      [['cover', 6]],
      [['body', 12]],
      // Relations
      [['mentionedOrganisations', 6], ['mentionedPersons', 6]],
      [['mentionedInitiatives', 6], ['quotedPersons', 6]],
      [['quotes', 12]],
      [['amounts', 12]],
      // Source & SEO
      [['publicationDate', 4], ['reporter', 4], ['correspondent', 4]],
      [['editor', 4]],
      [['source', 12]],
      [['seo', 12]],
      // Provenance
      [['needsReview', 4], ['reviewReason', 8]],
      [['importKey', 6], ['contentHash', 6]],
      [['rawText', 12]],
      [['importEvidence', 12]],
      [['importedValues', 12]],
      [['importedLinks', 12]],
      [['textFingerprint', 12]],
    ],
    fields: {
      title: { label: '标题 (title)' },
      slug: { label: '网址别名 (slug)', description: '留空则按标题拼音自动生成，例如 wu-xi-shi-zong-shang-hui' },
      summary: { label: '摘要 (summary)' },
      body: { label: '正文 (body)', description: '一个连续的编辑器：段落、小标题、引用、列表和带图注的图片' },
      cover: { label: '封面图 (cover)' },
      publicationDate: { label: '原文发布日期 (original date)', description: '原网页上的日期，不是本系统的发布时间' },
      source: { label: '来源 (source)', description: '发布单位、对应机构、原文链接和抓取时间' },
      reporter: { label: '记者 (reporter)' },
      correspondent: { label: '通讯员 (correspondent)' },
      editor: { label: '责任编辑 (editor)' },
      quotes: { label: '引语 (quotes)' },
      amounts: { label: '金额 (amounts)' },
      mentionedOrganisations: { label: '提及的机构 (organisations)' },
      mentionedPersons: { label: '提及的人物 (persons)' },
      mentionedInitiatives: { label: '提及的活动/项目 (initiatives)' },
      quotedPersons: { label: '被引用的人物 (quoted persons)', description: '由引语自动生成', editable: false },
      seo: { label: 'SEO' },
      rawText: { label: '原始文本 (raw text)', description: '导入时的原网页文本，保持不变', editable: false },
      contentHash: { label: '内容哈希 (content hash)', editable: false },
      importEvidence: {
        label: '导入依据 (import evidence)',
        description: '每个职务、金额、引语和活动取自原文的哪一句、第几个字，供核对导入结果；不对外公开',
        editable: false,
      },
      importedValues: { label: '导入值指纹 (imported values)', description: '用于判断编辑是否修改过字段，请勿修改', editable: false },
      importedLinks: {
        label: '导入的关联 (imported links)',
        description: '导入程序上次写入的提及、引语和金额；重新导入时只替换这些，编辑添加或修改的保留',
        editable: false,
      },
      textFingerprint: { label: '正文指纹 (text fingerprint)', description: '用于识别改动过的同一篇文章，请勿修改', editable: false },
      ...READ_ONLY_IMPORT,
    },
  },
  [ORGANISATION]: {
    mainField: 'name',
    defaultSortBy: 'name',
    defaultSortOrder: 'ASC',
    list: ['name', 'kind', 'region', 'needsReview'],
    edit: [
      [['name', 8], ['kind', 4]],
      [['nameEn', 6], ['region', 6]],
      [['aliases', 12]],
      [['description', 12]],
      [['logo', 6], ['website', 6]],
      [['contact', 12]],
      [['parent', 6], ['children', 6]],
      [['people', 6], ['organisedInitiatives', 6]],
      [['mentionedInArticles', 6]],
      [['needsReview', 4], ['reviewReason', 8]],
      [['importKey', 6]],
      [['importedValues', 12]],
    ],
    fields: {
      name: { label: '全称 (name)' },
      nameEn: { label: '英文名 (English name)' },
      aliases: { label: '简称/别名 (aliases)', description: '每个简称或别名单独添加' },
      kind: { label: '类型 (kind)' },
      region: { label: '地区 (region)' },
      parent: { label: '上级机构 (parent)', description: '例如党支部所属的商会' },
      people: { label: '任职人员 (people)', description: '由人物的职务自动生成', editable: false },
      children: { label: '下级机构 (children)' },
      website: { label: '网站 (website)' },
      contact: { label: '联系方式 (contact)' },
      description: { label: '简介 (description)' },
      logo: { label: '标志 (logo)' },
      organisedInitiatives: { label: '主办的活动/项目 (initiatives)' },
      mentionedInArticles: { label: '提及它的新闻 (articles)' },
      ...READ_ONLY_IMPORT,
      ...IMPORT_MEMORY,
    },
  },
  [PERSON]: {
    // Namesakes are told apart by where they hold which title (src/review/person-label.ts).
    mainField: 'listLabel',
    defaultSortBy: 'name',
    defaultSortOrder: 'ASC',
    list: ['name', 'listLabel', 'needsReview'],
    edit: [
      [['name', 6], ['nameEn', 6]],
      [['listLabel', 12]],
      [['positions', 12]],
      [['biography', 12]],
      [['photo', 6]],
      [['organisations', 6], ['initiatives', 6]],
      [['mentionedInArticles', 6], ['quotedInArticles', 6]],
      [['needsReview', 4], ['reviewReason', 8]],
      [['importKey', 6]],
      [['importedValues', 12]],
    ],
    fields: {
      name: { label: '姓名 (name)' },
      nameEn: { label: '英文名 (English name)' },
      positions: { label: '职务 (positions)', description: '见报职务名称及所在机构，可填写任职起止日期' },
      biography: { label: '简介 (biography)' },
      organisations: { label: '任职机构 (organisations)', description: '由职务自动生成', editable: false },
      listLabel: { label: '列表名称 (list label)', description: '姓名 · 机构 职务，用于区分同名人物；由职务自动生成', editable: false },
      photo: { label: '照片 (photo)' },
      initiatives: { label: '参与的活动/项目 (initiatives)' },
      mentionedInArticles: { label: '提及他/她的新闻 (articles)' },
      quotedInArticles: { label: '引用他/她的新闻 (quoted in)' },
      ...READ_ONLY_IMPORT,
      ...IMPORT_MEMORY,
    },
  },
  [INITIATIVE]: {
    mainField: 'name',
    defaultSortBy: 'startDate',
    defaultSortOrder: 'DESC',
    list: ['name', 'kind', 'startDate', 'needsReview'],
    edit: [
      [['name', 8], ['kind', 4]],
      [['nameEn', 6], ['location', 6]],
      [['startDate', 4], ['endDate', 4]],
      [['description', 12]],
      [['organisers', 6], ['people', 6]],
      [['amounts', 12]],
      [['mentionedInArticles', 6]],
      [['needsReview', 4], ['reviewReason', 8]],
      [['importKey', 6]],
      [['importedValues', 12]],
    ],
    fields: {
      name: { label: '名称 (name)' },
      kind: { label: '类型 (kind)', description: '捐赠、活动、倡议、培训、出版物、政策、合作' },
      organisers: { label: '主办机构 (organisers)' },
      people: { label: '参与人物 (people)' },
      amounts: { label: '金额 (amounts)' },
      nameEn: { label: '英文名 (English name)' },
      location: { label: '地点 (location)' },
      startDate: { label: '开始日期 (start date)' },
      endDate: { label: '结束日期 (end date)' },
      description: { label: '简介 (description)' },
      mentionedInArticles: { label: '提及它的新闻 (articles)' },
      ...READ_ONLY_IMPORT,
      ...IMPORT_MEMORY,
    },
  },
};

/**
 * Components: the field shown where a component appears in lists and relation pickers, and a label
 * for each field (components have a configuration of their own; without one the admin shows the
 * attribute name, e.g. speakerTitle).
 */
type ComponentView = { mainField: string; fields: Record<string, Field> };

const COMPONENT_VIEWS: Record<string, ComponentView> = {
  'news.source': {
    mainField: 'publisherName',
    fields: {
      publisherName: { label: '发布单位 (publisher name)', description: '原网页署名的发布单位' },
      publisher: { label: '发布机构 (publisher)' },
      url: { label: '原文链接 (URL)' },
      retrievedAt: { label: '抓取时间 (retrieved at)' },
    },
  },
  'news.quote': {
    mainField: 'text',
    fields: {
      text: { label: '引语 (text)' },
      speaker: { label: '说话人 (speaker)' },
      speakerTitle: { label: '说话人职务 (speaker title)', description: '见报时的职务称呼' },
    },
  },
  'people.position': {
    mainField: 'title',
    fields: {
      title: { label: '职务 (title)' },
      organisation: { label: '所在机构 (organisation)' },
      startDate: { label: '任职开始 (start date)' },
      endDate: { label: '任职结束 (end date)' },
      evidence: { label: '依据新闻 (evidence)', description: '记载这一职务的新闻' },
    },
  },
  'shared.money-amount': {
    mainField: 'text',
    fields: {
      value: { label: '数值（元）(value)' },
      currency: { label: '币种 (currency)', description: '例如 CNY' },
      approximate: { label: '约数 (approximate)', description: '原文是“余”“多”“近”等约数时勾选' },
      text: { label: '原文写法 (text)', description: '例如 51万余元' },
    },
  },
  'shared.seo': {
    mainField: 'metaTitle',
    fields: {
      metaTitle: { label: 'SEO 标题 (meta title)' },
      metaDescription: { label: 'SEO 描述 (meta description)' },
      shareImage: { label: '分享图片 (share image)' },
      canonicalUrl: { label: '规范网址 (canonical URL)' },
    },
  },
  'body.paragraph': { mainField: 'text', fields: { text: { label: '段落 (text)' } } },
  'body.subheading': { mainField: 'text', fields: { text: { label: '小标题 (text)' } } },
  'body.photo': {
    mainField: 'caption',
    fields: { image: { label: '图片 (image)' }, caption: { label: '图片说明 (caption)' }, sourceUrl: { label: '图片原址 (source URL)' } },
  },
};

type Metadata = { edit: Record<string, unknown>; list: Record<string, unknown> };
type Configuration = { settings: Record<string, unknown>; metadatas: Record<string, Metadata>; layouts: { list: string[]; edit: Array<Array<{ name: string; size: number }>> } };

/** The stored metadatas with our labels, descriptions and editability laid over them. */
const labelled = (metadatas: Record<string, Metadata>, fields: Record<string, Field>): Record<string, Metadata> =>
  Object.fromEntries(
    Object.entries(metadatas).map(([name, metadata]) => {
      const field = fields[name] ?? {};
      return [
        name,
        {
          edit: { ...metadata.edit, ...(field.label === undefined ? {} : { label: field.label }), ...(field.description === undefined ? {} : { description: field.description }), ...(field.editable === undefined ? {} : { editable: field.editable }) },
          list: { ...metadata.list, ...(field.label === undefined ? {} : { label: field.label }) },
        },
      ];
    })
  );

export const configureContentManager = async (strapi: Core.Strapi): Promise<void> => {
  const store = strapi.store({ type: 'plugin', name: 'newsroom', key: 'content-manager-layout-version' });
  if ((await store.get()) === LAYOUT_VERSION) return;
  const contentTypes = strapi.plugin('content-manager').service('content-types');
  for (const [uid, view] of Object.entries(NEWSROOM_VIEWS)) {
    const contentType = contentTypes.findContentType(uid);
    const current = (await contentTypes.findConfiguration(contentType)) as Configuration;
    await contentTypes.updateConfiguration(contentType, {
      settings: { ...current.settings, mainField: view.mainField, defaultSortBy: view.defaultSortBy, defaultSortOrder: view.defaultSortOrder, pageSize: 20, bulkable: true, filterable: true, searchable: true },
      metadatas: labelled(current.metadatas, view.fields),
      layouts: { list: view.list, edit: view.edit.map((row) => row.map(([name, size]) => ({ name, size }))) },
    });
  }
  const components = strapi.plugin('content-manager').service('components');
  for (const [uid, view] of Object.entries(COMPONENT_VIEWS)) {
    // A component the schema no longer has (the body may move to rich text) has nothing to label.
    if (strapi.components[uid as keyof typeof strapi.components] === undefined) continue;
    const component = components.findComponent(uid);
    const current = (await components.findConfiguration(component)) as Configuration;
    await components.updateConfiguration(component, {
      settings: { ...current.settings, mainField: view.mainField },
      metadatas: labelled(current.metadatas, view.fields),
      layouts: current.layouts,
    });
  }
  await store.set({ value: LAYOUT_VERSION });
};
