import type { ChangeScope } from './content-version';

/**
 * What a cached response is about: the documents it shows and, for a detail read by slug, that
 * slug (`uid slug`). Null for a list, a search or anything else a change to any document may alter.
 */
export type ResponseSubject = { documents: ReadonlySet<string>; slug: string | null } | null;

export type CachedResponse = { version: number; status: number; contentType: string; body: Buffer; subject?: ResponseSubject };

export type Lookup = { entry: CachedResponse | null; shared: boolean; stale: boolean };

/**
 * Public responses by request, valid for one content version. Least recently used entries go first
 * once the cache holds more than `maxBytes` of bodies. When the version moves on, every entry is
 * stale; the previous version's entries are kept only to answer requests that arrive while the
 * first request of the new version is computing the fresh response (see `once`).
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  private previous = new Map<string, CachedResponse>();
  private readonly inFlight = new Map<string, Promise<CachedResponse | null>>();
  private bytes = 0;
  private previousBytes = 0;
  private version = -1;

  constructor(private readonly maxBytes: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string, version: number): CachedResponse | undefined {
    this.moveTo(version);
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: CachedResponse): void {
    // A response computed under an older version may already be stale; it is not kept.
    if (entry.version !== this.version || entry.body.length > this.maxBytes) return;
    const replaced = this.entries.get(key);
    if (replaced !== undefined) this.bytes -= replaced.body.length;
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
    this.dropPrevious(key);
    // The previous version's entries make room first: they are only a stopgap.
    for (const oldest of this.previous.keys()) {
      if (this.bytes + this.previousBytes <= this.maxBytes) break;
      this.dropPrevious(oldest);
    }
    for (const [oldest, evicted] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= evicted.body.length;
    }
  }

  /**
   * Concurrent misses for the same request and version share one computation, so a burst of
   * readers after a write costs one database read, not one per reader. While that read runs, the
   * others are answered with the previous version's response when there is one: they arrived
   * before the fresh response existed, so they get what they would have got a moment earlier
   * instead of queueing behind it. The first request after a write never gets a stale response.
   */
  async once(key: string, version: number, compute: () => Promise<CachedResponse | null>): Promise<Lookup> {
    this.moveTo(version);
    const flightKey = `${version}\u0000${key}`;
    const pending = this.inFlight.get(flightKey);
    if (pending !== undefined) {
      const stale = this.previous.get(key);
      if (stale !== undefined) return { entry: stale, shared: true, stale: true };
      return { entry: await pending, shared: true, stale: false };
    }
    const flight = compute();
    this.inFlight.set(flightKey, flight);
    try {
      const entry = await flight;
      if (entry !== null) this.set(key, entry);
      return { entry, shared: false, stale: false };
    } finally {
      this.inFlight.delete(flightKey);
    }
  }

  private dropPrevious(key: string): void {
    const entry = this.previous.get(key);
    if (entry === undefined) return;
    this.previous.delete(key);
    this.previousBytes -= entry.body.length;
  }

  /** The version this cache's entries are valid for (-1 before the first request). */
  get current(): number {
    return this.version;
  }

  /**
   * Moves to `version`, knowing what the moves in between changed: the entries that a change may
   * have altered go as in a move to a new version (kept only as the previous ones), and the others
   * stay valid for the new version. With 'all', every entry goes.
   */
  advance(version: number, change: ChangeScope): void {
    if (version <= this.version) return;
    if (change === 'all' || this.version === -1) {
      this.moveTo(version);
      return;
    }
    const documents = new Set(change.documents);
    const slugs = new Set(change.slugs);
    const affected = (entry: CachedResponse): boolean => {
      const subject = entry.subject ?? null;
      if (subject === null) return true;
      if (subject.slug !== null && slugs.has(subject.slug)) return true;
      for (const documentId of subject.documents) if (documents.has(documentId)) return true;
      return false;
    };
    this.previous = new Map();
    this.previousBytes = 0;
    for (const [key, entry] of [...this.entries]) {
      if (!affected(entry)) {
        entry.version = version;
        continue;
      }
      this.entries.delete(key);
      this.bytes -= entry.body.length;
      this.previous.set(key, entry);
      this.previousBytes += entry.body.length;
    }
    this.version = version;
  }

  /** The entries of the version that ends become the previous ones; older ones are dropped. */
  private moveTo(version: number): void {
    if (version === this.version) return;
    this.previous = new Map(this.entries);
    this.previousBytes = this.bytes;
    this.entries.clear();
    this.bytes = 0;
    this.version = version;
  }
}
