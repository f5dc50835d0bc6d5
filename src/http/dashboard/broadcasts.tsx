import { Hono } from "hono";
import type { Shop } from "../../db/schema";
import { shopBroadcast } from "../../domain/broadcast/find-broadcast";
import { broadcastProgress } from "../../domain/broadcast/progress";
import { recentBroadcasts } from "../../domain/broadcast/recent-broadcasts";
import { activeSchedules, deactivateSchedule } from "../../domain/broadcast/shop-schedules";
import { loadCatalog } from "../../domain/catalog/catalog";
import { newSecretToken } from "../../domain/orders/codes";
import { broadcastsPageMessages, type BroadcastsPageMessages } from "../../i18n/broadcasts-page";
import { messagesFor } from "../../i18n/messages";
import { composerFrom, DEFAULT_COMPOSER, MAX_TEXT, type Composer } from "./broadcasts/composer";
import { ComposerPage } from "./broadcasts/composer-page";
import { DetailsPage } from "./broadcasts/details-page";
import { shopQuery, shopTime } from "./broadcasts/format";
import { PreviewBox, previewOf } from "./broadcasts/preview";
import { schedulePost, sendNow } from "./broadcasts/submit";
import { requireSession, shopFor, type DashboardContext, type DashboardDeps, type DashboardEnv } from "./context";

type Flash = { text: string; error?: boolean };

/** The flash a redirect back to the composer asked for (`?ok=…`): only known words, never text from the URL. */
function flashOf(c: DashboardContext, shop: Shop, m: BroadcastsPageMessages): Flash | undefined {
  const okKind = c.req.query("ok");
  const n = Number(c.req.query("n") ?? "");
  const next = shopTime(c.req.query("next") ?? "", shop.time_zone);
  const text =
    okKind === "sent" && Number.isSafeInteger(n) && n >= 0
      ? m.bcSent({ targets: n })
      : okKind === "dup"
        ? m.bcAlreadySent
        : okKind === "scheduled" && next
          ? m.bcScheduled({ next })
          : okKind === "off"
            ? m.bcDeactivated
            : undefined;
  return text ? { text } : undefined;
}

/**
 * Broadcasts under /dashboard: compose one item, the menu or a free post with a preview, send it
 * now to every linked group or schedule it; recent posts with their delivery, and the schedules.
 */
export function broadcastRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  // Scoped to this section's paths, so mounting order next to the login routes does not matter.
  app.use("/broadcasts/*", requireSession(deps));

  // Shippers deliver; posting to every buyers' group is for the shop's owner and staff.
  const section = async (c: DashboardContext): Promise<{ shop: Shop; m: BroadcastsPageMessages } | Response> => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    if (c.get("session").user.role === "shipper") return c.html(<p>{c.get("d").forbidden}</p>, 403);
    return { shop, m: broadcastsPageMessages(c.get("session").lang) };
  };

  const composerPage = async (c: DashboardContext, shop: Shop, m: BroadcastsPageMessages, composer: Composer, flash?: Flash, status: 200 | 400 | 409 = 200) => {
    const catalog = await loadCatalog(deps.store, shop.id);
    // An item post with no item chosen yet previews the first item, as the select shows it.
    const shown = composer.kind === "item" && !composer.code && catalog[0] ? { ...composer, code: catalog[0].code } : composer;
    const preview = previewOf(shop, catalog, shown, m, deps.clock.now());
    const recent = await recentBroadcasts(deps.store, shop.id);
    const schedules = await activeSchedules(deps.store, shop.id);
    const page = { d: c.get("d"), session: c.get("session"), assets: c.get("assets"), shop, m, flash, catalog, composer: shown, preview, nonce: newSecretToken(12), recent, schedules };
    return c.html(<ComposerPage {...page} />, status);
  };

  app.get("/broadcasts", async (c) => {
    const s = await section(c);
    if (s instanceof Response) return s;
    return composerPage(c, s.shop, s.m, DEFAULT_COMPOSER, flashOf(c, s.shop, s.m));
  });

  app.get("/broadcasts/preview", async (c) => {
    const s = await section(c);
    if (s instanceof Response) return s;
    const { composer } = composerFrom(c.req.query());
    const preview = previewOf(s.shop, await loadCatalog(deps.store, s.shop.id), composer, s.m, deps.clock.now());
    c.header("Cache-Control", "no-store");
    return c.html(<PreviewBox preview={preview} t={messagesFor(s.shop.lang)} />);
  });

  app.post("/broadcasts", async (c) => {
    const s = await section(c);
    if (s instanceof Response) return s;
    const { shop, m } = s;
    const form = await c.req.parseBody();
    const { composer, kindValid } = composerFrom(form);
    const refuse = (text: string, status: 400 | 409 = 400) => composerPage(c, shop, m, composer, { text, error: true }, status);
    const action = form.do;
    if (action !== "send" && action !== "schedule") return composerPage(c, shop, m, composer);
    if (!kindValid) return refuse(m.errKind);
    if (composer.kind === "free" && composer.text.length > MAX_TEXT) return refuse(m.errTextTooLong);
    const user = c.get("session").user;
    const done = action === "send" ? await sendNow(deps, shop, m, composer, form.nonce, user.display_name || user.username) : await schedulePost(deps, shop, m, composer);
    return "redirect" in done ? c.redirect(done.redirect, 303) : refuse(done.refused, done.status);
  });

  app.post("/broadcasts/schedules/:id{[0-9]{1,12}}/off", async (c) => {
    const s = await section(c);
    if (s instanceof Response) return s;
    // The id comes from the form's URL: only a schedule of this shop is touched.
    if (!(await deactivateSchedule(deps.store, s.shop.id, Number(c.req.param("id"))))) return c.html(<p>{s.m.bcNotFound}</p>, 404);
    return c.redirect(`/dashboard/broadcasts${shopQuery(s.shop)}&ok=off`, 303);
  });

  app.get("/broadcasts/:id{[0-9]{1,12}}", async (c) => {
    const s = await section(c);
    if (s instanceof Response) return s;
    const broadcast = await shopBroadcast(deps.store, s.shop.id, Number(c.req.param("id")));
    const progress = broadcast ? await broadcastProgress(deps.store, broadcast.id) : undefined;
    if (!broadcast || !progress) return c.html(<p>{s.m.bcNotFound}</p>, 404);
    return c.html(<DetailsPage d={c.get("d")} session={c.get("session")} assets={c.get("assets")} shop={s.shop} m={s.m} broadcast={broadcast} progress={progress} />);
  });

  return app;
}
