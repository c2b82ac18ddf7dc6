import { AsyncLocalStorage } from 'async_hooks';

/**
 * The site's default locale, read once per Document Service operation instead of once per relation.
 *
 * Strapi's i18n plugin reads its default locale from the core store each time it is asked, and its
 * Document Service asks once per relation it writes from a content type without locales (an
 * organisation's links to its articles, say), concurrently, so one publish of a well-linked record
 * read the same row dozens of times, and an import of 500 pages about 4,400 times.
 *
 * Inside a Document Service operation (and whatever it runs: the app's document middlewares, a
 * nested publish) the first call reads the row and the others share that read. Outside one, every
 * call reads it, as before. Nothing is held across operations, so a new default set in any instance
 * is seen by the next operation everywhere, and the number of statements an operation runs does not
 * depend on the clock. A read that fails is not shared.
 *
 * A public response cached before the default changed lists the old default's articles for a
 * request without a locale, so a change also calls `changed` (the app moves its content version on).
 */

export type LocalesService = {
  getDefaultLocale: () => Promise<unknown>;
  setDefaultLocale: (params: { code: string }) => Promise<unknown>;
  [name: string]: unknown;
};

type Held = { value?: Promise<unknown> };

const operation = new AsyncLocalStorage<Held>();

/** Runs `work` with one shared read of the default locale; nested calls share the outer one's. */
export const withOneDefaultLocaleRead = <T>(work: () => T): T => (operation.getStore() === undefined ? operation.run({}, work) : work());

export const withSharedDefaultLocale = <S extends LocalesService>(service: S, changed: () => Promise<void>): S => ({
  ...service,
  getDefaultLocale(): Promise<unknown> {
    const held = operation.getStore();
    if (held === undefined) return service.getDefaultLocale();
    if (held.value === undefined) {
      const value = service.getDefaultLocale();
      held.value = value;
      value.catch(() => {
        if (held.value === value) held.value = undefined;
      });
    }
    return held.value;
  },
  async setDefaultLocale(params: { code: string }): Promise<unknown> {
    const result = await service.setDefaultLocale(params);
    const held = operation.getStore();
    if (held !== undefined) held.value = undefined;
    await changed();
    return result;
  },
});
