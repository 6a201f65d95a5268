import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmbeddedCosmos, startEmbeddedCosmos } from "../../src/store/embedded-cosmos.js";
import { textOf } from "../support/cards.js";
import { aUser, type Harness, startHarness } from "../support/harness.js";

let h: Harness;
let revived: EmbeddedCosmos | undefined;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await revived?.stop();
  await h?.close();
});

describe("when the store goes away", () => {
  it("tells the person to try again shortly, reports not ready, and recovers by itself when the store is back", async () => {
    const sv = h.personal(aUser({ locale: "sv-SE" }));
    const en = h.personal(aUser({ locale: "en-US" }));
    expect((await sv.say("hjälp")).cards).toHaveLength(1);

    const embedded = h.testStore.store.embedded!;
    await embedded.stop();

    const ready = await fetch(`${h.app.url}/readyz`);
    expect(ready.status).toBe(503);
    const during = await sv.say("hjälp");
    expect(during.status).toBe(200);
    expect(textOf(during.cards[0]!)).toContain("Jag kommer inte åt lagringen just nu");
    const duringEn = await en.say("help");
    expect(textOf(duringEn.cards[0]!)).toContain("I can't reach my storage right now");
    expect((await fetch(`${h.app.url}/healthz`)).status).toBe(200);

    revived = await startEmbeddedCosmos({
      dataDir: h.testStore.dataDir,
      port: embedded.port,
      now: h.clock.now(),
    });
    expect((await fetch(`${h.app.url}/readyz`)).status).toBe(200);
    const after = await sv.say("hjälp");
    expect(textOf(after.cards[0]!)).toContain("Rapportera en incident");
  });
});
