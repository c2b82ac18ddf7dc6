import { combinedAliases, combinedMemory, filledFields, repeatedComponents } from '../../../src/merge/fields';
import type { SchemaAttribute } from '../../../src/merge/links';

const ATTRIBUTES: Record<string, SchemaAttribute> = {
  name: { type: 'string' },
  region: { type: 'string' },
  website: { type: 'string' },
  kind: { type: 'enumeration', default: 'other' },
  description: { type: 'richtext' },
  logo: { type: 'media' },
  aliases: { type: 'json' },
  importKey: { type: 'string', private: true },
  needsReview: { type: 'boolean' },
  parent: { type: 'relation', relation: 'manyToOne', target: 'api::organisation.organisation' },
};

describe("the kept record's fields", () => {
  test("the kept record's values win and its empty ones are filled", () => {
    const kept = { name: '某某商会', region: '', website: 'https://kept.example.org', kind: 'other', description: null, logo: null, importKey: 'org:a', needsReview: false };
    const removed = { name: '某商会', region: '某县', website: 'https://removed.example.org', kind: 'chamber_of_commerce', description: '简介', logo: { id: 7 }, importKey: 'org:b', needsReview: true };
    expect(filledFields(ATTRIBUTES, kept, removed)).toEqual({ region: '某县', kind: 'chamber_of_commerce', description: '简介', logo: 7 });
  });

  test('nothing is filled from an empty value', () => {
    expect(filledFields(ATTRIBUTES, { name: 'a', region: null }, { name: 'b', region: '', kind: 'other' })).toEqual({});
  });
});

describe('combined aliases', () => {
  test("the other record's name and aliases join the kept one's, each name once and never the kept name", () => {
    expect(combinedAliases({ name: '某某市青年商会', aliases: ['青商会'] }, { name: '某某青商会', aliases: ['青商会', '某某市青年商会', ' 青 商 会 '] })).toEqual(['青商会', '某某青商会']);
  });

  test('names differing only in width or traditional characters are one', () => {
    expect(combinedAliases({ name: '某某商會', aliases: null }, { name: '某某商会', aliases: ['ＡＢＣ商会', 'abc商会'] })).toEqual(['ＡＢＣ商会']);
  });
});

describe("the importer's memory of the kept record", () => {
  test('claims of both are kept, the kept fingerprints win', () => {
    const kept = { fields: { name: 'k1' }, claims: { positions: { '会长 @ org:a': ['path:a.txt'] } } };
    const removed = { fields: { name: 'r1' }, claims: { positions: { '会长 @ org:a': ['path:b.txt'], '理事 @ org:b': ['path:b.txt'] } } };
    expect(combinedMemory(kept, removed)).toEqual({
      fields: { name: 'k1' },
      claims: { positions: { '会长 @ org:a': ['path:a.txt', 'path:b.txt'], '理事 @ org:b': ['path:b.txt'] } },
    });
  });

  test("a kept record without a memory is the editors' and stays so", () => {
    expect(combinedMemory(null, { fields: {}, claims: {} })).toBeNull();
  });
});

describe('repeated components', () => {
  test('a position repeated with the same title, organisation and dates is found, the first kept', () => {
    const rows = [
      { id: 1, title: '会长', startDate: null, endDate: null, organisation: { id: 10 }, evidence: null },
      { id: 2, title: '董事长', startDate: null, endDate: null, organisation: { id: 11 }, evidence: null },
      { id: 3, title: '会长', startDate: null, endDate: null, organisation: { id: 10 }, evidence: null },
      { id: 4, title: '会长', startDate: '2020-01-01', endDate: null, organisation: { id: 10 }, evidence: null },
      { id: 5, title: '会长', startDate: null, endDate: null, organisation: { id: 12 }, evidence: null },
    ];
    expect(repeatedComponents(rows)).toEqual([3]);
  });
});
