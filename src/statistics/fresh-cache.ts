/**
 * A small in-memory cache for computed figures: an entry is fresh for `freshMs`; until `2 × freshMs`
 * it is still served while one refresh runs in the background; older, the caller waits for a new
 * computation. Concurrent misses share one computation. `now` is injected (the Clock) so that tests
 * can age entries. With freshMs = 0 nothing is cached.
 */
export class FreshCache<T> {
  private readonly entries = new Map<string, { value: T; at: number }>();
  private readonly pending = new Map<string, Promise<T>>();

  constructor(
    private readonly freshMs: number,
    private readonly now: () => number,
    private readonly maxEntries = 2000,
  ) {}

  async get(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.freshMs <= 0) return compute();
    const entry = this.entries.get(key);
    const age = entry ? this.now() - entry.at : Infinity;
    if (entry && age < this.freshMs) return entry.value;
    if (entry && age < 2 * this.freshMs) {
      void this.refresh(key, compute).catch(() => undefined);
      return entry.value;
    }
    return this.refresh(key, compute);
  }

  private refresh(key: string, compute: () => Promise<T>): Promise<T> {
    const running = this.pending.get(key);
    if (running) return running;
    const started = this.now();
    const p = compute()
      .then((value) => {
        if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
        this.entries.delete(key);
        this.entries.set(key, { value, at: started });
        return value;
      })
      .finally(() => this.pending.delete(key));
    this.pending.set(key, p);
    return p;
  }
}
