import type { IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";

/** What the edge accepts in a request body; the README's Security section lists the same figures. */
export interface BodyLimits {
  /** The most bytes a body may hold after decoding (and before, since a compressed body is never larger). */
  maxBytes: number;
  /** A body not complete within this time is abandoned with 408 (a slow drip holds no memory or socket for long). */
  timeoutMs: number;
}

export const BODY_LIMITS: BodyLimits = { maxBytes: 256 * 1024, timeoutMs: 10_000 };

/** A request the edge will not read: the status and a short code, both safe to send back. */
export class RequestRefused extends Error {
  constructor(
    readonly status: 400 | 408 | 413 | 415,
    readonly code: string,
  ) {
    super(code);
    this.name = "RequestRefused";
  }
}

/** The client went away mid-body: there is no one left to answer. */
export class RequestAborted extends Error {
  constructor() {
    super("request aborted");
    this.name = "RequestAborted";
  }
}

type Headers = IncomingMessage["headers"];

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Checks what the headers announce, before a byte of the body is read:
 * JSON only (UTF-8), identity or gzip only, and a declared length within the limit.
 */
export function checkBodyHeaders(headers: Headers, limits: BodyLimits): { gzip: boolean } {
  const type = (headers["content-type"] ?? "").toLowerCase().split(";");
  const params = type.slice(1).map((p) => p.trim().replace(/"/g, ""));
  if (type[0]?.trim() !== "application/json" || params.some((p) => p !== "" && p !== "charset=utf-8"))
    throw new RequestRefused(415, "unsupported content type");
  const encoding = (headers["content-encoding"] ?? "identity").trim().toLowerCase();
  if (encoding !== "identity" && encoding !== "gzip")
    throw new RequestRefused(415, "unsupported content encoding");
  const declared = headers["content-length"];
  if (declared !== undefined && Number(declared) > limits.maxBytes)
    throw new RequestRefused(413, "body too large");
  return { gzip: encoding === "gzip" };
}

/**
 * Reads a JSON body within the limits: bytes are counted as they arrive and
 * again after gzip is undone, so a small body that inflates past the limit is
 * stopped as soon as it does. Nothing is written to disk. Every failure is a
 * RequestRefused (or RequestAborted), never an error that escapes the request.
 */
export function readJsonBody(req: IncomingMessage, limits: BodyLimits = BODY_LIMITS): Promise<unknown> {
  let gzip: boolean;
  try {
    ({ gzip } = checkBodyHeaders(req.headers, limits));
  } catch (err) {
    return Promise.reject(err);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let decoded = 0;
    let settled = false;
    const inflater = gzip ? createGunzip() : undefined;
    const source: Readable = inflater ?? req;

    const finish = (err: Error | undefined, value?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off("data", countRaw);
      if (inflater) {
        req.unpipe(inflater);
        inflater.destroy();
      }
      if (err) reject(err);
      else resolve(value);
    };
    const timer = setTimeout(() => finish(new RequestRefused(408, "body too slow")), limits.timeoutMs);
    timer.unref();

    const countRaw = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.maxBytes) finish(new RequestRefused(413, "body too large"));
    };
    req.on("data", countRaw);
    req.once("aborted", () => finish(new RequestAborted()));
    req.once("error", () => finish(new RequestAborted()));
    if (inflater) {
      inflater.once("error", () => finish(new RequestRefused(400, "broken gzip")));
      req.pipe(inflater);
    }
    source.on("data", (chunk: Buffer) => {
      if (settled) return;
      decoded += chunk.length;
      if (decoded > limits.maxBytes) return finish(new RequestRefused(413, "body too large"));
      chunks.push(chunk);
    });
    source.once("end", () => {
      let text: string;
      try {
        text = UTF8.decode(Buffer.concat(chunks));
      } catch {
        return finish(new RequestRefused(400, "body is not UTF-8"));
      }
      try {
        finish(undefined, JSON.parse(text));
      } catch {
        finish(new RequestRefused(400, "body is not JSON"));
      }
    });
  });
}
