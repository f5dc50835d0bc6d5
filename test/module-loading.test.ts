import { execFile } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it, vi } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
// The Workers entry and its bundled .sql imports only load through wrangler (its Text rule): the worker smoke test loads them.
const ENTRIES = new Set(["src/main.node.ts", "src/main.worker.ts", "src/db/bundled-migrations.ts", "src/web/bundled-assets.ts"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

const files = ["src", "bots", "flows"].flatMap((d) => sourceFiles(join(ROOT, d))).map((f) => relative(ROOT, f)).filter((f) => !ENTRIES.has(f));

describe("every module loads", () => {
  it.each(files)("%s", async (file) => {
    vi.resetModules();
    await expect(import(join(ROOT, file))).resolves.toBeDefined();
  });
});

// Circular imports can leave a module half-initialised depending on which file is loaded first: a
// crash only some entry points see, and only under Node's own ES modules (the test runner's loader
// hides it). So the modules that start a process or a job are each loaded first in a real Node.
const FIRST_LOADED = ["src/app.ts", "flows/engine.ts", "flows/broadcast/post.ts", "src/jobs/broadcast-jobs.ts", "bots/telegram/handle-update.ts", "bots/telegram/startup.ts", "flows/order/product-step.ts", "flows/comment/take-comment.ts"];

describe("entry modules load first in plain Node", () => {
  it("each one, in its own process", async () => {
    const run = promisify(execFile);
    const results = await Promise.allSettled(
      FIRST_LOADED.map((f) => run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", `await import(${JSON.stringify(join(ROOT, f))})`], { cwd: ROOT, timeout: 30_000 })),
    );
    const failed = results.flatMap((r, i) => (r.status === "rejected" ? [`${FIRST_LOADED[i]}: ${String((r.reason as { stderr?: string }).stderr ?? r.reason).split("\n").find((l) => /Error/.test(l))}`] : []));
    expect(failed).toEqual([]);
  }, 60_000);
});
