import { type LogRecord, logs } from "@opentelemetry/api-logs";
import { afterEach, describe, expect, it } from "vitest";
import { startTelemetry } from "../../src/telemetry.js";
import { trackEvent } from "../../src/telemetry-events.js";

// The real Azure Monitor distro is not started here: its resource detection calls the
// Azure instance metadata address, which tests must not reach. These tests cover what
// Värna itself decides: when telemetry starts, and what a custom event may carry.

const records: LogRecord[] = [];

afterEach(() => {
  records.length = 0;
  logs.disable();
});

function captureLogRecords(): void {
  logs.setGlobalLoggerProvider({
    getLogger: () => ({
      enabled: () => true,
      emit: (record: LogRecord) => {
        records.push(record);
      },
    }),
  });
}

describe("telemetry", () => {
  it("stays off when no Application Insights connection string is configured", async () => {
    const telemetry = await startTelemetry(undefined);
    expect(telemetry.enabled).toBe(false);
    await telemetry.shutdown();
  });

  it("a case event reaches Application Insights as a custom event carrying only ids and a code", () => {
    captureLogRecords();
    trackEvent("case.escalated", { orgId: "kommunen", caseId: "c-42", code: "protected_disclosure" });
    expect(records).toEqual([
      {
        attributes: {
          "microsoft.custom_event.name": "case.escalated",
          orgId: "kommunen",
          caseId: "c-42",
          code: "protected_disclosure",
        },
      },
    ]);
  });

  it("an event without a case id carries no empty properties", () => {
    captureLogRecords();
    trackEvent("case.created", { orgId: "kommunen" });
    expect(records[0]?.attributes).toEqual({
      "microsoft.custom_event.name": "case.created",
      orgId: "kommunen",
    });
  });
});
