import pino from "pino";

/**
 * Logs carry ids, activity types, durations and error codes only. The redaction
 * list is a safety net for fields that must never appear even by mistake.
 */
export function createLogger(level: string) {
  return pino({
    level,
    base: { app: "varna" },
    redact: {
      paths: [
        "text",
        "*.text",
        "value",
        "*.value",
        "name",
        "*.name",
        "activity",
        "*.activity",
        "card",
        "body",
        "req.body",
        "headers.authorization",
        "*.headers.authorization",
      ],
      censor: "[redacted]",
    },
    serializers: { err: errorSummary },
  });
}

export type Logger = ReturnType<typeof createLogger>;

/** Error messages can echo user input (e.g. a validation message), so only the type, code and stack go out. */
export function errorSummary(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err };
  const code =
    (err as { code?: unknown; statusCode?: unknown }).code ?? (err as { statusCode?: unknown }).statusCode;
  return { type: err.name, code, stack: err.stack?.split("\n").slice(1, 6).join("\n") };
}
