import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Queries live in src/domain/ (and src/db/: the schema, the migrator, the dialect wiring). Routes,
// jobs, flows and channels call named domain functions, so a rule about stock or buyers is found in
// one place. This test reads every other file of the core and fails on Kysely or on the database.
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const QUERY_FOLDERS = ["src/domain/", "src/db/"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

/** What in a file's text is a query or a way to one: Kysely imported, or the store's database touched. */
export function queryUses(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/\bfrom\s*["'](kysely(?:-d1)?(?:\/[^"']*)?)["']/g)) found.push(`imports ${m[1]}`);
  for (const m of source.matchAll(/\bimport\s*\(\s*["'](kysely[^"']*)["']\s*\)/g)) found.push(`imports ${m[1]}`);
  for (const m of source.matchAll(/\b(?:store|deps\.store|ctx\.store|this\.store)\s*\.\s*db\b/g)) found.push(`touches ${m[0].replace(/\s+/g, "")}`);
  for (const m of source.matchAll(/\.db\s*\.\s*(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|transaction|executeQuery|with|fn|dynamic)\b/g)) found.push(`touches .db.${m[1]}`);
  return [...new Set(found)];
}

describe("queries only in the domain", () => {
  const files = ["src", "bots", "flows"]
    .flatMap((d) => sourceFiles(join(ROOT, d)))
    .map((f) => relative(ROOT, f).split("\\").join("/"))
    .filter((f) => !QUERY_FOLDERS.some((q) => f.startsWith(q)));

  it("the check sees a query where there is one", () => {
    expect(queryUses(`import { sql } from "kysely";`)).toEqual(["imports kysely"]);
    expect(queryUses(`await deps.store.db.selectFrom("buyers")`)).toContain("touches deps.store.db");
    expect(queryUses(`const { db } = store; await x.db.updateTable("shops")`)).toContain("touches .db.updateTable");
    expect(queryUses(`await findBuyer(deps.store, id)`)).toEqual([]);
    expect(files).toContain("src/app.ts");
    expect(files).not.toContain("src/domain/catalog/catalog.ts");
  });

  it("no file outside src/domain/ and src/db/ imports Kysely or touches the store's database", () => {
    const offenders = files.flatMap((f) => queryUses(readFileSync(join(ROOT, f), "utf8")).map((u) => `${f} ${u}`));
    expect(offenders).toEqual([]);
  });
});
