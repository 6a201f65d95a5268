const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A token bucket shared by everything one sender sends, holding one token: sends
 * are spaced 1/`ratePerSecond` apart, so no one-second window ever holds more
 * than the limit (Teams counts per second). Waiters are served in order.
 */
export class TokenBucket {
  private tokens = 1;
  private readonly burst = 1;
  private last = Date.now();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly ratePerSecond: number) {}

  take(): Promise<void> {
    const turn = this.queue.then(() => this.acquire());
    this.queue = turn;
    return turn;
  }

  private async acquire(): Promise<void> {
    for (;;) {
      const now = Date.now();
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await sleep(Math.max(1, Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000)));
    }
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
