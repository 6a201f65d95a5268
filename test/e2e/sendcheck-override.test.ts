import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { type Card, textOf } from "../support/cards.js";
import { aUser, type Harness, startHarness } from "../support/harness.js";
import { TestClock } from "../support/test-clock.js";
import { openTestStore } from "../support/test-store.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "varna-override-"));
function writeOverride(name: string, content: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(content));
  return file;
}

const municipality = writeOverride("vaxby.json", {
  version: "vaxby-2026-1",
  references: { guideline: { link: "https://intranat.vaxby.se/riktlinje-kanaler" } },
  cells: [
    {
      information: "ordinary",
      channel: "sms",
      verdict: "no",
      reason: "smsReason",
      rule: "guideline",
      alternative: "useSecureChannel",
    },
  ],
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { SEND_RULES_FILE: municipality } });
});
afterAll(async () => {
  await h?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("a municipality's own send rules", () => {
  it("answer with the municipality's cell and link to its own guideline", async () => {
    const result = await h.personal(aUser({ locale: "en-US" })).execute("sendcheck.answer", {
      information: "ordinary",
      recipient: "colleague",
      channel: "sms",
    });
    const card = result.cards.at(-1)!;
    expect((card.body as { text: string }[])[0]!.text).toBe("No");
    expect(textOf(card)).toContain(
      "[The municipality's guideline on choosing a channel](https://intranat.vaxby.se/riktlinje-kanaler)",
    );
  });

  it("leave every other cell as the baseline says", async () => {
    const result = await h.personal(aUser({ locale: "en-US" })).execute("sendcheck.answer", {
      information: "ordinary",
      recipient: "colleague",
      channel: "phone",
    });
    expect(((result.cards.at(-1) as Card).body as { text: string }[])[0]!.text).toBe("Yes, if …");
  });

  it("stop the start with a message naming the cell when the file is broken", async () => {
    const broken = writeOverride("broken.json", {
      version: "broken-1",
      cells: [
        {
          information: "sensitive",
          channel: "usb",
          verdict: "perhaps",
          reason: "usbReason",
          rule: "guideline",
        },
      ],
    });
    const clock = new TestClock();
    const testStore = await openTestStore(clock);
    try {
      const config = loadConfig({
        NODE_ENV: "test",
        PORT: "0",
        LOG_LEVEL: "silent",
        SEND_RULES_FILE: broken,
      });
      await expect(startApp(config, { store: testStore.store, clock })).rejects.toThrow(
        `${broken}: information=sensitive × channel=usb.verdict`,
      );
    } finally {
      await testStore.dispose();
    }
  });
});
