import net from "node:net";

export interface RawResponse {
  /** The status from the response line; 0 when the server closed without answering. */
  status: number;
  /** Everything the server sent (head and body). */
  text: string;
}

export interface RawRequest {
  head: string;
  /** Sent right after the head; an array is sent one part at a time, `dripMs` apart. */
  body?: Buffer | string | (Buffer | string)[];
  dripMs?: number;
}

/**
 * Sends bytes exactly as given, for requests no HTTP client would send (wrong
 * lengths, chunked garbage, a slow drip), and reads whatever comes back until
 * the server has answered once or closes the connection. The socket is never
 * half-closed: Node drops a request whose client did that before it answered.
 */
export function rawRequest(port: number, request: RawRequest): Promise<RawResponse> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    let received = "";
    let done = false;
    const parts = Array.isArray(request.body)
      ? request.body
      : request.body === undefined
        ? []
        : [request.body];
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(received)?.[1] ?? 0);
      resolve({ status, text: received });
    };
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
      // One full answer is enough: a head, and a body as long as it says, or chunked up to its last chunk.
      const end = received.indexOf("\r\n\r\n");
      if (end < 0) return;
      const head = received.slice(0, end);
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? -1);
      if (length >= 0 && received.length >= end + 4 + length) finish();
      if (/\r\ntransfer-encoding: *chunked/i.test(head) && received.endsWith("\r\n0\r\n\r\n")) finish();
    });
    socket.on("close", finish);
    socket.on("error", finish);
    socket.on("connect", async () => {
      socket.write(request.head);
      for (const [i, part] of parts.entries()) {
        if (done) return;
        if (i > 0 && request.dripMs) await new Promise((r) => setTimeout(r, request.dripMs));
        if (!socket.destroyed) socket.write(part);
      }
    });
  });
}

/** A POST /api/messages head with the given extra header lines. */
export function postHead(lines: string[]): string {
  return ["POST /api/messages HTTP/1.1", "Host: 127.0.0.1", ...lines, "", ""].join("\r\n");
}
