import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Journal } from "../../src/store/journal.js";

const dirs: string[] = [];
function dataDir(journalLines: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "varna-journal-"));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, "journal.jsonl"), journalLines.join("\n"));
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const db = JSON.stringify({ op: "db", db: "d" });
const coll = JSON.stringify({ op: "coll", db: "d", def: { id: "c", partitionKey: { paths: ["/orgId"] } } });
const put = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ op: "put", db: "d", coll: "c", doc: { id, orgId: "o", ...extra } });
const ids = (entries: ReturnType<Journal["load"]>) =>
  entries.flatMap((e) => (e.op === "put" ? [e.doc.id] : []));

describe("the embedded store's journal on start", () => {
  it("ignores a torn last line: the process died writing it, before anyone was told it was saved", () => {
    const journal = new Journal(dataDir([db, coll, put("a"), put("b"), '{"op":"put","db":"d","co']));
    expect(ids(journal.load(new Date("2026-11-22T12:00:00Z")))).toEqual(["a", "b"]);
  });

  it("refuses to start on a damaged line with entries after it, instead of silently dropping them", () => {
    const dir = dataDir([db, coll, put("a"), '{"op":"pu', put("c"), ""]);
    expect(() => new Journal(dir).load(new Date("2026-11-22T12:00:00Z"))).toThrow(
      /line 4 is damaged and later lines follow/,
    );
  });

  it("does not bring back what expired while the app was down", () => {
    const journal = new Journal(
      dataDir([
        db,
        coll,
        put("kept"),
        put("old-draft", { expiresAt: "2026-11-01T00:00:00.000Z" }),
        put("live-draft", { expiresAt: "2026-12-24T00:00:00.000Z" }),
        "",
      ]),
    );
    expect(ids(journal.load(new Date("2026-11-22T12:00:00Z")))).toEqual(["kept", "live-draft"]);
  });
});
