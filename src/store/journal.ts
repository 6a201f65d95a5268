import fs from "node:fs";
import path from "node:path";
import { type JournalEntry, StoreImage } from "./store-image.js";

const SNAPSHOT = "snapshot.jsonl";
const JOURNAL = "journal.jsonl";

/** Called once the entry's fate is known: `durable` false means it is not on disk and must not be acknowledged. */
export type Release = (durable: boolean) => void;

/**
 * Durable write-ahead journal for the embedded store. Each entry is appended and
 * fdatasync'ed before its HTTP reply is released, so an acknowledged write
 * survives `kill -9`. Entries arriving while a sync runs are committed together
 * (group commit), which keeps throughput up under concurrent turns. When the
 * disk fails, the journal fails closed: nothing more is acknowledged.
 */
export class Journal {
  readonly image = new StoreImage();
  private fd = -1;
  private pending: { line: string; release: Release }[] = [];
  private committing: Promise<void> | undefined;
  private failed = false;
  private bytesSinceCompaction = 0;

  constructor(
    private readonly dir: string,
    private readonly compactAfterBytes = 64 * 1024 * 1024,
  ) {}

  /** Loads snapshot and journal into the image; returns the entries to replay into the server. */
  load(now: Date): JournalEntry[] {
    fs.mkdirSync(this.dir, { recursive: true });
    for (const file of [SNAPSHOT, JOURNAL]) {
      for (const entry of readEntries(path.join(this.dir, file))) this.image.apply(entry);
    }
    // The embedded server has no TTL: what expired while the app was down is not brought back.
    this.image.dropExpired(now);
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
        writeFully(out, chunk);
        chunk = "";
      }
    }
    writeFully(out, chunk);
    fs.fsyncSync(out);
    fs.closeSync(out);
    fs.renameSync(tmp, path.join(this.dir, SNAPSHOT));
    syncDirectory(this.dir);
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = fs.openSync(path.join(this.dir, JOURNAL), "w");
    fs.fsyncSync(this.fd);
    this.bytesSinceCompaction = 0;
  }

  /** Records the entry; `release(true)` runs once it is on disk, `release(false)` if it cannot be. */
  append(entry: JournalEntry, release: Release): void {
    if (this.failed) {
      release(false);
      return;
    }
    this.image.apply(entry);
    this.pending.push({ line: `${JSON.stringify(entry)}\n`, release });
    this.committing ??= this.commit().finally(() => {
      this.committing = undefined;
    });
  }

  private async commit(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        const text = batch.map((p) => p.line).join("");
        await writeFullyAsync(this.fd, text);
        await new Promise<void>((resolve, reject) =>
          fs.fdatasync(this.fd, (e) => (e ? reject(e) : resolve())),
        );
        this.bytesSinceCompaction += text.length;
        if (this.bytesSinceCompaction > this.compactAfterBytes) this.compact();
      } catch {
        // A write or sync failed (disk full, I/O error): these writes and all later ones are refused, never acknowledged.
        this.failed = true;
        for (const p of [...batch, ...this.pending.splice(0)]) p.release(false);
        return;
      }
      for (const p of batch) p.release(true);
    }
  }

  /** Waits for writes being committed, then closes the journal. */
  async close(): Promise<void> {
    while (this.committing) await this.committing;
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = -1;
  }
}

/** fs.writeSync may write less than asked (e.g. a nearly full disk); keep writing until all of it is written. */
function writeFully(fd: number, text: string): void {
  const buffer = Buffer.from(text, "utf8");
  for (let offset = 0; offset < buffer.length; ) offset += fs.writeSync(fd, buffer, offset);
}

async function writeFullyAsync(fd: number, text: string): Promise<void> {
  const buffer = Buffer.from(text, "utf8");
  for (let offset = 0; offset < buffer.length; ) {
    offset += await new Promise<number>((resolve, reject) =>
      fs.write(fd, buffer, offset, buffer.length - offset, null, (e, written) =>
        e ? reject(e) : resolve(written),
      ),
    );
  }
}

function syncDirectory(dir: string): void {
  const fd = fs.openSync(dir, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A torn last line (the process died mid-write, before the reply) is ignored:
 * it was never acknowledged. A bad line with more after it is corruption, and
 * the store refuses to start rather than silently drop what follows.
 */
function readEntries(file: string): JournalEntry[] {
  if (!fs.existsSync(file)) return [];
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const entries: JournalEntry[] = [];
  lines.forEach((line, index) => {
    if (!line) return;
    try {
      entries.push(JSON.parse(line) as JournalEntry);
    } catch {
      const isLast = lines.slice(index + 1).every((rest) => rest === "");
      if (!isLast)
        throw new Error(
          `${file}: line ${index + 1} is damaged and later lines follow; restore from a backup`,
        );
    }
  });
  return entries;
}
