import { isOrganisationName, kindOf, openerAt, partyBody, skipOpeners, suffixOf } from '../../../src/import/extraction/organisation-names';

describe('isOrganisationName', () => {
  test.each([
    ['海川市青年企业家商会'],
    ['云州市工商联'],
    ['青岚县总商会'],
    ['云州市女企业家协会'],
    ['云州市慈善总会'],
    ['云州远航科技有限公司'],
    ['海川远航集团'],
    ['青岚县人民医院'],
    ['海川大学'],
    ['云州晚报'],
    ['云州市民政局'],
    ['市委统战部'],
    ['青岚县委'],
  ])('%s is a name', (name) => {
    expect(isOrganisationName(name)).toBe(true);
  });

  test.each([['县工商联'], ['区政府'], ['市政协'], ['县委'], ['统战部'], ['工商联'], ['商会']])(
    'the short form %s is a name: the page’s place completes it',
    (name) => {
      expect(isOrganisationName(name)).toBe(true);
    }
  );

  test('a bracketed second name counts as part of the name', () => {
    expect(isOrganisationName('青岚县工商联（总商会）')).toBe(true);
    expect(isOrganisationName('海川银行（云州）分行')).toBe(true);
  });

  test('brackets must pair', () => {
    expect(isOrganisationName('有限公司）')).toBe(false);
    expect(isOrganisationName('海川（云州分行')).toBe(false);
  });

  test.each([['委'], ['公司'], ['市公司'], ['县有限公司']])('an ending without enough name before it is no name: %s', (name) => {
    expect(isOrganisationName(name)).toBe(false);
  });

  test.each([['该商会'], ['本会'], ['各级工商联'], ['全市商会'], ['相关部门'], ['云州市相关学院'], ['新一届理事会']])(
    'a description is no name: %s',
    (name) => {
      expect(isOrganisationName(name)).toBe(false);
    }
  );

  test.each([['兄弟商会'], ['异地商会'], ['中医医院'], ['会员企业'], ['民营企业'], ['企业家']])('a generic kind of body is no name: %s', (name) => {
    expect(isOrganisationName(name)).toBe(false);
  });

  test.each([['大局'], ['干部'], ['全部'], ['信心']])('an ordinary word that ends like an organisation is no name: %s', (name) => {
    expect(isOrganisationName(name)).toBe(false);
  });

  test.each([['副会长'], ['秘书长'], ['商会会长']])('a title, or a name with a title after it, is no name: %s', (name) => {
    expect(isOrganisationName(name)).toBe(false);
  });

  test('a clause is no name', () => {
    expect(isOrganisationName('海川市青年企业家商会召开会员大会')).toBe(false);
    expect(isOrganisationName('海川市，商会')).toBe(false);
  });
});

describe('kinds', () => {
  test.each([
    ['海川市青年企业家商会', 'chamber_of_commerce'],
    ['青岚县工商联（总商会）', 'federation_of_industry_and_commerce'],
    ['云州市女企业家协会', 'association'],
    ['云州市慈善总会', 'ngo'],
    ['云州远航科技有限公司', 'company'],
    ['云州市民政局', 'government_body'],
    ['青岚县委', 'party_organisation'],
    ['青岚县人民医院', 'hospital'],
    ['海川大学', 'university'],
    ['云州晚报', 'media'],
  ])('%s is of kind %s', (name, kind) => {
    expect(kindOf(name)).toBe(kind);
  });

  test('the longest known ending decides', () => {
    expect(suffixOf('云州远航科技有限公司')?.suffix).toBe('有限公司');
    expect(suffixOf('云州市慈善总会')?.suffix).toBe('慈善总会');
    expect(suffixOf('海川市青年企业家')).toBeNull();
  });
});

describe('clause openers', () => {
  test.each([
    ['会议由海川市青年企业家商会主办', '海川市青年企业家商会主办'],
    ['由云州市工商联主办', '云州市工商联主办'],
    ['会上海川市商会会长讲话', '海川市商会会长讲话'],
    ['在青岚县工商联指导下', '青岚县工商联指导下'],
    ['随后由云州市商会介绍', '云州市商会介绍'],
    ['原青岚县工商联主席', '青岚县工商联主席'],
  ])('openers before a name are skipped: %s → %s', (text, rest) => {
    expect(text.slice(skipOpeners(text, 0, text.length))).toBe(rest);
  });

  test.each([['和田县工商联'], ['将乐县商会'], ['原平市工商联']])('a place that starts like an opener is kept: %s', (text) => {
    expect(openerAt(text, 0)).toBeNull();
    expect(skipOpeners(text, 0, text.length)).toBe(0);
  });

  test('an opener is not skipped past the end of the span', () => {
    expect(skipOpeners('由', 0, 1)).toBe(0);
  });

  test('a text that starts with no opener is left as it is', () => {
    expect(openerAt('海川市商会', 0)).toBeNull();
  });
});

describe('partyBody', () => {
  test.each([
    ['海川市青年企业家商会党支部', '海川市青年企业家商会'],
    ['青岚县总商会党总支', '青岚县总商会'],
    ['云州远航科技有限公司党委', '云州远航科技有限公司'],
    ['中共云州市工商联党组', '云州市工商联'],
    ['青岚县商会临时党支部', '青岚县商会'],
    ['云州市商会支部委员会', '云州市商会'],
  ])('%s is the party organisation of %s', (name, body) => {
    expect(partyBody(name)).toBe(body);
  });

  test('a party body named after no organisation has none', () => {
    expect(partyBody('县委')).toBeNull();
    expect(partyBody('第一党支部')).toBeNull();
    expect(partyBody('海川市青年企业家商会')).toBeNull();
  });
});
