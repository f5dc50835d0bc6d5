import { Cron } from "croner";
import type { BroadcastKind, Shop } from "../../db/schema";
import type { Store } from "../../db/store";
import { fail, ok, type Result } from "../../result";

/** The next time a five-field cron expression fires after `after`, in the shop's time zone; or why it is invalid. */
export function nextRun(cron: string, timeZone: string, after: Date): Result<Date, string> {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return fail("a schedule has 5 fields: minute hour day month weekday (e.g. 30 10 * * *)");
  try {
    const next = new Cron(cron.trim(), { timezone: timeZone, paused: true }).nextRun(after);
    return next ? ok(next) : fail("this schedule never runs");
  } catch (e) {
    return fail(e instanceof Error ? e.message.replace(/^CronPattern: /, "") : "invalid schedule");
  }
}

export interface NewSchedule {
  cron: string;
  kind: BroadcastKind;
  productCode?: string | null;
  text?: string | null;
  windowMinutes?: number;
}

/** Adds a scheduled post after checking its cron expression (a clear reason if it is wrong). */
export async function createSchedule(store: Store, shop: Shop, input: NewSchedule, now: Date): Promise<Result<{ id: number; nextRunAt: string }, string>> {
  const next = nextRun(input.cron, shop.time_zone, now);
  if (!next.ok) return next;
  const row = await store.db
    .insertInto("scheduled_posts")
    .values({
      shop_id: shop.id,
      cron: input.cron.trim(),
      kind: input.kind,
      product_code: input.productCode ?? null,
      text: input.text ?? null,
      window_minutes: input.windowMinutes ?? 60,
      next_run_at: next.value.toISOString(),
      created_at: now.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return ok({ id: row.id, nextRunAt: next.value.toISOString() });
}

export interface DueRun {
  scheduleId: number;
  shopId: number;
  kind: BroadcastKind;
  productCode: string | null;
  text: string | null;
  /** The run's own time: with the schedule id, the broadcast's source key, so it posts once. */
  runAt: string;
}

/**
 * Posts the runs that are due, then moves each schedule to its next future time. The post comes
 * first and is idempotent (its source key is the schedule and the run's own time), the move is one
 * conditional UPDATE from the value read: a crash in between posts once at restart, two runners
 * or a restart never post twice. A run missed while the server was down is posted if it is still
 * within its window, else skipped, so a long outage posts at most once.
 */
export async function runDueSchedules(store: Store, now: Date, post: (run: DueRun) => Promise<void>): Promise<number> {
  const due = await store.db
    .selectFrom("scheduled_posts as p")
    .innerJoin("shops as s", "s.id", "p.shop_id")
    .select(["p.id", "p.shop_id", "p.cron", "p.kind", "p.product_code", "p.text", "p.window_minutes", "p.next_run_at", "s.time_zone"])
    .where("p.active", "=", 1)
    .where("p.next_run_at", "<=", now.toISOString())
    .execute();
  let posted = 0;
  for (const p of due) {
    const late = now.getTime() - Date.parse(p.next_run_at);
    if (late <= p.window_minutes * 60_000) {
      await post({ scheduleId: p.id, shopId: p.shop_id, kind: p.kind, productCode: p.product_code, text: p.text, runAt: p.next_run_at });
      posted++;
    }
    const next = nextRun(p.cron, p.time_zone, now);
    await store.db
      .updateTable("scheduled_posts")
      .set({ last_run_at: p.next_run_at, ...(next.ok ? { next_run_at: next.value.toISOString() } : { active: 0 }) })
      .where("id", "=", p.id)
      .where("next_run_at", "=", p.next_run_at)
      .execute();
  }
  return posted;
}
