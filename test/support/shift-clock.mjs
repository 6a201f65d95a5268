/**
 * Preload (`node --import`) that moves this process's clock, so the suite can be
 * run as if it were another day: `CLOCK_SHIFT_DAYS=400` (any number, may be
 * negative or fractional) or `CLOCK_SHIFT_TO=2028-02-29T23:30:00+01:00` (an
 * instant the process starts at). Only the date the program reads moves
 * (`new Date()`, `Date.now()`); monotonic time and timers are untouched.
 * Child processes inherit it through NODE_OPTIONS.
 */
const RealDate = Date;
const days = Number(process.env.CLOCK_SHIFT_DAYS ?? 0);
const to = process.env.CLOCK_SHIFT_TO;
if (!Number.isFinite(days) || (to && Number.isNaN(RealDate.parse(to)))) {
  throw new Error("CLOCK_SHIFT_DAYS must be a number and CLOCK_SHIFT_TO an ISO instant");
}
// CLOCK_SHIFT_TO is computed once in the first process and handed on as days, so child processes agree.
const shiftMs = to ? RealDate.parse(to) - RealDate.now() : days * 86_400_000;
if (to) {
  process.env.CLOCK_SHIFT_DAYS = String(shiftMs / 86_400_000);
  delete process.env.CLOCK_SHIFT_TO;
}
const now = () => RealDate.now() + shiftMs;

globalThis.Date = new Proxy(RealDate, {
  construct(target, args, newTarget) {
    return Reflect.construct(target, args.length ? args : [now()], newTarget);
  },
  apply() {
    return new RealDate(now()).toString();
  },
  get(target, property, receiver) {
    return property === "now" ? now : Reflect.get(target, property, receiver);
  },
});
