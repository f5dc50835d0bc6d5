import { readdirSync, readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ASSETS_DIR } from "../../src/web/assets-from-disk";
import { makeTestApp, testAssets, type TestApp } from "../helpers/test-app";

describe("stylesheets and browser scripts (src/web/assets/)", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
  });
  afterEach(() => t.close());

  it("the Worker bundles every file in src/web/assets/", () => {
    const bundled = readFileSync(new URL("../../src/web/bundled-assets.ts", import.meta.url), "utf8");
    const files = readdirSync(ASSETS_DIR).filter((n) => /\.(css|js)$/.test(n));
    expect(files).toContain("dashboard.css");
    for (const f of files) expect(bundled).toContain(`name: "${f}"`);
  });

  it("are served with their type, kept for a year at their versioned URL, and answered 304 when unchanged", async () => {
    const href = testAssets().href("dashboard.css");
    expect(href).toMatch(/^\/assets\/dashboard\.css\?v=[0-9a-f]{8}$/);
    const res = await t.app.request(href);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/css/);
    const css = await res.text();
    expect(css).toBe(readFileSync(`${ASSETS_DIR}/dashboard.css`, "utf8"));
    expect(res.headers.get("cache-control")).toContain("immutable");
    const etag = res.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[0-9a-f]{8}"$/);
    const again = await t.app.request("/assets/dashboard.css", { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    const unversioned = await t.app.request("/assets/dashboard.css");
    expect(unversioned.headers.get("cache-control")).toBe("no-cache");
  });

  it("an unknown name is a 404, and a path outside the folder is not a file", async () => {
    expect((await t.app.request("/assets/nope.css")).status).toBe(404);
    expect((await t.app.request("/assets/..%2Fapp.ts")).status).toBe(404);
  });
});
