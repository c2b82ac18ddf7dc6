import { namesFrom } from '../../../src/import/changes';
import { fingerprint } from '../../../src/import/keys';
import { emptyIndex, personValues, type KnownPerson } from '../../../src/import/known';
import { freshMemory } from '../../../src/import/memory';
import { planPerson } from '../../../src/import/plan-records';
import type { ResolvedPerson } from '../../../src/import/resolve';

const ARTICLE = { key: 'url:https://news.example.org/a.html', former: [] };
const names = namesFrom(emptyIndex(), { organisations: new Map(), persons: new Map(), initiatives: new Map() });

const person: ResolvedPerson = { key: 'person:韩知远@org:临江青商', name: '韩知远', positions: [], reviewReason: null };

const known = (overrides: Partial<KnownPerson> = {}): KnownPerson => ({
  key: person.key,
  name: '韩知远',
  positions: [],
  documentId: 'doc-person',
  published: true,
  memory: freshMemory(personValues({ name: '韩知远', positions: [] }), { positions: {} }),
  nameEn: null,
  ...overrides,
});

describe("a person's English name from the importer", () => {
  test('a new person gets it, remembered as the importer’s', () => {
    const planned = planPerson(undefined, person, ARTICLE, names);
    expect(planned?.plan.nameEn).toBe('Han Zhiyuan');
    expect(planned?.plan.memory.fields.nameEn).toBe(fingerprint('Han Zhiyuan'));
  });

  test('a person written before the importer made English names, without one, gets it', () => {
    const planned = planPerson(known(), person, ARTICLE, names);
    expect(planned?.plan.action).toBe('update');
    expect(planned?.plan.nameEn).toBe('Han Zhiyuan');
  });

  test("an editor's English name stays, whether or not the importer wrote one before", () => {
    const editorsOnly = planPerson(known({ nameEn: 'Harry Han' }), person, ARTICLE, names);
    expect(editorsOnly?.plan.nameEn).toBeUndefined();
    expect(editorsOnly?.plan.action).toBe('unchanged');
    const written = known({ nameEn: 'Harry Han' });
    written.memory = { ...written.memory, fields: { ...written.memory.fields, nameEn: fingerprint('Han Zhiyuan') } };
    expect(planPerson(written, person, ARTICLE, names)?.plan.nameEn).toBeUndefined();
  });

  test('a person who has the generated name already is left alone', () => {
    const planned = planPerson(known({ nameEn: 'Han Zhiyuan' }), person, ARTICLE, names);
    expect(planned?.plan.action).toBe('unchanged');
    expect(planned?.plan.nameEn).toBeUndefined();
  });
});
