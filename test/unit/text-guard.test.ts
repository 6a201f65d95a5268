import { describe, expect, it } from "vitest";
import { identifiersIn } from "../../src/escalation/text-guard.js";

describe("text guard", () => {
  it("finds personal identity and coordination numbers that pass the Luhn check, and only those", () => {
    expect(identifiersIn("Det gällde 19811218-9876 i akten")).toEqual(["personalNumber"]);
    expect(identifiersIn("811218-9876")).toEqual(["personalNumber"]);
    expect(identifiersIn("701063-2391")).toEqual(["personalNumber"]);
    expect(identifiersIn("811218-9877")).toEqual([]);
    expect(identifiersIn("Ärende PUI-2026-0001 och diarienummer 2026-1234")).toEqual([]);
  });

  it("finds phone numbers, e-mail and street addresses", () => {
    expect(identifiersIn("ring 070-123 45 67")).toEqual(["phone"]);
    expect(identifiersIn("+46 70 123 45 67")).toEqual(["phone"]);
    expect(identifiersIn("mejla anna.svensson@example.se")).toEqual(["email"]);
    expect(identifiersIn("hon bor på Storgatan 12B")).toEqual(["address"]);
  });

  it("lets ordinary case text through", () => {
    expect(
      identifiersIn("Mejlet skickades till fel mottagare kl. 14:30 den 2026-11-20; 3 personer berörs."),
    ).toEqual([]);
  });
});
