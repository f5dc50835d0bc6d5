import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { openSqlite } from "../../src/db/sqlite";
import { buildBook } from "../../src/domain/books/build-book";

// `npm run demo:orders`: a seller (or anyone trying Chợ Chat) fills the demo shop with a month of
// orders to see the books filled in. Run as the package script runs it, on a real database file.
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "cho-chat-demo-orders-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const script = (db: string, ...args: string[]) =>
  run(process.execPath, ["--import", "tsx", "scripts/demo-orders.ts", ...args], { cwd: ROOT, env: { ...process.env, DATABASE_PATH: db, TZ_SHOP: "Asia/Ho_Chi_Minh" } });

describe("npm run demo:orders", () => {
  it("fills an empty demo shop with a month the books read, says where to see it, and refuses a second time", async () => {
    const db = join(dir, "demo.db");
    const out = await script(db, "--", "--month", "2026-10");
    expect(out.stdout).toMatch(/^demo shop: \d{3} orders from 2026-10-01 to 2026-10-31 \(\d{3} delivered\)/);
    expect(out.stdout).toContain("/dashboard/books?shop=demo&month=2026-10");
    const said = Number(out.stdout.match(/revenue in S1a-HKD for the month: ([\d.]+)/)![1]!.replace(/\./g, ""));

    const sqlite = openSqlite(db);
    const shop = await sqlite.store.db.selectFrom("shops").selectAll().where("slug", "=", "demo").executeTakeFirstOrThrow();
    const s1a = await buildBook(sqlite.store, shop, "S1a", { from: "2026-10-01", to: "2026-10-31" });
    expect(s1a.totals.total).toBe(said);
    expect(said).toBeGreaterThan(50_000_000);
    const delivered = await sqlite.store.db.selectFrom("orders").select("id").where("status", "=", "delivered").execute();
    expect(delivered.length).toBeGreaterThan(150);
    await sqlite.close();

    // Never into a shop that already has orders (its real sales).
    await expect(script(db)).rejects.toMatchObject({ stderr: expect.stringMatching(/the demo shop already has \d+ orders: nothing was added/) });
    // A month the rules do not cover, or not over yet, is refused before anything is written.
    const other = join(dir, "other.db");
    await expect(script(other, "--month", "2025-12")).rejects.toMatchObject({ stderr: expect.stringContaining("--month must be from 2026-01 to") });
    await expect(script(other, "--month", "11/2026")).rejects.toMatchObject({ stderr: expect.stringContaining("--month must look like 2026-11") });
    await expect(script(":memory:")).rejects.toMatchObject({ stderr: expect.stringContaining("nothing would be kept") });
  }, 60_000);
});
