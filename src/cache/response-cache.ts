export type CachedResponse = { version: number; status: number; contentType: string; body: Buffer };

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
