import { emptyIndex, mergedInto, type KnownOrganisation } from '../../../src/import/known';
import { EDITED } from '../../../src/import/memory';

const known = (key: string, name: string): KnownOrganisation => ({ key, name, kind: 'other', aliases: [], parentKey: null, documentId: `doc-${key}`, published: true, memory: EDITED });

describe('keys of records merged away', () => {
  test('a key merged away maps to the record it was merged into', () => {
    const index = emptyIndex();
    index.organisations.set('org:某某商会', known('org:某某商会', '某某商会'));
    index.mergedKeys.set('org:某商会', 'org:某某商会');
    expect(mergedInto(index, 'org:某商会', index.organisations)).toBe('org:某某商会');
  });

  test('a record that holds the key again (made by an editor since) keeps it', () => {
    const index = emptyIndex();
    index.organisations.set('org:某某商会', known('org:某某商会', '某某商会'));
    index.organisations.set('org:某商会', known('org:某商会', '某商会'));
    index.mergedKeys.set('org:某商会', 'org:某某商会');
    expect(mergedInto(index, 'org:某商会', index.organisations)).toBe('org:某商会');
  });

  test('a key merged into a record since deleted is its own again', () => {
    const index = emptyIndex();
    index.mergedKeys.set('org:某商会', 'org:某某商会');
    expect(mergedInto(index, 'org:某商会', index.organisations)).toBe('org:某商会');
    expect(mergedInto(index, 'org:其他', index.organisations)).toBe('org:其他');
  });
});
