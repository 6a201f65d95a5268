import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";

const ENTRY = path.join(__dirname, "../../src/index.ts");

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface BotProcess {
  child: ChildProcess;
  stderr: () => string;
  exit: Promise<number | null>;
}

/** Starts the real entry point (src/index.ts) as its own process with only `env` (and PATH) set. */
export function startBot(env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, ["--import", "tsx", ENTRY], {
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "silent", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, stderr: () => stderr, exit };
}

/** Waits for /healthz; generous, since several test processes may start at once on a busy machine. */
export async function waitHealthy(port: number, withinMs = 90_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`bot did not become healthy within ${withinMs / 1000} s`);
}
