import { readdirSync, readFileSync } from "node:fs";
import BetterSqlite3 from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { readMigrationFiles } from "../../src/db/sqlite";
import { splitSqlStatements } from "../../src/db/sql-statements";
import { MIGRATIONS_DIR } from "../helpers/test-app";

// sqlite_master keeps each statement's text, comments included: compare it without them.
const schemaOf = (db: BetterSqlite3.Database) =>
  (db.prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").all() as { type: string; name: string; sql: string | null }[]).map((r) => ({
    ...r,
    sql: (r.sql ?? "").replace(/--[^\n]*/g, "").replace(/\s+/g, " ").trim(),
  }));

describe("migration files", () => {
  it("the Worker bundles every file in migrations/", () => {
    const bundled = readFileSync(new URL("../../src/db/bundled-migrations.ts", import.meta.url), "utf8");
    for (const f of readdirSync(MIGRATIONS_DIR).filter((n) => n.endsWith(".sql"))) expect(bundled).toContain(`name: "${f}"`);
  });

  it("split into statements (as D1 runs them) they build exactly the schema the whole script does", () => {
    const whole = new BetterSqlite3(":memory:");
    const split = new BetterSqlite3(":memory:");
    for (const file of readMigrationFiles(MIGRATIONS_DIR)) {
      whole.exec(file.sql);
      for (const statement of splitSqlStatements(file.sql)) split.prepare(statement).run();
    }
    expect(schemaOf(split)).toEqual(schemaOf(whole));
    expect(splitSqlStatements("CREATE TABLE a (x); -- note; here\nCREATE TABLE b (y);")).toEqual(["CREATE TABLE a (x)", "CREATE TABLE b (y)"]);
    expect(splitSqlStatements("CREATE TRIGGER t AFTER INSERT ON a\nBEGIN\n  UPDATE b SET y = 1;\n  UPDATE b SET y = 2;\nEND;\nCREATE TABLE c (z);")).toEqual([
      "CREATE TRIGGER t AFTER INSERT ON a\nBEGIN\n  UPDATE b SET y = 1;\nUPDATE b SET y = 2;\nEND",
      "CREATE TABLE c (z)",
    ]);
  });
});
