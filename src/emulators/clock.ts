/**
 * The emulators' injectable clock: real time plus an offset that `/__admin/clock` moves, so that
 * statuses change over time (INIT → ABOUT_TO_START → ENDED/RECYCLED) without waiting.
 */
export class EmulatorClock {
  private offsetMs = 0;

  /** Milliseconds since the epoch, as the emulated provider sees it. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }

  set(epochMs: number): void {
    this.offsetMs = epochMs - Date.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
