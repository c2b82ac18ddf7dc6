import type { Span } from '../../../src/import/extraction/context';
import { findOrganisationMentions } from '../../../src/import/extraction/organisation-mentions';
import { buildContext } from '../../../src/import/extraction/page-context';
import { buildDirectory, resolveHolder, type Directory } from '../../../src/import/extraction/references';
import type { ParsedPage } from '../../../src/import/types';
import { parsedPage } from '../../helpers/parsed-page';

const page = (source: string | null, paragraphs: string[]): ParsedPage => ({ ...parsedPage(...paragraphs), source });

type Built = { directory: Directory; at: (text: string) => number };

/** The directory of a page whose organisations the finder found, plus holders the grammar printed. */
const directoryOf = (paragraphs: string[], source: string | null = null, holders: Array<{ name: string; span: Span }> = []): Built => {
  const context = buildContext(page(source, paragraphs));
  return { directory: buildDirectory(context, findOrganisationMentions(context), holders), at: (text) => context.text.indexOf(text) };
};

describe('short forms', () => {
  test('a bare ending stands for the one fuller name the page prints with it', () => {
    const { directory, at } = directoryOf(['海川市青年企业家商会召开年会。', '商会秘书长王芳主持会议。']);
    expect(directory.resolve('商会', at('商会秘书长'))).toBe('海川市青年企业家商会');
  });

  test('a level and an ending stand for the fuller name of that level', () => {
    const { directory } = directoryOf(['青岚县工商联召开会议。县工商联党组书记张丽主持。']);
    expect(directory.resolve('县工商联', 0)).toBe('青岚县工商联');
    expect([...directory.records.values()].map((record) => [record.name, [...record.aliases]])).toEqual([['青岚县工商联', ['县工商联']]]);
  });

  test('the level tells two fuller names apart', () => {
    const { directory } = directoryOf(['青岚县工商联和云州市工商联联合举办活动。县工商联主席张丽主持。']);
    expect(directory.resolve('县工商联', 0)).toBe('青岚县工商联');
    expect(directory.doubts).toEqual([]);
  });

  test('a name printed with its bracketed second name is one organisation with its shorter printings', () => {
    const { directory } = directoryOf(['青岚县工商联（总商会）召开会议。县工商联主席张丽主持，青岚县工商联副主席李强出席。']);
    expect(directory.resolve('县工商联', 0)).toBe('青岚县工商联（总商会）');
    expect(directory.resolve('青岚县工商联', 0)).toBe('青岚县工商联（总商会）');
    const [record] = [...directory.records.values()];
    expect([record.name, [...record.aliases].sort(), record.mentions]).toEqual(['青岚县工商联（总商会）', ['县工商联', '青岚县工商联'].sort(), 3]);
  });

  test('a short form that could mean two organisations is left as printed and reported', () => {
    const { directory } = directoryOf(['海川市青年企业家商会与云州市女企业家商会联合举办活动。商会秘书长王芳主持。']);
    expect(directory.resolve('商会', 0)).toBe('商会');
    expect(directory.doubts).toHaveLength(1);
    expect(directory.doubts[0]).toContain('「商会」');
    expect(directory.doubts[0]).toContain('海川市青年企业家商会');
    expect(directory.doubts[0]).toContain('云州市女企业家商会');
  });

  test('a bare ending goes to the fuller name the page speaks of most', () => {
    const { directory } = directoryOf([
      '海川市青年企业家商会召开年会。海川市青年企业家商会会长张伟讲话，云州市女企业家商会会长李强出席。商会秘书长王芳主持。',
    ]);
    expect(directory.resolve('商会', 0)).toBe('海川市青年企业家商会');
    expect(directory.doubts).toEqual([]);
  });

  test('a bare ending the page never printed alone is the page’s own association', () => {
    const { directory } = directoryOf(['海川市青年企业家商会召开年会。海川市青年企业家商会会长张伟讲话，云州市工商联副主席李强出席。']);
    expect(directory.resolve('商会', 0)).toBe('海川市青年企业家商会');
  });

  test('a full name stands for itself', () => {
    const { directory } = directoryOf(['云州市工商联走访云州远航科技有限公司。']);
    expect(directory.resolve('云州远航科技有限公司', 0)).toBe('云州远航科技有限公司');
  });

  test('a bare ending alone is not kept as an organisation; a name is', () => {
    const { directory } = directoryOf(['海川市青年企业家商会召开年会。']);
    expect(directory.keep('商会')).toBe(false);
    expect(directory.keep('该会')).toBe(false);
    expect(directory.keep('海川市青年企业家商会')).toBe(true);
  });
});

describe('the page’s own association', () => {
  test('the association the page names most is its own', () => {
    const { directory } = directoryOf(['海川市青年企业家商会召开年会。海川市青年企业家商会会长张伟讲话，云州市工商联副主席李强出席。']);
    expect(directory.own).toBe('海川市青年企业家商会');
    expect(resolveHolder(directory, { kind: 'page-own' })).toBe('海川市青年企业家商会');
  });

  test('two associations named as often give no own association', () => {
    const { directory } = directoryOf(['海川市青年企业家商会与云州市女企业家协会召开联席会议。']);
    expect(directory.own).toBeNull();
    expect(resolveHolder(directory, { kind: 'page-own' })).toBeNull();
  });

  test('a company named more often is not the page’s own association', () => {
    const { directory } = directoryOf(['云州远航科技有限公司举办开放日。云州远航科技有限公司接待了海川市青年企业家商会的会员。']);
    expect(directory.own).toBe('海川市青年企业家商会');
  });
});

describe('我会 and 本会', () => {
  test('我会 and 本会 are the publisher when the page says who publishes it', () => {
    const { directory } = directoryOf(['我会组织会员参加海川市青年企业家商会年会。'], '云州市工商联');
    expect(directory.resolve('我会', 0)).toBe('云州市工商联');
    expect(directory.resolve('本会', 0)).toBe('云州市工商联');
  });

  test('with no publisher, 我会 is the association the page speaks of', () => {
    const { directory } = directoryOf(['海川市青年企业家商会召开年会。海川市青年企业家商会会长张伟讲话。我会将继续努力。']);
    expect(directory.resolve('我会', 0)).toBe('海川市青年企业家商会');
  });

  test('with no publisher, 我会 beside that association in one sentence is another body and stays unresolved', () => {
    const { directory } = directoryOf(['海川市青年企业家商会召开年会。我会会员参加了海川市青年企业家商会的活动。']);
    expect(directory.resolve('我会', 0)).toBe('我会');
  });

  test('with no publisher and no association standing out, 我会 stays unresolved', () => {
    const { directory } = directoryOf(['我会召开会议。本会会员参加。']);
    expect(directory.resolve('我会', 0)).toBe('我会');
  });

  test('我会 is never recorded as an organisation of its own', () => {
    const { directory } = directoryOf(['我会召开会议，海川市青年企业家商会会员参加。'], '云州市工商联');
    expect([...directory.records.keys()]).toEqual(['海川市青年企业家商会']);
  });
});

describe('该会', () => {
  test('该会 is the nearest organisation named before it', () => {
    const { directory, at } = directoryOf(['海川市青年企业家商会走访云州市女企业家协会，该会会长张伟接待。青岚县商会也参加。']);
    expect(directory.resolve('该会', at('该会'))).toBe('云州市女企业家协会');
  });

  test('the nearest before, not the nearest anywhere', () => {
    const { directory, at } = directoryOf(['云州市女企业家协会走访海川市青年企业家商会，该会会长张伟接待。']);
    expect(directory.resolve('该会', at('该会'))).toBe('海川市青年企业家商会');
  });

  test('该协会 is the nearest before whose name ends in 协会', () => {
    const { directory, at } = directoryOf(['云州市女企业家协会与海川市青年企业家商会召开联席会议，该协会会长李强出席。']);
    expect(directory.resolve('该协会', at('该协会'))).toBe('云州市女企业家协会');
  });

  test('该会 with nothing named before it stands for nothing', () => {
    const { directory } = directoryOf(['该会会长李强出席。']);
    expect(directory.resolve('该会', 0)).toBeNull();
  });
});

describe('holders', () => {
  test('a holder the grammar printed is a mention; one where the finder found it is counted once', () => {
    const { directory, at } = directoryOf(['近日，海川市青年企业家商会召开会议。'], null, [
      { name: '海川市青年企业家商会', span: { start: 3, end: 13 } },
      { name: '云州市工商联', span: { start: 50, end: 56 } },
    ]);
    expect(at('海川市')).toBe(3);
    expect([...directory.records.values()].map((record) => [record.name, record.mentions])).toEqual([
      ['海川市青年企业家商会', 1],
      ['云州市工商联', 1],
    ]);
  });

  test('the nearest organisation before a list of members, a party branch standing for its body', () => {
    const { directory, at } = directoryOf(['海川市青年企业家商会党支部召开会议，张伟、李强等党员参加。']);
    expect(resolveHolder(directory, { kind: 'nearest', floor: 0, before: at('张伟') })).toBe('海川市青年企业家商会');
  });

  test('a printed holder resolves as its name does', () => {
    const { directory } = directoryOf(['青岚县工商联召开会议。县工商联主席张丽主持。']);
    expect(resolveHolder(directory, { kind: 'printed', name: '县工商联', span: { start: 11, end: 15 } })).toBe('青岚县工商联');
  });

  test('no holder stands for no organisation', () => {
    const { directory } = directoryOf(['青岚县工商联召开会议。']);
    expect(resolveHolder(directory, { kind: 'none' })).toBeNull();
  });
});

describe('what the page did not print in full', () => {
  test('a newspaper or a government site that prints the page is not who 我会 stands for', () => {
    const { directory, at } = directoryOf(['海川市青年企业家商会召开年会，海川市青年企业家商会会长张伟致辞。', '我会副会长李强作报告。'], '云州日报');
    expect(directory.resolve('我会', at('我会'))).toBe('海川市青年企业家商会');
  });

  test('县政府, composed for a bare 县长, is the county government the page names in full', () => {
    const { directory } = directoryOf(['青岚县人民政府与云州市商会签约。县长刘建国出席。']);
    expect(resolveHolder(directory, { kind: 'government', level: '县' })).toBe('青岚县人民政府');
  });
});
