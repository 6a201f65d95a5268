import { performance } from "node:perf_hooks";

/**
 * The program's one source of time. It is created once where the program is
 * composed (app.ts, each command-line tool) and passed to everything that needs
 * the date or a duration, so every part of one process agrees on "now" and
 * tests can run at any date and any speed.
 */
export interface Clock {
  /** Wall time: what is stored, shown to people, or compared with stored dates. */
  now(): Date;
  /** Milliseconds from an arbitrary origin that never goes back: durations, timeouts, rate limits. */
  monotonic(): number;
  /** Resolves after `ms` milliseconds of this clock's time (a test clock resolves when it is advanced). */
  sleep(ms: number): Promise<void>;
  /**
   * Calls `tick` every `ms` milliseconds of this clock's time until the returned
   * function is called; ticks missed while the process was busy are not made up.
   * `tick` must not throw (it is the caller's job to log its failures).
   */
  every(ms: number, tick: () => void): () => void;
}

/** The machine's clock. Only the composition root creates it. */
export function systemClock(): Clock {
  return {
    now: () => new Date(),
    monotonic: () => performance.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
    every: (ms, tick) => {
      const timer = setInterval(tick, ms);
      // Background work never keeps the process alive on its own.
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
