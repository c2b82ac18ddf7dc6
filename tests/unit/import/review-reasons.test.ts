import { analyse, MISSING_DATE_REASON, TRUNCATED_PAGE_REASON } from '../../../src/import/analyse';
import { emptyIndex, resolve, type AnalysedDocument } from '../../../src/import/resolve';
import { plan } from '../../../src/import/plan';
import { writtenRecords } from '../../../src/import/report';

const analysed = (file: string, text: string): AnalysedDocument => {
  const result = analyse({ file, bytes: Buffer.from(text) });
  if (!result.ok) throw new Error(result.problem.message);
  return result.value;
};

const html = (info: string, paragraphs: string[]): string =>
  `<html><head><meta charset="utf-8"><title>青禾市总商会召开会员大会</title></head><body><h1>青禾市总商会召开会员大会</h1><div class="info">${info}</div>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</body></html>`;

const DATED = '来源：青禾日报　日期：2025-03-01';
const STORY = ['3月1日，青禾市总商会召开会员大会。', '青禾市总商会会长张三主持会议。'];

describe('what the importer flags for review on the page as a whole', () => {
  test('a page that prints no date is flagged, a dated one is not', () => {
    expect(resolve(analysed('undated.html', html('来源：青禾日报', STORY)), emptyIndex()).article.reviewReasons).toContain(`${MISSING_DATE_REASON}：请按原网页填写发布日期`);
    expect(resolve(analysed('dated.html', html(DATED, STORY)), emptyIndex()).article.reviewReasons.some((reason) => reason.startsWith(MISSING_DATE_REASON))).toBe(false);
  });

  test('a page whose text stops mid-sentence is flagged with its last words', () => {
    const reasons = resolve(analysed('cut.html', html(DATED, [...STORY, '会议还讨论了明年的工作计划，并决定继续组织会员企业开展'])), emptyIndex()).article.reviewReasons;
    expect(reasons).toContain(`${TRUNCATED_PAGE_REASON}：正文结尾「…划，并决定继续组织会员企业开展」，请对照原网页补全`);
  });
});

describe('the publisher of an imported article', () => {
  test('a publisher the page names only as its site (og:site_name) becomes the source\'s organisation, not a mention', () => {
    const page = `<html><head><meta charset="utf-8"><meta property="og:site_name" content="江北时报"><title>青禾市总商会召开会员大会</title></head><body><h1>青禾市总商会召开会员大会</h1><div class="info">日期：2025-03-01</div>${STORY.map((p) => `<p>${p}</p>`).join('')}</body></html>`;
    const doc = resolve(analysed('site.html', page), emptyIndex());
    expect(doc.article.source).toBe('江北时报');
    expect(doc.article.sourceOrganisationKey).toBe('org:江北时报');
    expect(doc.organisations.find((organisation) => organisation.key === 'org:江北时报')).toMatchObject({ name: '江北时报', kind: 'media' });
    expect(doc.article.organisationKeys).not.toContain('org:江北时报');
  });

  test('a credit that does not (a site\'s nickname) stays as printed only', () => {
    const doc = resolve(analysed('nickname.html', html('来源：青禾天下　日期：2025-03-01', STORY)), emptyIndex());
    expect(doc.article.source).toBe('青禾天下');
    expect(doc.article.sourceOrganisationKey).toBeNull();
  });
});

describe('the records a written page reports', () => {
  test('the article first, then its persons and organisations, each with the documentId it was written under', () => {
    const doc = resolve(analysed('dated.html', html(DATED, STORY)), emptyIndex());
    const documentPlan = plan(doc, emptyIndex(), null);
    const written = new Map([[documentPlan.article.key, 'a1'], ...documentPlan.persons.map((person, index): [string, string] => [person.key, `p${index}`]), ...documentPlan.organisations.map((organisation, index): [string, string] => [organisation.key, `o${index}`])]);
    const records = writtenRecords(documentPlan, written);
    expect(records[0]).toEqual({ type: 'articles', name: '青禾市总商会召开会员大会', documentId: 'a1', action: 'create' });
    expect(records.filter((record) => record.type === 'persons').map((record) => record.name)).toEqual(['张三']);
    expect(records.filter((record) => record.type === 'organisations').map((record) => record.name)).toEqual(expect.arrayContaining(['青禾市总商会', '青禾日报']));
  });
});
