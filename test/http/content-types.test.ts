import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, makeTestApp, type TestApp } from "../helpers/test-app";

// Machines get a 4xx with a short JSON reason for a body of the wrong kind, never a 5xx. A JSON body
// is read whatever its declared type (some senders label it text/plain); nothing else is.

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ env: { SEPAY_API_KEY: "sepay_test_key" } });
});
afterEach(async () => {
  await t.close();
});

const ROUTES: [string, Record<string, string>][] = [
  ["/api/webchat/demo/messages", {}],
  ["/webhooks/sepay/demo", { authorization: "Apikey sepay_test_key" }],
  ["/api/shops/demo/broadcasts", { authorization: `Bearer ${ADMIN_TOKEN}` }],
];
const NOT_JSON: [string, string][] = [
  ["application/x-www-form-urlencoded", "text=ch%E1%BB%91t+A1"],
  ["multipart/form-data; boundary=x", "--x\r\ncontent-disposition: form-data; name=\"text\"\r\n\r\nA1\r\n--x--"],
  ["application/xml", "<message>A1</message>"],
  ["application/json", "{\"text\": \"A1\""],
  ["application/octet-stream", "\u0000\u0001\u0002"],
];

describe("bodies of the wrong kind", () => {
  it.each(ROUTES)("%s answers 400 with a reason to anything that is not JSON", async (path, headers) => {
    for (const [type, body] of NOT_JSON) {
      const res = await t.app.request(path, { method: "POST", headers: { "content-type": type, ...headers }, body });
      expect(res.status, `${type} to ${path}`).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect(((await res.json()) as { error: string }).error).toMatch(/^[a-zA-Z]/);
    }
    const errors = t.logger.lines.filter((l) => l.includes('"level":"error"'));
    expect(errors).toEqual([]);
  });

  it("the web chat reads JSON labelled text/plain, as a browser's simple request sends it", async () => {
    const res = await t.app.request("/api/webchat/demo/messages", { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify({ id: "m1" }) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { replies: unknown[] }).replies.length).toBeGreaterThan(0);
  });
});
