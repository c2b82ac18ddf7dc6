import { DEFAULT_LOCALE_HOLD_MS, withHeldDefaultLocale } from '../../../src/i18n/default-locale';

/** A locales service over an in-memory default, counting its reads, as the i18n plugin's reads the core store. */
const storeOf = (initial: string) => {
  const state = { code: initial, reads: 0, changes: 0, failNext: false };
  const service = {
    getDefaultLocale: async () => {
      state.reads += 1;
      if (state.failNext) {
        state.failNext = false;
        throw new Error('the database is gone');
      }
      return state.code;
    },
    setDefaultLocale: async ({ code }: { code: string }) => {
      state.code = code;
    },
  };
  let clock = 0;
  const held = withHeldDefaultLocale(
    service,
    async () => {
      state.changes += 1;
    },
    () => clock
  );
  return { state, held, advance: (ms: number) => (clock += ms) };
};

describe('the held default locale', () => {
  it('is read once for many calls within the hold, and again after it', async () => {
    const { state, held, advance } = storeOf('zh-Hans');
    const values = await Promise.all(Array.from({ length: 50 }, () => held.getDefaultLocale()));
    expect(new Set(values)).toEqual(new Set(['zh-Hans']));
    expect(state.reads).toBe(1);
    advance(DEFAULT_LOCALE_HOLD_MS - 1);
    await held.getDefaultLocale();
    expect(state.reads).toBe(1);
    advance(1);
    await held.getDefaultLocale();
    expect(state.reads).toBe(2);
  });

  it('gives the new default at once after this instance changes it, and reports the change', async () => {
    const { state, held } = storeOf('zh-Hans');
    expect(await held.getDefaultLocale()).toBe('zh-Hans');
    await held.setDefaultLocale({ code: 'en' });
    expect(await held.getDefaultLocale()).toBe('en');
    expect(state.changes).toBe(1);
  });

  it('does not hold a read that failed', async () => {
    const { state, held } = storeOf('zh-Hans');
    state.failNext = true;
    await expect(held.getDefaultLocale()).rejects.toThrow('the database is gone');
    expect(await held.getDefaultLocale()).toBe('zh-Hans');
    expect(state.reads).toBe(2);
  });

  it('keeps the rest of the service as it is', () => {
    const service = { getDefaultLocale: async () => 'en', setDefaultLocale: async () => undefined, find: () => 'all locales' };
    expect(withHeldDefaultLocale(service, async () => undefined).find()).toBe('all locales');
  });
});
