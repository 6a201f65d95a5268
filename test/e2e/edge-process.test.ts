import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDataDir } from "../support/data-dir.js";
import { type BotProcess, freePort, startBot, waitHealthy } from "../support/process.js";
import { postHead, type RawRequest, rawRequest } from "../support/raw-http.js";

/**
 * The real entry point as its own process, sent every malformed request we
 * could think of: each must get a 4xx, and the process must still answer
 * /healthz afterwards. An error that escaped a request would end the process.
 */
const run = promisify(execFile);
const KB = 1024;
const activity = JSON.stringify({
  type: "message",
  id: "1",
  text: "hej",
  serviceUrl: "http://127.0.0.1:1/",
  channelId: "msteams",
  conversation: { id: "a:edge" },
  from: { id: "29:edge" },
});
const json = (lines: string[] = [], type = "application/json") =>
  postHead([`Content-Type: ${type}`, ...lines]);
const withLength = (body: Buffer | string, lines: string[] = [], type?: string) => ({
  head: json([`Content-Length: ${Buffer.byteLength(body)}`, ...lines], type),
  body,
});
const gzipped = gzipSync(activity);
const bomb = gzipSync(
  Buffer.concat([Buffer.from('{"type":"message","text":"'), Buffer.alloc(20 * KB * KB, 0x61)]),
);

const MALFORMED: [string, RawRequest, number][] = [
  ["gzip announced, not gzip (the curl line)", withLength("x", ["Content-Encoding: gzip"]), 400],
  [
    "corrupt gzip (header right, data wrong)",
    withLength(Buffer.concat([gzipped.subarray(0, 10), Buffer.alloc(40, 7)]), ["Content-Encoding: gzip"]),
    400,
  ],
  ["truncated gzip", withLength(gzipped.subarray(0, gzipped.length - 12), ["Content-Encoding: gzip"]), 400],
  ["gzip twice announced", withLength(gzipped, ["Content-Encoding: gzip, gzip"]), 415],
  ["deflate", withLength("x\u009c\u0003\u0000", ["Content-Encoding: deflate"]), 415],
  ["brotli", withLength("\u000b\u0001\u0080", ["Content-Encoding: br"]), 415],
  ["a zip bomb: 20 KB that inflates to 20 MB", withLength(bomb, ["Content-Encoding: gzip"]), 413],
  ["plain body over 256 KB", withLength(`{"t":"${"a".repeat(300 * KB)}"}`), 413],
  [
    "plain body over 256 KB, chunked (no length announced)",
    {
      head: json(["Transfer-Encoding: chunked"]),
      body: [`${(300 * KB).toString(16)}\r\n`, "a".repeat(300 * KB), "\r\n0\r\n\r\n"],
    },
    413,
  ],
  ["invalid JSON", withLength("{not json"), 400],
  ["JSON that is not an activity", withLength("[1,2,3]"), 400],
  ["bytes that are not UTF-8", withLength(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])), 400],
  ["Content-Length shorter than the body", { head: json(["Content-Length: 5"]), body: activity }, 400],
  [
    "Content-Length longer than the body (the rest never comes)",
    { head: json(["Content-Length: 5000"]), body: activity },
    408,
  ],
  ["Content-Length that is not a number", { head: json(["Content-Length: abc"]), body: activity }, 400],
  [
    "both Content-Length and chunked",
    { head: json(["Content-Length: 10", "Transfer-Encoding: chunked"]), body: "zz\r\n" },
    400,
  ],
  ["chunked garbage", { head: json(["Transfer-Encoding: chunked"]), body: "zz\r\nnot a chunk\r\n\r\n" }, 400],
  [
    "chunked, truncated mid-chunk",
    { head: json(["Transfer-Encoding: chunked"]), body: 'ff\r\n{"type"' },
    408,
  ],
  [
    "multipart upload",
    withLength(
      '--b\r\nContent-Disposition: form-data; name="f"; filename="x"\r\n\r\nAAAA\r\n--b--\r\n',
      [],
      "multipart/form-data; boundary=b",
    ),
    415,
  ],
  ["form-encoded", withLength("type=message&text=hej", [], "application/x-www-form-urlencoded"), 415],
  ["text/plain", withLength(activity, [], "text/plain"), 415],
  ["JSON in another charset", withLength(activity, [], "application/json; charset=utf-16"), 415],
  ["no Content-Type", { head: postHead([`Content-Length: ${activity.length}`]), body: activity }, 415],
  ["headers of 64 KB", withLength(activity, [`X-Padding: ${"p".repeat(64 * KB)}`]), 431],
  ["a request line that is not HTTP", { head: "BREW /api/messages HTCPCP/1.0\r\n\r\n" }, 400],
  [
    "a slow drip, one byte at a time",
    {
      head: json(["Content-Length: 400"]),
      body: Array.from({ length: 400 }, () => "a"),
      dripMs: 250,
    },
    408,
  ],
];

let dataDir: string;
let local: BotProcess;
let localPort: number;
let production: BotProcess;
let productionPort: number;

beforeAll(async () => {
  dataDir = freshDataDir("varna-edge");
  [localPort, productionPort] = await Promise.all([freePort(), freePort()]);
  local = startBot({ PORT: String(localPort), DATA_DIR: path.join(dataDir, "local") });
  production = startBot({
    NODE_ENV: "production",
    PORT: String(productionPort),
    HOST: "127.0.0.1",
    DATA_DIR: path.join(dataDir, "production"),
    MicrosoftAppId: "6c1b2a3d-0000-4000-8000-00000000b07a",
    MicrosoftAppPassword: "not-a-real-secret",
    MicrosoftAppTenantId: "11111111-2222-3333-4444-555555555555",
  });
  await Promise.all([waitHealthy(localPort), waitHealthy(productionPort)]);
}, 120_000);
afterAll(async () => {
  for (const bot of [local, production]) bot?.child.kill("SIGTERM");
  await Promise.all([local?.exit, production?.exit]);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function stillAlive(bot: BotProcess, port: number): Promise<void> {
  expect(bot.child.exitCode).toBeNull();
  expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
}

describe("a request cannot take the process down", () => {
  it("answers every malformed body with its 4xx, and the process answers /healthz afterwards", async () => {
    // All at once: the two that wait for the body timeout set the pace, and the process has to cope with all of them together.
    const answers = await Promise.all(MALFORMED.map(([, request]) => rawRequest(localPort, request)));
    const got = Object.fromEntries(MALFORMED.map(([name], i) => [name, answers[i]!.status]));
    expect(got).toEqual(Object.fromEntries(MALFORMED.map(([name, , status]) => [name, status])));
    for (const answer of answers) expect(answer.text).not.toMatch(/at .+\.(ts|js):\d+|Error:/);
    await stillAlive(local, localPort);
    expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith("upload_"))).toEqual([]);
  }, 60_000);

  it("survives JSON nested 100,000 deep inside an otherwise valid activity", async () => {
    const nested = `${activity.slice(0, -1)},"value":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    const answer = await rawRequest(localPort, withLength(nested));
    expect(answer.status).toBeGreaterThanOrEqual(200);
    expect(answer.status).toBeLessThan(500);
    await stillAlive(local, localPort);
  }, 30_000);

  it("with authentication on, the curl line from the issue is refused before its body is read, and the process lives", async () => {
    const { stdout } = await run("sh", [
      "-c",
      `printf 'x' | curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -H 'Content-Encoding: gzip' --data-binary @- http://127.0.0.1:${productionPort}/api/messages`,
    ]);
    expect(stdout).toBe("401");
    const answers = await Promise.all(
      MALFORMED.slice(0, 8).map(([, request]) => rawRequest(productionPort, request)),
    );
    for (const answer of answers) expect(answer.status).toBe(401);
    await stillAlive(production, productionPort);
  }, 30_000);

  it("a well-formed but forged token gets a plain 401 or 503, never the reason", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    const forged = await new SignJWT({ serviceurl: "http://127.0.0.1:1/" })
      .setProtectedHeader({ alg: "RS256", kid: "forged" })
      .setIssuer("https://api.botframework.com")
      .setAudience("6c1b2a3d-0000-4000-8000-00000000b07a")
      .setExpirationTime("1h")
      .sign(privateKey);
    const response = await fetch(`http://127.0.0.1:${productionPort}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${forged}` },
      body: activity,
    });
    // Without internet the metadata cannot be fetched (503); where it can, the unknown key is refused (401).
    expect([401, 503]).toContain(response.status);
    expect(await response.json()).toEqual({
      error: response.status === 401 ? "authorization required" : "service unavailable",
    });
    await stillAlive(production, productionPort);
  }, 30_000);
});
