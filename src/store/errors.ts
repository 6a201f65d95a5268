/** The store could not be reached (network, timeout, 5xx); the user is asked to try again shortly. */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super("store unavailable", { cause });
    this.name = "StoreUnavailableError";
  }
}

/** An etag-guarded update kept losing to concurrent writers; the caller shows the fresh state. */
export class ConcurrencyError extends Error {
  constructor(readonly id: string) {
    super("concurrent update");
    this.name = "ConcurrencyError";
  }
}

const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "TimeoutError",
]);

export function statusOf(err: unknown): number | undefined {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === "number" ? code : undefined;
}

export function isUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; name?: string; cause?: unknown } | undefined;
  if (!e) return false;
  if (typeof e.code === "number") return e.code === 408 || e.code === 503 || e.code >= 500;
  if (typeof e.code === "string" && UNAVAILABLE_CODES.has(e.code)) return true;
  if (e.name === "TimeoutError" || e.name === "AbortError") return true;
  return e.cause !== undefined && e.cause !== err && isUnavailable(e.cause);
}

/** Runs a store call and turns "cannot reach the store" into StoreUnavailableError. */
export async function guarded<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw isUnavailable(err) ? new StoreUnavailableError(err) : err;
  }
}
