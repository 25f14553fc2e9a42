/**
 * Per-key single flight: while an operation for a key runs, later callers for the same key get
 * the same promise instead of starting another. The entry is removed when it settles, so the
 * next caller after that starts afresh (nothing is cached beyond the flight).
 */
export class SingleFlight<T> {
  readonly #flights = new Map<string, Promise<T>>();

  /** Runs `operation` for `key`, or joins the one already running. */
  run(key: string, operation: () => Promise<T>): Promise<T> {
    const running = this.#flights.get(key);
    if (running !== undefined) return running;
    const flight = operation().finally(() => this.#flights.delete(key));
    this.#flights.set(key, flight);
    return flight;
  }

  /** How many keys have an operation in flight (for tests and metrics). */
  get size(): number {
    return this.#flights.size;
  }
}
