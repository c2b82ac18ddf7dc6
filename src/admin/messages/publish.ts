/**
 * What the admin's publish confirmations say. Publishing an article also publishes the drafts it
 * links to (src/documents/publish-links.ts), so Strapi's own wording ("will not be included", "will
 * appear once those entries are published") would tell the editor the opposite of what happens.
 * Strapi counts a draft behind a single link (a quote's speaker, the publisher) apart from the drafts
 * an article mentions (many-to-many); the dialog shows the first count, then the second.
 */
export const publishMessages = {
  en: {
    'content-manager.popUpWarning.warning.has-draft-relations.message':
      'This entry links to {count, plural, one {# draft} other {# drafts}} (a speaker, the publisher). {count, plural, one {It is} other {They are}} published together with this entry, parents first, so every link shows on the live site.',
    'content-manager.popUpWarning.warning.has-draft-m2m-relations.message':
      'This entry mentions {count, plural, one {# person, organisation or initiative that is} other {# persons, organisations or initiatives that are}} still in draft. {count, plural, one {It is} other {They are}} published together with this entry, parents first, so every link shows on the live site.',
    'content-manager.popUpWarning.warning.has-draft-m2m-relations.additional':
      '{count, plural, one {# mentioned entry is} other {# mentioned entries are}} in draft too and published with it.',
    'content-manager.popUpwarning.warning.has-draft-relations.button-confirm': 'Publish with the linked drafts',
    'content-manager.popUpwarning.warning.bulk-has-draft-relations.message':
      '<b>{count, plural, one {# linked draft} other {# linked drafts}}</b> of {entities, plural, one {# entry} other {# entries}} will be published together with them, parents first. ',
  },
  'zh-Hans': {
    'content-manager.popUpWarning.warning.has-draft-relations.message':
      '本条目关联的 {count} 条记录（讲话人、发布单位等）仍是草稿，将与本条目一同发布（上级机构先发布），发布后所有关联都会在网站上显示。',
    'content-manager.popUpWarning.warning.has-draft-m2m-relations.message':
      '本条目提及的 {count} 条人物、机构或活动仍是草稿，将与本条目一同发布（上级机构先发布），发布后所有关联都会在网站上显示。',
    'content-manager.popUpWarning.warning.has-draft-m2m-relations.additional': '另有提及的 {count} 条人物、机构或活动仍是草稿，也将一同发布。',
    'content-manager.popUpWarning.warning.publish-question': '确定发布吗？',
    'content-manager.popUpwarning.warning.has-draft-relations.button-confirm': '连同关联记录一起发布',
    'content-manager.popUpwarning.warning.bulk-has-draft-relations.message':
      '所选 {entities} 个条目关联的 <b>{count} 条记录</b>仍是草稿，将与这些条目一同发布（上级机构先发布）。',
  },
};
