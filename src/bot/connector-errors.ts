/** What a failed call to the Bot Connector tells us: its HTTP status and how long it asked us to wait. */
interface ConnectorError {
  statusCode?: number;
  response?: { status?: number; headers?: { get?(name: string): string | undefined } };
}

export function connectorStatus(err: unknown): number | undefined {
  const e = err as ConnectorError | undefined;
  return e?.statusCode ?? e?.response?.status;
}

/** The Retry-After header (seconds or an HTTP date) in milliseconds, when the connector sent one. */
export function retryAfterMs(err: unknown, now: Date): number | undefined {
  const value = (err as ConnectorError | undefined)?.response?.headers?.get?.("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
