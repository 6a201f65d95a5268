const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The global pace of one sender: send slots 1/`ratePerSecond` apart on a fixed
 * timeline, so no one-second window holds more than the limit (Teams counts per
 * second) and late timers do not slow the average down. An idle sender does
 * not save up slots. Waiters are served in order.
 */
export class TokenBucket {
  private readonly intervalMs: number;
  private nextSlot = 0;

  constructor(ratePerSecond: number) {
    this.intervalMs = 1000 / ratePerSecond;
  }

  async take(): Promise<void> {
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.intervalMs;
    if (slot > now) await sleep(slot - now);
  }
}

/** Spaces sends to one conversation at least 1/`perSecond` apart (Teams: 7 per second per conversation). */
export class ConversationPacer {
  private readonly nextAt = new Map<string, number>();
  private readonly gapMs: number;

  constructor(perSecond: number) {
    this.gapMs = 1000 / perSecond;
  }

  async wait(key: string): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.nextAt.get(key) ?? 0);
    this.nextAt.set(key, at + this.gapMs);
    if (at > now) await sleep(at - now);
  }
}
