import { learn } from '../../../src/import/known';
import { articleFields, fingerprints, plan, type StoredArticle } from '../../../src/import/plan';
import { emptyIndex, resolve, type AnalysedDocument } from '../../../src/import/resolve';
import type { Extraction } from '../../../src/import/types';

const CHAMBER = { name: '临江市青年企业家商会', kind: 'chamber_of_commerce' as const, aliases: [], parent: null };
const ASSOCIATION = { name: '临江市女企业家协会', kind: 'association' as const, aliases: [], parent: null };

const page = (found: Partial<Extraction>): AnalysedDocument => ({
  file: 'a.html',
  parsed: {
    file: 'a.html',
    title: '商会召开会员大会',
    date: '2024-03-18',
    source: null,
    url: 'https://example.org/a.html',
    reporter: null,
    correspondent: null,
    editor: null,
    blocks: [{ type: 'paragraph', text: '临江市青年企业家商会召开会员大会，会长韩知远主持。' }],
    warnings: [],
  },
  extraction: { persons: [], organisations: [], initiatives: [], amounts: [], quotes: [], uncertain: [], warnings: [], ...found },
  rawText: 'raw',
  contentHash: `hash-${JSON.stringify(found).length}`,
  removed: [],
  warnings: [],
});

const OLD_READING = page({ organisations: [CHAMBER], persons: [{ name: '韩知远', positions: [{ title: '会长', organisation: CHAMBER.name }] }] });
const NEW_READING = page({ organisations: [ASSOCIATION], persons: [{ name: '韩知远', positions: [{ title: '会长', organisation: ASSOCIATION.name }] }] });

/** Imports the old reading into an index, and returns the article as it would be stored, with an editor's changes applied. */
const importedOnce = (edit: (fields: ReturnType<typeof articleFields>) => void = () => undefined) => {
  const index = emptyIndex();
  const first = plan(resolve(OLD_READING, index), index, null);
  learn(index, first, new Map(), false);
  const fields = articleFields(resolve(OLD_READING, emptyIndex()).article);
  const imported = { importedValues: fingerprints(fields), importedLinks: first.article.importedLinks };
  edit(fields);
  const stored: StoredArticle = { documentId: 'doc-a', fields, ...imported, rawText: 'raw' };
  return { index, stored };
};

describe('a page read again under new rules', () => {
  test('a person the new rules tie to another organisation becomes one person with the new position; the old record loses its position and is a candidate orphan', () => {
    const { index, stored } = importedOnce();
    const again = plan(resolve(NEW_READING, index), index, stored);
    const created = again.persons.filter((person) => person.action === 'create');
    expect(created.map((person) => [person.name, person.positions.map((position) => position.title)])).toEqual([['韩知远', ['会长']]]);
    expect(created[0].positions[0].organisationKey).toBe('org:临江市女企业家协会');
    const old = again.persons.find((person) => person.key === 'person:韩知远@org:临江市青年企业家商会');
    expect(old).toMatchObject({ action: 'update', positions: [] });
    expect(again.orphanCandidates.persons).toContain('person:韩知远@org:临江市青年企业家商会');
    expect(again.orphanCandidates.organisations).toContain('org:临江市青年企业家商会');
    expect(again.article.fields.mentionedPersons).toEqual(['person:韩知远@org:临江市女企业家协会']);
    // A namesake the page itself named before is not a different person to warn about.
    expect(again.article.reviewReasons.join()).not.toMatch(/同名人物/);
  });

  test('the plan says what it adds, removes and changes', () => {
    const { index, stored } = importedOnce();
    const again = plan(resolve(NEW_READING, index), index, stored);
    expect(again.changes.changed).toEqual(
      expect.arrayContaining([
        'person 韩知远 (临江市青年企业家商会) → person 韩知远 (临江市女企业家协会)',
        'position 韩知远: 会长 @ 临江市青年企业家商会 → position 韩知远: 会长 @ 临江市女企业家协会',
      ])
    );
    expect(again.changes.added).toEqual(['organisation 临江市女企业家协会']);
    expect(again.changes.removed).toEqual(['organisation 临江市青年企业家商会']);
  });

  test('a person an editor linked to the article stays linked, and the plan says it kept it', () => {
    const { index, stored } = importedOnce((fields) => {
      fields.mentionedPersons = [...fields.mentionedPersons, 'person:周明澜@org:编辑添加'].sort();
    });
    const again = plan(resolve(NEW_READING, index), index, stored);
    expect(again.article.fields.mentionedPersons).toEqual(['person:周明澜@org:编辑添加', 'person:韩知远@org:临江市女企业家协会']);
    expect(again.changes.kept.join()).toMatch(/周明澜/);
    expect(again.article.keptEditorChanges).toContain('mentionedPersons');
  });

  test('the same reading again changes nothing', () => {
    const { index, stored } = importedOnce();
    const again = plan(resolve(OLD_READING, index), index, stored);
    expect(again.article.action).toBe('unchanged');
    expect(again.persons.every((person) => person.action === 'unchanged')).toBe(true);
    expect(again.changes).toEqual({ added: [], removed: [], changed: [], kept: [] });
    expect(again.orphanCandidates).toEqual({ organisations: [], persons: [], initiatives: [] });
  });
});
