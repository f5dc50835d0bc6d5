import { describe, expect, it } from "vitest";
import { chromiumPlan, runIncludesBrowserTests } from "../setup/chromium";

const machine = (over: Partial<Parameters<typeof chromiumPlan>[0]> & { files?: string[] } = {}) => {
  const files = new Set(over.files ?? []);
  return { env: {}, exists: (p: string) => files.has(p), isRoot: false, hasAptGet: true, ...over };
};

describe("npm test finds Chromium for the browser tests", () => {
  it("uses Debian's Chromium where it is", () => {
    expect(chromiumPlan(machine({ files: ["/usr/bin/chromium"] }))).toEqual({ kind: "use", path: "/usr/bin/chromium" });
    expect(chromiumPlan(machine({ files: ["/usr/bin/chromium-browser"] }))).toEqual({ kind: "use", path: "/usr/bin/chromium-browser" });
  });

  it("uses CHROMIUM_PATH when set, and stops with one line when it points nowhere", () => {
    expect(chromiumPlan(machine({ env: { CHROMIUM_PATH: "/opt/c/chrome" }, files: ["/opt/c/chrome", "/usr/bin/chromium"] }))).toEqual({ kind: "use", path: "/opt/c/chrome" });
    const plan = chromiumPlan(machine({ env: { CHROMIUM_PATH: "/nope" }, files: ["/usr/bin/chromium"] }));
    expect(plan).toMatchObject({ kind: "stop" });
    expect(plan.kind === "stop" && plan.line).toContain("CHROMIUM_PATH=/nope");
  });

  it("installs Debian's package as root with apt-get, as .ci/run does", () => {
    expect(chromiumPlan(machine({ isRoot: true }))).toEqual({ kind: "install" });
  });

  it("otherwise stops at once with one line naming the command to run", () => {
    for (const m of [machine({ isRoot: false }), machine({ isRoot: true, hasAptGet: false })]) {
      const plan = chromiumPlan(m);
      expect(plan.kind).toBe("stop");
      if (plan.kind !== "stop") continue;
      expect(plan.line).toContain("apt-get install -y --no-install-recommends chromium");
      expect(plan.line).not.toContain("\n");
    }
  });

  it("a run of other files does not need Chromium; the whole suite and browser files do", () => {
    const browser = ["test/browser/webchat.browser.test.ts"];
    expect(runIncludesBrowserTests(["node", "vitest", "run"], browser)).toBe(true);
    expect(runIncludesBrowserTests(["node", "vitest", "run", "test/browser"], browser)).toBe(true);
    expect(runIncludesBrowserTests(["node", "vitest", "run", "./test/browser/webchat.browser.test.ts"], browser)).toBe(true);
    expect(runIncludesBrowserTests(["node", "vitest", "run", "webchat"], browser)).toBe(true);
    expect(runIncludesBrowserTests(["node", "vitest", "run", "test/unit", "-t", "x"], browser)).toBe(false);
    expect(runIncludesBrowserTests(["node", "vitest", "run", "test/http/bad-input.test.ts"], browser)).toBe(false);
  });
});
