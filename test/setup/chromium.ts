import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";

// `npm test` on a fresh machine: the browser tests need Debian's Chromium (never a browser
// download). Found, it is used; missing, it is installed where this user can (root with apt-get,
// as .ci/run does); otherwise the run stops at once with one line naming the command to run.

export const DEBIAN_PACKAGES = ["chromium", "fonts-noto-color-emoji"] as const;
const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

export type ChromiumPlan = { kind: "use"; path: string } | { kind: "install" } | { kind: "stop"; line: string };

/** What to do about Chromium, from what this machine has. Pure, so each case has a test. */
export function chromiumPlan(m: { env: Record<string, string | undefined>; exists(path: string): boolean; isRoot: boolean; hasAptGet: boolean }): ChromiumPlan {
  const wanted = m.env.CHROMIUM_PATH;
  if (wanted) return m.exists(wanted) ? { kind: "use", path: wanted } : { kind: "stop", line: `CHROMIUM_PATH=${wanted} does not exist: point it at a Chromium, or unset it to use Debian's package.` };
  const found = CANDIDATES.find((p) => m.exists(p));
  if (found) return { kind: "use", path: found };
  if (m.isRoot && m.hasAptGet) return { kind: "install" };
  return { kind: "stop", line: `The browser tests need Chromium: run "sudo apt-get install -y --no-install-recommends ${DEBIAN_PACKAGES.join(" ")}" (or set CHROMIUM_PATH), then npm test again.` };
}

/**
 * True when this run includes a browser test: no file filter on the command line, or one that
 * matches a browser test's path (vitest's filters are parts of the path).
 */
export function runIncludesBrowserTests(argv: readonly string[], browserTests: readonly string[]): boolean {
  const run = argv.indexOf("run");
  const args = run < 0 ? [] : argv.slice(run + 1);
  // A flag's value ("-t name") is not a file filter.
  const filters = args.filter((a, i) => !a.startsWith("-") && !/^(-t|--testNamePattern|--reporter|--project|--outputFile)$/.test(args[i - 1] ?? ""));
  return filters.length === 0 || filters.some((f) => browserTests.some((path) => path.includes(f.replace(/^\.\//, ""))));
}

function aptInstall(): boolean {
  console.log(`installing Debian's ${DEBIAN_PACKAGES.join(" ")} for the browser tests…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  if (update.status !== 0) return false;
  return spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...DEBIAN_PACKAGES], { stdio: ["ignore", "ignore", "inherit"], env }).status === 0;
}

/** Vitest's global setup: runs once, before any test file. */
export default function setup(): void {
  const browserTests = readdirSync("test/browser").map((f) => `test/browser/${f}`);
  if (!runIncludesBrowserTests(process.argv, browserTests)) return;
  const machine = {
    env: process.env,
    exists: existsSync,
    isRoot: process.getuid?.() === 0,
    hasAptGet: spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0,
  };
  let plan = chromiumPlan(machine);
  if (plan.kind === "install") {
    plan = aptInstall() ? chromiumPlan({ ...machine, isRoot: false }) : chromiumPlan({ ...machine, hasAptGet: false });
  }
  if (plan.kind === "stop") {
    // One line, no stack: what to run is all a person needs here.
    console.error(plan.line);
    process.exit(1);
  }
  if (plan.kind === "use") process.env.CHROMIUM_PATH = plan.path;
}
