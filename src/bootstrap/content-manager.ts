import type { Core } from '@strapi/strapi';

/**
 * The content manager as editors see it: list columns, newest first, edit views grouped into
 * content, relations, source & SEO and provenance, import provenance read-only, and Chinese help
 * where it helps. Applied when LAYOUT_VERSION changes, so an administrator's later adjustments in
 * the admin panel survive restarts until the next release changes the layout on purpose.
 */
export const LAYOUT_VERSION = 3;

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
  'api::news-article.news-article': {
    mainField: 'title',
    defaultSortBy: 'publicationDate',
    defaultSortOrder: 'DESC',
    list: ['title', 'publicationDate', 'source', 'needsReview'],
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
      body: { label: '正文 (body)', description: '段落、小标题和图片说明分别是独立的块' },
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
  'api::organisation.organisation': {
    mainField: 'name',
    defaultSortBy: 'name',
    defaultSortOrder: 'ASC',
    list: ['name', 'kind', 'region', 'parent', 'needsReview'],
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
      aliases: { label: '简称/别名 (aliases)', description: 'JSON 数组，例如 ["青商会"]' },
      kind: { label: '类型 (kind)' },
      region: { label: '地区 (region)' },
      parent: { label: '上级机构 (parent)', description: '例如党支部所属的商会' },
      people: { label: '任职人员 (people)', description: '由人物的职务自动生成', editable: false },
      ...READ_ONLY_IMPORT,
      ...IMPORT_MEMORY,
    },
  },
  'api::person.person': {
    mainField: 'name',
    defaultSortBy: 'name',
    defaultSortOrder: 'ASC',
    list: ['name', 'nameEn', 'positions', 'needsReview'],
    edit: [
      [['name', 6], ['nameEn', 6]],
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
      ...READ_ONLY_IMPORT,
      ...IMPORT_MEMORY,
    },
  },
  'api::initiative.initiative': {
    mainField: 'name',
    defaultSortBy: 'startDate',
    defaultSortOrder: 'DESC',
    list: ['name', 'kind', 'startDate', 'organisers', 'needsReview'],
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
      ...READ_ONLY_IMPORT,
      ...IMPORT_MEMORY,
    },
  },
};

/** Components show these fields where they appear in lists and relation pickers. */
const COMPONENT_MAIN_FIELDS: Record<string, string> = {
  'news.source': 'publisherName',
  'news.quote': 'text',
  'people.position': 'title',
  'shared.money-amount': 'text',
  'shared.seo': 'metaTitle',
};

type Metadata = { edit: Record<string, unknown>; list: Record<string, unknown> };
type Configuration = { settings: Record<string, unknown>; metadatas: Record<string, Metadata>; layouts: { list: string[]; edit: Array<Array<{ name: string; size: number }>> } };

export const configureContentManager = async (strapi: Core.Strapi): Promise<void> => {
  const store = strapi.store({ type: 'plugin', name: 'newsroom', key: 'content-manager-layout-version' });
  if ((await store.get()) === LAYOUT_VERSION) return;
  const contentTypes = strapi.plugin('content-manager').service('content-types');
  for (const [uid, view] of Object.entries(NEWSROOM_VIEWS)) {
    const contentType = contentTypes.findContentType(uid);
    const current = (await contentTypes.findConfiguration(contentType)) as Configuration;
    const metadatas = Object.fromEntries(
      Object.entries(current.metadatas).map(([name, metadata]) => {
        const field = view.fields[name] ?? {};
        return [
          name,
          {
            edit: { ...metadata.edit, ...(field.label === undefined ? {} : { label: field.label }), ...(field.description === undefined ? {} : { description: field.description }), ...(field.editable === undefined ? {} : { editable: field.editable }) },
            list: { ...metadata.list, ...(field.label === undefined ? {} : { label: field.label }) },
          },
        ];
      })
    );
    await contentTypes.updateConfiguration(contentType, {
      settings: { ...current.settings, mainField: view.mainField, defaultSortBy: view.defaultSortBy, defaultSortOrder: view.defaultSortOrder, pageSize: 20, bulkable: true, filterable: true, searchable: true },
      metadatas,
      layouts: { list: view.list, edit: view.edit.map((row) => row.map(([name, size]) => ({ name, size }))) },
    });
  }
  const components = strapi.plugin('content-manager').service('components');
  for (const [uid, mainField] of Object.entries(COMPONENT_MAIN_FIELDS)) {
    const component = components.findComponent(uid);
    const current = (await components.findConfiguration(component)) as Configuration;
    await components.updateConfiguration(component, { settings: { ...current.settings, mainField }, metadatas: current.metadatas, layouts: current.layouts });
  }
  await store.set({ value: LAYOUT_VERSION });
};
