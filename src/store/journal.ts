import fs from "node:fs";
import path from "node:path";
import { type JournalEntry, StoreImage } from "./store-image.js";

const SNAPSHOT = "snapshot.jsonl";
const JOURNAL = "journal.jsonl";

/**
 * Durable write-ahead journal for the embedded store. Each entry is appended and
 * fdatasync'ed before its HTTP reply is released, so an acknowledged write
 * survives `kill -9`. Entries arriving while a sync runs are committed together
 * (group commit), which keeps throughput up under concurrent turns.
 */
export class Journal {
  readonly image = new StoreImage();
  private fd = -1;
  private pending: { line: string; release: () => void }[] = [];
  private syncing = false;
  private bytesSinceCompaction = 0;

  constructor(
    private readonly dir: string,
    private readonly compactAfterBytes = 64 * 1024 * 1024,
  ) {}

  /** Loads snapshot and journal into the image; returns the entries to replay into the server. */
  load(): JournalEntry[] {
    fs.mkdirSync(this.dir, { recursive: true });
    for (const file of [SNAPSHOT, JOURNAL]) {
      for (const entry of readEntries(path.join(this.dir, file))) this.image.apply(entry);
    }
    return [...this.image.entries()];
  }

  /** Writes the image as a fresh snapshot (atomically, by rename) and starts an empty journal. */
  compact(): void {
    const tmp = path.join(this.dir, `${SNAPSHOT}.tmp`);
    const out = fs.openSync(tmp, "w");
    let chunk = "";
    for (const entry of this.image.entries()) {
      chunk += `${JSON.stringify(entry)}\n`;
      if (chunk.length > 1 << 20) {
        fs.writeSync(out, chunk);
        chunk = "";
      }
    }
    fs.writeSync(out, chunk);
    fs.fsyncSync(out);
    fs.closeSync(out);
    fs.renameSync(tmp, path.join(this.dir, SNAPSHOT));
    syncDirectory(this.dir);
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = fs.openSync(path.join(this.dir, JOURNAL), "w");
    fs.fsyncSync(this.fd);
    this.bytesSinceCompaction = 0;
  }

  /** Records the entry; `release` runs once it is on disk. */
  append(entry: JournalEntry, release: () => void): void {
    this.image.apply(entry);
    this.pending.push({ line: `${JSON.stringify(entry)}\n`, release });
    if (!this.syncing) void this.commit();
  }

  private async commit(): Promise<void> {
    this.syncing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        const text = batch.map((p) => p.line).join("");
        await writeAll(this.fd, text);
        await new Promise<void>((resolve, reject) =>
          fs.fdatasync(this.fd, (e) => (e ? reject(e) : resolve())),
        );
        this.bytesSinceCompaction += text.length;
        for (const p of batch) p.release();
        if (this.bytesSinceCompaction > this.compactAfterBytes) this.compact();
      }
    } finally {
      this.syncing = false;
    }
  }

  close(): void {
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = -1;
  }
}

function writeAll(fd: number, text: string): Promise<void> {
  return new Promise((resolve, reject) =>
    fs.write(fd, text, null, "utf8", (e) => (e ? reject(e) : resolve())),
  );
}

function syncDirectory(dir: string): void {
  const fd = fs.openSync(dir, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** A torn last line (the process died mid-write, before the reply) is ignored: it was never acknowledged. */
function readEntries(file: string): JournalEntry[] {
  if (!fs.existsSync(file)) return [];
  const entries: JournalEntry[] = [];
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (!line) continue;
    try {
      entries.push(JSON.parse(line) as JournalEntry);
    } catch {
      break;
    }
  }
  return entries;
}
