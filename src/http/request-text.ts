import type { Context } from "hono";
import { concatBytes } from "../platform/bytes";

/** What @hono/node-server passes as the environment: Node's own request (no node: import needed here). */
interface NodeIncoming {
  on(event: "data", listener: (chunk: Uint8Array) => void): unknown;
  on(event: "end" | "close", listener: () => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
  readableEnded?: boolean;
  complete?: boolean;
}

const read = new WeakMap<NodeIncoming, Promise<string>>();

/**
 * The request body as text. On Node, a body that declared its length (already judged by the size
 * limit, and framed to exactly that by Node's parser) is read straight off Node's request: Hono's
 * `c.req.text()` would first build a whole Web Request around a web stream for it, about a tenth of
 * a small webhook's cost. A chunked body goes through Hono, whose size limit counts it as it comes;
 * so does every body on Workers.
 */
export function requestText(c: Context): Promise<string> {
  const incoming = (c.env as { incoming?: NodeIncoming } | undefined)?.incoming;
  if (!incoming || typeof incoming.on !== "function" || c.req.header("transfer-encoding") !== undefined || c.req.header("content-length") === undefined) {
    return c.req.text();
  }
  let text = read.get(incoming);
  if (!text) {
    text = new Promise<string>((resolve, reject) => {
      const chunks: Uint8Array[] = [];
      incoming.on("data", (chunk) => chunks.push(chunk));
      incoming.on("end", () => resolve(new TextDecoder().decode(concatBytes(chunks))));
      incoming.on("error", reject);
      incoming.on("close", () => {
        if (!incoming.complete) reject(new Error("the request was cut off before its body ended"));
      });
    });
    read.set(incoming, text);
  }
  return text;
}
