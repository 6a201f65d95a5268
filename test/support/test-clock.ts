import type { Clock } from "../../src/time/clock.js";

interface Periodic {
  ms: number;
  due: number;
  tick: () => void;
}

interface Sleeper {
  at: number;
  order: number;
  wake: () => void;
}

/**
 * The clock tests own. Wall time starts where the test says (by default at the
 * machine's date, so a shifted process clock moves the whole suite) and moves
 * only when the test sets or advances it, or when the program sleeps: a sleep
 * jumps the clock to its wake-up time and resolves at once, so backoffs,
 * Retry-After waits and pacing cost no real time, and sleepers pending
 * together wake in the order of their wake-up times, as they would in real
 * time. Periodic work (`every`) runs when the clock passes its due time, once
 * however far the clock jumped, as a busy process would. Only bounded waits
 * may sleep on the clock: a loop that sleeps until something outside happens
 * would spin the clock forward.
 */
export class TestClock implements Clock {
  private wall: number;
  private mono = 1_000;
  private readonly sleepers: Sleeper[] = [];
  private readonly periodic = new Set<Periodic>();
  private flushing = false;
  private order = 0;

  constructor(start: Date = new Date()) {
    this.wall = start.getTime();
  }

  now(): Date {
    return new Date(this.wall);
  }

  monotonic(): number {
    return this.mono;
  }

  /** Sets wall time; moving it forward also moves monotonic time, moving it back does not. */
  set(at: Date): void {
    const delta = at.getTime() - this.wall;
    this.wall = at.getTime();
    if (delta > 0) this.mono += delta;
    this.runDue();
  }

  advance(ms: number): void {
    if (ms < 0) throw new Error("time only moves forward; use set() to go back");
    this.wall += ms;
    this.mono += ms;
    this.runDue();
  }

  every(ms: number, tick: () => void): () => void {
    const timer: Periodic = { ms, due: this.mono + ms, tick };
    this.periodic.add(timer);
    return () => this.periodic.delete(timer);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((wake) => {
      this.sleepers.push({ at: this.mono + Math.max(0, ms), order: this.order++, wake });
      this.sleepers.sort((a, b) => a.at - b.at || a.order - b.order);
      this.scheduleFlush();
    });
  }

  private runDue(): void {
    for (const timer of this.periodic) {
      if (timer.due > this.mono) continue;
      timer.due = this.mono + timer.ms;
      // Not inside the caller's set()/advance(): the work starts as a timer callback would.
      setImmediate(() => {
        if (this.periodic.has(timer)) timer.tick();
      });
    }
  }

  private scheduleFlush(): void {
    if (this.flushing) return;
    this.flushing = true;
    // After pending I/O callbacks, so work already under way runs before time jumps.
    setImmediate(() => {
      this.flushing = false;
      const next = this.sleepers.shift();
      if (!next) return;
      if (next.at > this.mono) this.advance(next.at - this.mono);
      next.wake();
      if (this.sleepers.length) this.scheduleFlush();
    });
  }
}
