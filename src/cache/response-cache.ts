export type CachedResponse = { version: number; status: number; contentType: string; body: Buffer };

/**
 * Public responses by request, valid for one content version. Least recently used entries go first
 * once the cache holds more than `maxBytes` of bodies. When the version moves on, every entry is
 * stale, so they are all dropped at once.
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  private readonly inFlight = new Map<string, Promise<CachedResponse | null>>();
  private bytes = 0;
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
    const previous = this.entries.get(key);
    if (previous !== undefined) this.bytes -= previous.body.length;
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
    for (const [oldest, evicted] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= evicted.body.length;
    }
  }

  /**
   * Concurrent misses for the same request and version share one computation, so a burst of
   * readers after a publish costs one database read, not one per reader.
   */
  async once(key: string, version: number, compute: () => Promise<CachedResponse | null>): Promise<{ entry: CachedResponse | null; shared: boolean }> {
    const flightKey = `${version}\u0000${key}`;
    const pending = this.inFlight.get(flightKey);
    if (pending !== undefined) return { entry: await pending, shared: true };
    const flight = compute();
    this.inFlight.set(flightKey, flight);
    try {
      const entry = await flight;
      if (entry !== null) this.set(key, entry);
      return { entry, shared: false };
    } finally {
      this.inFlight.delete(flightKey);
    }
  }

  private moveTo(version: number): void {
    if (version === this.version) return;
    this.entries.clear();
    this.bytes = 0;
    this.version = version;
  }
}
