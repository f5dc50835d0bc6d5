/**
 * How long a client may take to send a request (headers and body) before the Node server answers
 * 408 and closes: long enough for a 1 MiB photo on slow 3G, far shorter than Node's default five
 * minutes, so slow senders cannot hold hundreds of sockets open. Options for http.createServer.
 */
export function nodeServerOptions(requestTimeoutMs = 60_000): { requestTimeout: number; headersTimeout: number; connectionsCheckingInterval: number; keepAliveTimeout: number } {
  return {
    requestTimeout: requestTimeoutMs,
    headersTimeout: Math.min(20_000, requestTimeoutMs),
    // How often Node checks for the two above; its default (30 s) would let a slow sender linger.
    connectionsCheckingInterval: Math.max(250, Math.min(5_000, Math.floor(requestTimeoutMs / 4))),
    keepAliveTimeout: 5_000,
  };
}
