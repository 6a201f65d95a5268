import type { Clock } from "../time/clock.js";

/**
 * The global pace of one sender: send slots 1/`ratePerSecond` apart on a fixed
 * timeline, so late timers do not slow the average down, and a sliding window
 * on top, so that waiters woken together after a stall (a pause in the event
 * loop or the store) cannot burst: no one-second window holds more than the
 * limit (Teams counts per second). An idle sender does not save up slots.
 */
export class TokenBucket {
  private readonly intervalMs: number;
  private readonly perWindow: number;
  private readonly released: number[] = [];
  private nextSlot = 0;

  constructor(
    ratePerSecond: number,
    private readonly clock: Clock,
  ) {
    this.intervalMs = 1000 / ratePerSecond;
    this.perWindow = Math.max(1, Math.floor(ratePerSecond));
  }

  async take(): Promise<void> {
    const now = this.clock.monotonic();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.intervalMs;
    if (slot > now) await this.clock.sleep(slot - now);
    for (;;) {
      const at = this.clock.monotonic();
      while (this.released.length && at - this.released[0]! >= 1000) this.released.shift();
      if (this.released.length < this.perWindow) {
        this.released.push(at);
        return;
      }
      await this.clock.sleep(1000 - (at - this.released[0]!));
    }
  }
}

/** Spaces sends to one conversation at least 1/`perSecond` apart (Teams: 7 per second per conversation). */
export class ConversationPacer {
  private readonly nextAt = new Map<string, number>();
  private readonly gapMs: number;

  constructor(
    perSecond: number,
    private readonly clock: Clock,
  ) {
    this.gapMs = 1000 / perSecond;
  }

  async wait(key: string): Promise<void> {
    const now = this.clock.monotonic();
    const at = Math.max(now, this.nextAt.get(key) ?? 0);
    this.nextAt.set(key, at + this.gapMs);
    if (at > now) await this.clock.sleep(at - now);
  }
}
