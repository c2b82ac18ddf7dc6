import type { Holding } from './appositions';
import type { PageContext, Span } from './context';
import { readName } from './names';

/**
 * Rosters: a heading that names a body's members (理事会成员, 监事会成员名单) over a line of names
 * separated by 、 gives each of them the members' title (理事, 监事) at the page's own association.
 * Election results print the council this way, without a title before each name.
 */

/** The council a heading names, and the title its members hold. */
const ROSTER_HEADING = /(常务理事会|理事会|监事会|执行委员会|执委会|常委会)(?:成员|组成人员)?(?:名单)?(?:（[^（）]*）)?[：]?$/;
const MEMBER_TITLE: Record<string, string> = { 常务理事会: '常务理事', 理事会: '理事', 监事会: '监事', 执行委员会: '执委', 执委会: '执委', 常委会: '常委' };

/** At least this many names make a roster: two could be anything. */
const FEWEST = 3;

type Line = { start: number; end: number };

const linesOf = (text: string): Line[] => {
  const lines: Line[] = [];
  let start = 0;
  for (let index = 0; index <= text.length; index += 1) {
    if (index === text.length || text[index] === '\n') {
      lines.push({ start, end: index });
      start = index + 1;
    }
  }
  return lines;
};

/** The names of a line made only of names and 、 (notes such as （女） allowed), or null. */
const namesOfLine = (text: string, line: Line): Array<{ name: string; span: Span }> | null => {
  const names: Array<{ name: string; span: Span }> = [];
  let index = line.start;
  while (index < line.end) {
    const name = readName(text, index, line.end);
    if (name === null) return null;
    names.push({ name: name.name, span: { start: name.start, end: name.end } });
    index = name.end;
    const note = text.slice(index, line.end).match(/^（[^（）]{1,8}）/);
    if (note !== null) index += note[0].length;
    if (index < line.end && !/[、，\s]/.test(text[index])) return null;
    index += 1;
  }
  return names.length >= FEWEST ? names : null;
};

export const readRosters = (context: PageContext): { holdings: Holding[]; names: Array<{ name: string; span: Span }> } => {
  const { text } = context;
  const holdings: Holding[] = [];
  const names: Array<{ name: string; span: Span }> = [];
  const lines = linesOf(text).filter((line) => line.end > line.start);
  lines.forEach((line, index) => {
    const heading = text.slice(line.start, line.end).replace(/^[一二三四五六七八九十\d]+[、.．]\s*/, '').match(ROSTER_HEADING);
    const next = lines[index + 1];
    if (heading === null || next === undefined || heading.index !== 0) return;
    const members = namesOfLine(text, next);
    if (members === null) return;
    const sentence = context.sentences.find((candidate) => candidate.start <= next.start && next.start < candidate.end)?.index ?? 0;
    for (const member of members) holdings.push({ person: member.name, personSpan: member.span, title: MEMBER_TITLE[heading[1]], holder: { kind: 'page-own' }, sentence });
    names.push(...members);
  });
  return { holdings, names };
};
