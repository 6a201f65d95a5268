import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Case } from "../../src/cases/case.js";
import type { CaseEvent } from "../../src/cases/case-event.js";
import { CaseRepository, type CaseSequence } from "../../src/store/case-repository.js";
import { Repository } from "../../src/store/repository.js";
import { aCase } from "../support/builders.js";
import { TestClock } from "../support/test-clock.js";
import { openTestStore, type TestStore } from "../support/test-store.js";

let ts: TestStore;
let cases: CaseRepository;
const dso = { aadObjectId: "dso-1", name: "DSO" };

beforeAll(async () => {
  const now = new TestClock(new Date("2026-11-22T10:00:00Z"));
  ts = await openTestStore(now);
  cases = new CaseRepository(
    new Repository<Case | CaseSequence>(ts.store.containers.cases, (i) => i.orgId, now),
    new Repository<CaseEvent>(ts.store.containers.events, (i) => i.caseId, now),
    now,
  );
});
afterAll(async () => ts?.dispose());

describe("case repository (real Cosmos protocol, embedded)", () => {
  it("numbers twenty cases submitted at the same moment 0001..0020, each once", async () => {
    const org = "org-numbering";
    const created = await Promise.all(
      Array.from({ length: 20 }, () => cases.create(aCase({ orgId: org }), dso)),
    );
    const numbers = created.map((c) => c.case.number).sort();
    expect(numbers).toEqual(
      Array.from({ length: 20 }, (_, i) => `PUI-2026-${String(i + 1).padStart(4, "0")}`),
    );
  });

  it("a double-clicked submit creates one case with one number, and the next case gets the next number", async () => {
    const org = "org-double";
    const draft = aCase({ orgId: org });
    const [a, b] = await Promise.all([cases.create(draft, dso), cases.create(draft, dso)]);
    expect(a.case.number).toBe(b.case.number);
    expect([a.created, b.created].filter(Boolean)).toHaveLength(1);
    expect(await cases.list(org)).toHaveLength(1);
    const next = await cases.create(aCase({ orgId: org }), dso);
    expect(next.case.number).toBe("PUI-2026-0002");
  });

  it("keeps organisations apart: each has its own sequence and sees only its own cases", async () => {
    const one = await cases.create(aCase({ orgId: "org-a" }), dso);
    const two = await cases.create(aCase({ orgId: "org-b" }), dso);
    expect(one.case.number).toBe("PUI-2026-0001");
    expect(two.case.number).toBe("PUI-2026-0001");
    expect((await cases.list("org-a")).map((c) => c.id)).toEqual([one.case.id]);
    expect(await cases.get("org-b", one.case.id)).toBeUndefined();
  });

  it("records every change in the audit trail with who, when, from, to and which fields", async () => {
    const { case: c } = await cases.create(aCase({ orgId: "org-audit" }), { aadObjectId: "rep", name: "R" });
    await cases.update("org-audit", c.id, (x) => ({ ...x, status: "triage", assignee: dso }), {
      actor: dso,
      type: "taken",
    });
    const history = await cases.history(c.id);
    expect(history.map((e) => e.type)).toEqual(["created", "taken"]);
    expect(history[1]).toMatchObject({
      actor: dso,
      from: "reported",
      to: "triage",
      fields: ["assignee", "status"],
    });
  });

  it("two concurrent changes both land: the etag makes the loser retry on the fresh case", async () => {
    const { case: c } = await cases.create(aCase({ orgId: "org-etag" }), dso);
    await Promise.all(
      ["a", "b", "c", "d"].map((text) =>
        cases.update(
          "org-etag",
          c.id,
          (x) => ({
            ...x,
            additions: [
              ...x.additions,
              { at: new Date().toISOString(), by: dso, kind: "reporter_addition", text },
            ],
          }),
          { actor: dso, type: "addition" },
        ),
      ),
    );
    const after = await cases.get("org-etag", c.id);
    expect(after!.additions.map((a) => a.text).sort()).toEqual(["a", "b", "c", "d"]);
  });

  it("tells listeners about each creation and change, after the case is saved", async () => {
    const seen: string[] = [];
    cases.onChange(async ({ before, after, event }) => {
      if (after.orgId === "org-listen") seen.push(`${event.type}:${before?.status ?? "-"}>${after.status}`);
    });
    const { case: c } = await cases.create(aCase({ orgId: "org-listen" }), dso);
    await cases.update("org-listen", c.id, (x) => ({ ...x, status: "triage" }), {
      actor: dso,
      type: "taken",
    });
    await cases.update("org-listen", c.id, () => undefined, { actor: dso, type: "nothing" });
    expect(seen).toEqual(["created:->reported", "taken:reported>triage"]);
  });

  it("a submission retried after a crash between saving the case and recording it records the creation once and tells listeners once", async () => {
    const told: string[] = [];
    cases.onChange(async ({ after, event }) => {
      if (after.orgId === "org-crash") told.push(event.type);
    });
    const draft = aCase({ orgId: "org-crash" });
    await cases.create(draft, dso);
    // The state a crash leaves behind: the case is saved, its "created" event is not.
    await ts.store.containers.events.item(`${draft.id}-created`, draft.id).delete();
    told.length = 0;

    const retried = await cases.create(draft, dso);
    const again = await cases.create(draft, dso);
    expect([retried.created, again.created]).toEqual([false, false]);
    expect((await cases.history(draft.id)).map((e) => e.type)).toEqual(["created"]);
    expect(told).toEqual(["created"]);
  });

  it("lists only the open cases when asked, so the deadline watcher does not read closed ones", async () => {
    const open = await cases.create(aCase({ orgId: "org-open" }), dso);
    await cases.create(aCase({ orgId: "org-open", status: "closed" }), dso);
    expect((await cases.list("org-open", { open: true })).map((c) => c.id)).toEqual([open.case.id]);
    expect(await cases.list("org-open")).toHaveLength(2);
  });

  it("a change that decides not to change writes nothing and records no event", async () => {
    const { case: c } = await cases.create(aCase({ orgId: "org-noop" }), dso);
    const result = await cases.update("org-noop", c.id, () => undefined, { actor: dso, type: "nothing" });
    expect(result?.after._etag).toBe(c._etag);
    expect((await cases.history(c.id)).map((e) => e.type)).toEqual(["created"]);
  });
});
