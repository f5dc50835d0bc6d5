import { postBroadcast } from "../../../../flows/broadcast/post";
import type { Shop } from "../../../db/schema";
import { postedUnder } from "../../../domain/broadcast/find-broadcast";
import { createSchedule } from "../../../domain/broadcast/schedules";
import { findByCode, loadCatalog } from "../../../domain/catalog/catalog";
import { newSecretToken } from "../../../domain/orders/codes";
import type { BroadcastsPageMessages } from "../../../i18n/broadcasts-page";
import type { DashboardDeps } from "../context";
import { cronOf, NONCE, type Composer } from "./composer";
import { cronReason, shopQuery } from "./format";

/** What a "send now" or a "schedule" came to: the page to go to, or why it was refused (the composer is shown again). */
export type Submitted = { redirect: string } | { refused: string; status: 400 | 409 };

const back = (shop: Shop, query: string): Submitted => ({ redirect: `/dashboard/broadcasts${shopQuery(shop)}&${query}` });

/**
 * Posts the composed post to every linked group now. The form's one-time id makes a double tap or a
 * resubmitted form post once; the shop id in the key keeps one shop's id from ever naming another
 * shop's broadcast.
 */
export async function sendNow(deps: DashboardDeps, shop: Shop, m: BroadcastsPageMessages, c: Composer, nonce: unknown, by: string): Promise<Submitted> {
  const sourceKey = `dash:${shop.id}:${typeof nonce === "string" && NONCE.test(nonce) ? nonce : newSecretToken(12)}`;
  if (await postedUnder(deps.store, sourceKey)) return back(shop, "ok=dup");
  const result = await postBroadcast(
    deps.store,
    shop,
    {
      kind: c.kind,
      ...(c.kind === "item" && c.code ? { productCode: c.code } : {}),
      ...(c.kind === "free" ? { text: c.text } : {}),
      sourceKey,
      createdBy: by,
    },
    deps.clock.now(),
  );
  if (!result.ok) {
    const why = { unknown_code: m.errUnknownCode, empty_menu: m.errEmptyMenu, no_text: m.errNoText, no_groups: m.errNoGroups }[result.reason];
    return { refused: why, status: result.reason === "no_groups" ? 409 : 400 };
  }
  deps.onOutboxWrite?.();
  return back(shop, `ok=sent&n=${result.value.targets}`);
}

/** Schedules the composed post. The run posts through the same path later, so what can be checked now is checked now. */
export async function schedulePost(deps: DashboardDeps, shop: Shop, m: BroadcastsPageMessages, c: Composer): Promise<Submitted> {
  const refused = (why: string): Submitted => ({ refused: why, status: 400 });
  let productCode: string | null = null;
  if (c.kind === "item") {
    const item = findByCode(await loadCatalog(deps.store, shop.id), c.code);
    if (!item) return refused(m.errUnknownCode);
    productCode = item.code;
  }
  if (c.kind === "free" && !c.text.trim()) return refused(m.errNoText);
  const cron = cronOf(c);
  if (cron.length > 100) return refused(m.errCron({ why: m.bcCronTooLong({ max: 100 }) }));
  const created = await createSchedule(deps.store, shop, { cron, kind: c.kind, productCode, text: c.kind === "free" ? c.text.trim() : null }, deps.clock.now());
  if (!created.ok) return refused(m.errCron({ why: cronReason(m, cron, created.reason) }));
  return back(shop, `ok=scheduled&next=${encodeURIComponent(created.value.nextRunAt)}`);
}
