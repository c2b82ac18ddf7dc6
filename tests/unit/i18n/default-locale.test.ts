import { withOneDefaultLocaleRead, withSharedDefaultLocale } from '../../../src/i18n/default-locale';

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
  const shared = withSharedDefaultLocale(service, async () => {
    state.changes += 1;
  });
  return { state, shared };
};

describe('the default locale within one operation', () => {
  it('is read once for many concurrent calls in one operation, nested operations included', async () => {
    const { state, shared } = storeOf('zh-Hans');
    const values = await withOneDefaultLocaleRead(async () => {
      const outer = await Promise.all(Array.from({ length: 50 }, () => shared.getDefaultLocale()));
      const nested = await withOneDefaultLocaleRead(() => shared.getDefaultLocale());
      return [...outer, nested];
    });
    expect(new Set(values)).toEqual(new Set(['zh-Hans']));
    expect(state.reads).toBe(1);
  });

  it('is read again by the next operation, and on every call outside one', async () => {
    const { state, shared } = storeOf('zh-Hans');
    await withOneDefaultLocaleRead(() => shared.getDefaultLocale());
    await withOneDefaultLocaleRead(() => shared.getDefaultLocale());
    await shared.getDefaultLocale();
    await shared.getDefaultLocale();
    expect(state.reads).toBe(4);
  });

  it('gives the new default at once after a change in the same operation, and reports the change', async () => {
    const { state, shared } = storeOf('zh-Hans');
    await withOneDefaultLocaleRead(async () => {
      expect(await shared.getDefaultLocale()).toBe('zh-Hans');
      await shared.setDefaultLocale({ code: 'en' });
      expect(await shared.getDefaultLocale()).toBe('en');
    });
    expect(state.changes).toBe(1);
  });

  it('does not share a read that failed', async () => {
    const { state, shared } = storeOf('zh-Hans');
    state.failNext = true;
    await withOneDefaultLocaleRead(async () => {
      await expect(shared.getDefaultLocale()).rejects.toThrow('the database is gone');
      expect(await shared.getDefaultLocale()).toBe('zh-Hans');
    });
    expect(state.reads).toBe(2);
  });

  it('keeps the rest of the service as it is', () => {
    const service = { getDefaultLocale: async () => 'en', setDefaultLocale: async () => undefined, find: () => 'all locales' };
    expect(withSharedDefaultLocale(service, async () => undefined).find()).toBe('all locales');
  });
});
