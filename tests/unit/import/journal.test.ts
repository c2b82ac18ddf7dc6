import { journalIndex } from '../../../src/import/journal';
import { addName, emptyIndex } from '../../../src/import/resolve';

const memory = { fields: {}, claims: {} };
const organisation = (key: string, name: string) => ({ key, name, kind: 'association', aliases: [], parentKey: null, documentId: `doc-${key}`, published: false, memory });

describe('the index journal', () => {
  test('a rollback restores entries that were replaced, added and deleted since begin', () => {
    const index = emptyIndex();
    index.organisations.set('a', organisation('a', '甲商会'));
    index.articleHashes.set('hash-1', 'article-1');
    addName(index.organisationNames, '甲商会', 'a');
    const journal = journalIndex(index);

    journal.begin();
    index.organisations.set('a', { ...organisation('a', '甲商会'), published: true });
    index.organisations.set('b', organisation('b', '乙协会'));
    index.articleHashes.delete('hash-1');
    addName(index.organisationNames, '甲商会', 'b');
    journal.rollback();

    expect([...index.organisations.keys()]).toEqual(['a']);
    expect(index.organisations.get('a')?.published).toBe(false);
    expect(index.articleHashes.get('hash-1')).toBe('article-1');
    expect(index.organisationNames.get('甲商会')).toEqual(['a']);
  });

  test('a commit keeps the changes, and a later rollback undoes only what came after the next begin', () => {
    const index = emptyIndex();
    const journal = journalIndex(index);
    journal.begin();
    index.persons.set('p', { key: 'p', name: '王伟', positions: [], documentId: 'doc-p', published: false, memory });
    journal.commit();
    journal.begin();
    index.persons.set('q', { key: 'q', name: '李娜', positions: [], documentId: 'doc-q', published: false, memory });
    journal.rollback();
    expect([...index.persons.keys()]).toEqual(['p']);
  });

  test('outside begin and commit nothing is recorded', () => {
    const index = emptyIndex();
    const journal = journalIndex(index);
    index.initiatives.set('i', { key: 'i', name: '助学行动', kind: 'campaign', organiserKeys: [], personKeys: [], amounts: [], documentId: 'doc-i', published: false, memory });
    journal.begin();
    journal.rollback();
    expect(index.initiatives.has('i')).toBe(true);
  });
});

describe('the index journal and the articles’ signatures', () => {
  const signature = (value: number) => new Uint16Array(256).fill(value);

  test('a rollback puts back the signatures a batch added, replaced and removed, in their order', () => {
    const index = emptyIndex();
    index.articleSignatures.add('kept', signature(1));
    index.articleSignatures.add('replaced', signature(1));
    index.articleSignatures.add('removed', signature(1));
    const journal = journalIndex(index);

    journal.begin();
    index.articleSignatures.add('new', signature(1));
    index.articleSignatures.add('replaced', signature(2));
    index.articleSignatures.remove('removed');
    journal.rollback();

    expect(index.articleSignatures.candidates(signature(1))).toEqual(['kept', 'replaced', 'removed']);
    expect(index.articleSignatures.candidates(signature(2))).toEqual([]);
  });
});
