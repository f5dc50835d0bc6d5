import { builtinModules } from "node:module";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// DESIGN rule 1: src/ (but the Node entry and the SQLite wiring), bots/ and flows/ use Web-standard
// APIs only, so the same code runs on Workers. This test reads every import and fails on a Node one.
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ALLOWED_NODE_FILES = new Set(["src/main.node.ts", "src/db/sqlite.ts", "src/db/sqlite-driver.ts", "src/web/assets-from-disk.ts"]);
const NODE_ONLY_PACKAGES = ["better-sqlite3", "@hono/node-server", "node-cron", "tsx", "node-fetch", "ws", "busboy", "undici", "playwright-core", "pngjs", "jsqr"];
// Packages whose main entry needs Node while a subpath is pure (qrcode's core is used, its entry is not).
const NODE_ONLY_ENTRIES = ["qrcode"];
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs)$/.test(name) ? [path] : [];
  });
}

/** Every module specifier a file imports or re-exports, static or dynamic. */
function importsOf(source: string): string[] {
  const found: string[] = [];
  const patterns = [/\bfrom\s*["']([^"']+)["']/g, /\bimport\s*["']([^"']+)["']/g, /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g, /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g];
  for (const p of patterns) for (const m of source.matchAll(p)) if (m[1]) found.push(m[1]);
  return found;
}

function isNodeOnly(specifier: string): boolean {
  if (specifier.startsWith("node:") || NODE_BUILTINS.has(specifier.split("/")[0] ?? "")) return true;
  return NODE_ONLY_ENTRIES.includes(specifier) || NODE_ONLY_PACKAGES.some((p) => specifier === p || specifier.startsWith(`${p}/`));
}

describe("runtime boundary", () => {
  const files = ["src", "bots", "flows"].flatMap((d) => sourceFiles(join(ROOT, d))).map((f) => relative(ROOT, f).split("\\").join("/"));

  it("finds the core's source files", () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files).toContain("flows/engine.ts");
  });

  it("no core file imports a node: module or a Node-only package", () => {
    const offenders = files
      .filter((f) => !ALLOWED_NODE_FILES.has(f))
      .flatMap((f) => importsOf(readFileSync(join(ROOT, f), "utf8")).filter(isNodeOnly).map((s) => `${f} imports ${s}`));
    expect(offenders).toEqual([]);
  });

  it("the check itself catches Node imports", () => {
    const sample = `import { readFileSync } from "node:fs";\nimport Database from "better-sqlite3";\nconst p = await import("path");\nimport { Hono } from "hono";\nimport QR from "qrcode";\nimport core from "qrcode/lib/core/qrcode.js";`;
    expect(importsOf(sample).filter(isNodeOnly)).toEqual(["node:fs", "better-sqlite3", "qrcode", "path"]);
  });
});
