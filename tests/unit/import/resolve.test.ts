import { emptyIndex, isDistinctiveAlias, remember, resolve, type AnalysedDocument } from '../../../src/import/resolve';
import type { Extraction, ParsedPage } from '../../../src/import/types';

const parsed = (title: string, url: string | null = null): ParsedPage => ({
  file: `${title}.txt`,
  title,
  date: '2021-03-15',
  source: '海川商会网',
  url,
  reporter: null,
  correspondent: null,
  editor: null,
  blocks: [{ type: 'paragraph', text: `${title}的正文。` }],
  warnings: [],
});

const extraction = (overrides: Partial<Extraction>): Extraction => ({
  persons: [],
  organisations: [],
  initiatives: [],
  amounts: [],
  quotes: [],
  uncertain: [],
  warnings: [],
  ...overrides,
});

const analysed = (title: string, found: Partial<Extraction>, url: string | null = null): AnalysedDocument => ({
  file: `${title}.txt`,
  parsed: parsed(title, url),
  extraction: extraction(found),
  rawText: title,
  contentHash: `hash-${title}`,
  removed: [],
  warnings: [],
});

const chamber = { name: '海川市青年企业家商会', kind: 'chamber_of_commerce' as const, aliases: ['青商会'], parent: null };
const company = { name: '海川远航科技有限公司', kind: 'company' as const, aliases: ['远航科技'], parent: null };
const otherChamber = { name: '云州市总商会', kind: 'chamber_of_commerce' as const, aliases: [], parent: null };

describe('resolve', () => {
  test('keys an article by its canonical URL when the page gives one, ignoring the fragment', () => {
    const withUrl = resolve(analysed('甲', {}, 'https://example.org/a.html#top'), emptyIndex());
    expect(withUrl.article.key).toBe('url:https://example.org/a.html');
  });

  test('keys an article without a URL by the path it was imported from', () => {
    const first = resolve(analysed('乙', {}), emptyIndex(), { relativePath: 'news/b.txt', url: null }).article;
    expect(first.key).toBe('path:news/b.txt');
    expect(first.match?.rule).toBe('new');
  });

  test('the same person at the same organisation in two documents is one record', () => {
    const index = emptyIndex();
    const person = { name: '林若溪', positions: [{ title: '会长', organisation: chamber.name }] };
    const first = resolve(analysed('一', { organisations: [chamber], persons: [person] }), index);
    remember(index, first, new Map(), false);
    const second = resolve(
      analysed('二', { organisations: [chamber, company], persons: [{ name: '林若溪', positions: [{ title: '董事长', organisation: company.name }, { title: '会长', organisation: chamber.name }] }] }),
      index
    );
    expect(second.persons[0].key).toBe(first.persons[0].key);
    expect(second.persons[0].reviewReason).toBeNull();
  });

  test('namesakes at different organisations are not merged, and are flagged for review', () => {
    const index = emptyIndex();
    const first = resolve(analysed('一', { organisations: [chamber], persons: [{ name: '王伟', positions: [{ title: '会长', organisation: chamber.name }] }] }), index);
    remember(index, first, new Map(), false);
    const second = resolve(analysed('二', { organisations: [otherChamber], persons: [{ name: '王伟', positions: [{ title: '秘书长', organisation: otherChamber.name }] }] }), index);
    expect(second.persons[0].key).not.toBe(first.persons[0].key);
    expect(second.persons[0].reviewReason).toMatch(/王伟/);
    expect(second.article.reviewReasons.join()).toMatch(/王伟/);
  });

  test('a person without any organisation is never merged with a namesake from another article', () => {
    const index = emptyIndex();
    const first = resolve(analysed('一', { persons: [{ name: '李娜', positions: [] }] }), index);
    remember(index, first, new Map(), false);
    const second = resolve(analysed('二', { persons: [{ name: '李娜', positions: [] }] }), index);
    expect(second.persons[0].key).not.toBe(first.persons[0].key);
    expect(resolve(analysed('一', { persons: [{ name: '李娜', positions: [] }] }), index).persons[0].key).toBe(first.persons[0].key);
  });

  test('an organisation printed by a distinctive alias in another document is the known one', () => {
    const index = emptyIndex();
    remember(index, resolve(analysed('一', { organisations: [company] }), index), new Map(), false);
    const second = resolve(analysed('二', { organisations: [{ name: '远航科技', kind: 'company', aliases: [], parent: null }] }), index);
    expect(second.organisations[0].key).toBe('org:海川远航科技有限公司');
  });

  test('a generic short form is never used to match across documents', () => {
    expect(isDistinctiveAlias('协会')).toBe(false);
    expect(isDistinctiveAlias('县工商联')).toBe(false);
    expect(isDistinctiveAlias('远航科技')).toBe(true);
  });

  test('positions, quotes and initiatives point at the resolved keys', () => {
    const doc = resolve(
      analysed('一', {
        organisations: [chamber, { name: '海川市青年企业家商会党支部', kind: 'party_organisation', aliases: [], parent: chamber.name }],
        persons: [{ name: '林若溪', positions: [{ title: '会长', organisation: '青商会' }] }],
        initiatives: [{ name: '青商助学行动', kind: 'donation', organisers: [chamber.name], people: ['林若溪'], amounts: [] }],
        quotes: [{ speaker: '林若溪', speakerTitle: '会长', text: '助学是责任。' }],
      }),
      emptyIndex()
    );
    const chamberKey = 'org:海川市青年企业家商会';
    expect(doc.persons[0].positions).toEqual([{ title: '会长', organisationKey: chamberKey }]);
    expect(doc.organisations[1].parentKey).toBe(chamberKey);
    expect(doc.initiatives[0].organiserKeys).toEqual([chamberKey]);
    expect(doc.initiatives[0].personKeys).toEqual([doc.persons[0].key]);
    expect(doc.initiatives[0].key).toMatch(/^initiative:donation:/);
    expect(doc.article.quotes[0].speakerKey).toBe(doc.persons[0].key);
  });
});
