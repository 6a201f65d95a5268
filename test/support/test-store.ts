import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { openStore, type Store } from "../../src/store/store.js";
import type { Clock } from "../../src/time/clock.js";
import { freshDataDir } from "./data-dir.js";

export interface TestStore {
  store: Store;
  dataDir: string;
  database: string;
  /** Opens the same data again (after `store.close()`), as a restarted process would. */
  reopen(): Promise<Store>;
  dispose(): Promise<void>;
}

/** An embedded store of its own (own server, own data directory, fresh database name) for one test file. */
export async function openTestStore(clock: Clock): Promise<TestStore> {
  const dataDir = freshDataDir("varna-test");
  const database = `t${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const open = () => openStore({ mode: "embedded", dataDir, port: 0, database }, clock);
  let store = await open();
  return {
    get store() {
      return store;
    },
    dataDir,
    database,
    async reopen() {
      store = await open();
      return store;
    },
    async dispose() {
      await store.close().catch(() => undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
