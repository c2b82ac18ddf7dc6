import { mayBeSimilarAt, SIGNATURE_LENGTH, type Signature } from './fingerprint';

/**
 * The near-duplicate fingerprints of every known article, packed in one typed array, so that finding
 * the articles a page's text may be is a tight scan of a prefix of each signature (mayBeSimilarAt)
 * instead of a walk over article objects.
 *
 * Every page is compared with every known article, so this scan is the one part of an import whose
 * cost per page grows with the size of the site. Before it, a dry run of 20,000 generated pages took
 * 49 times as long as one of 2,000, most of it comparing all 256 positions with articles of the same
 * template.
 */
export type TableEntry = { signature: Signature; added: number };

/** How much the packed table grows when it is full. */
const GROWTH = 1.25;

export class SignatureTable {
  private packed = new Uint16Array(SIGNATURE_LENGTH * 256);
  /** Per slot: the article's key, or null for a free slot. */
  private keys: Array<string | null> = [];
  /** Per slot: when its article was last added, so candidates come in the order articles were learnt. */
  private added: number[] = [];
  private slots = new Map<string, number>();
  private free: number[] = [];
  private clock = 0;

  get size(): number {
    return this.slots.size;
  }

  /** The memory the packed signatures take, in bytes. */
  get bytes(): number {
    return this.packed.byteLength;
  }

  /** Adds (or replaces) an article's signature; it becomes the latest learnt. */
  add(key: string, signature: Signature): void {
    this.remove(key);
    const slot = this.free.pop() ?? this.keys.length;
    if ((slot + 1) * SIGNATURE_LENGTH > this.packed.length) {
      // A quarter more, not twice: at 20,000 articles doubling left 6 MiB unused, and held the old
      // table and one twice its size at once while copying.
      const slots = Math.ceil((this.packed.length / SIGNATURE_LENGTH) * GROWTH);
      const grown = new Uint16Array(slots * SIGNATURE_LENGTH);
      grown.set(this.packed);
      this.packed = grown;
    }
    this.packed.set(signature, slot * SIGNATURE_LENGTH);
    this.keys[slot] = key;
    this.added[slot] = this.clock;
    this.clock += 1;
    this.slots.set(key, slot);
  }

  /** What the table holds for a key, to put it back as it was (the journal's undo). */
  entry(key: string): TableEntry | undefined {
    const slot = this.slots.get(key);
    if (slot === undefined) return undefined;
    const offset = slot * SIGNATURE_LENGTH;
    return { signature: this.packed.slice(offset, offset + SIGNATURE_LENGTH), added: this.added[slot] };
  }

  /** An article's signature, read in place (valid until the next add), or undefined when the table has none for it. */
  signatureOf(key: string): Signature | undefined {
    const slot = this.slots.get(key);
    if (slot === undefined) return undefined;
    const offset = slot * SIGNATURE_LENGTH;
    return this.packed.subarray(offset, offset + SIGNATURE_LENGTH);
  }

  /** Puts a key back as `entry` had it, its place in the order included, or removes it. */
  restore(key: string, entry: TableEntry | undefined): void {
    this.remove(key);
    if (entry === undefined) return;
    this.add(key, entry.signature);
    this.added[this.slots.get(key) as number] = entry.added;
  }

  remove(key: string): void {
    const slot = this.slots.get(key);
    if (slot === undefined) return;
    this.slots.delete(key);
    this.keys[slot] = null;
    this.free.push(slot);
  }

  /**
   * Keys of the articles whose signatures may be as similar to `signature` as the same article's,
   * in the order they were added; the others are below it (but for about one in a million).
   */
  candidates(signature: Signature): string[] {
    const found: Array<{ key: string; added: number }> = [];
    for (let slot = 0; slot < this.keys.length; slot += 1) {
      const key = this.keys[slot];
      if (key !== null && mayBeSimilarAt(signature, this.packed, slot * SIGNATURE_LENGTH)) found.push({ key, added: this.added[slot] });
    }
    return found.sort((a, b) => a.added - b.added).map((candidate) => candidate.key);
  }
}
