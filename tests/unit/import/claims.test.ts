import { reconcile } from '../../../src/import/claims';

const identity = (key: string) => key;

describe('reconciling the links an article asserts with what is stored', () => {
  test('links the importer made are replaced by what the article asserts now', () => {
    const result = reconcile({ current: ['甲', '乙'], claims: { 甲: ['A'], 乙: ['A'] }, identity, article: 'A', asserted: ['乙', '丙'] });
    expect(result.items).toEqual(['乙', '丙']);
    expect(result.added).toEqual(['丙']);
    expect(result.removed).toEqual(['甲']);
    expect(result.claims).toEqual({ 乙: ['A'], 丙: ['A'] });
  });

  test('a link an editor added stays, and is reported as kept', () => {
    const result = reconcile({ current: ['甲', '编辑加的'], claims: { 甲: ['A'] }, identity, article: 'A', asserted: [] });
    expect(result.items).toEqual(['编辑加的']);
    expect(result.keptEditors).toEqual(['编辑加的']);
    expect(result.claims).toEqual({});
  });

  test('a link an editor removed is not put back while the article still asserts it', () => {
    const result = reconcile({ current: [], claims: { 甲: ['A'] }, identity, article: 'A', asserted: ['甲'] });
    expect(result.items).toEqual([]);
    expect(result.keptRemovals).toEqual(['甲']);
    // Remembered, so the next import does not put it back either.
    expect(result.claims).toEqual({ 甲: ['A'] });
  });

  test('a link another article still asserts stays when this one stops asserting it', () => {
    const result = reconcile({ current: ['会长'], claims: { 会长: ['A', 'B'] }, identity, article: 'A', asserted: [] });
    expect(result.items).toEqual(['会长']);
    expect(result.removed).toEqual([]);
    expect(result.claims).toEqual({ 会长: ['B'] });
  });

  test('the word an article gave under its former key is taken back too', () => {
    const result = reconcile({ current: ['会长'], claims: { 会长: ['text:old'] }, identity, article: 'path:a.txt', formerKeys: ['text:old'], asserted: [] });
    expect(result.items).toEqual([]);
    expect(result.removed).toEqual(['会长']);
  });

  test('a link an editor changed (not in the importer\'s form any more) is the editor\'s: kept, and no longer claimed', () => {
    type Position = { title: string; startDate: string | null };
    const current: Position[] = [{ title: '会长', startDate: '2020-01-01' }];
    const result = reconcile({
      current,
      claims: { 会长: ['A'] },
      identity: (position: Position) => position.title,
      pristine: (position) => position.startDate === null,
      article: 'A',
      asserted: [],
    });
    expect(result.items).toEqual(current);
    expect(result.keptEditors).toEqual(current);
    expect(result.claims).toEqual({});
  });
});
