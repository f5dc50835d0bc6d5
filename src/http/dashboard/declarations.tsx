import { Hono } from "hono";
import { declarationsView, type DeclarationsView } from "../../domain/books/declarations/declarations-view";
import { periodOf, type DeclarationPeriod } from "../../domain/books/declarations/periods";
import { RULES_COVER_FROM } from "../../domain/books/rules/tax-rules";
import { declarationsPageMessages } from "../../i18n/declarations-page";
import { localTime } from "../../platform/shop-time";
import { requireSession, shopFor, type DashboardDeps, type DashboardEnv } from "./context";
import { DeclarationsPage } from "./declarations/declarations-page";
import { ownersOnly } from "./owners-only";
import { periodFromQuery } from "./declarations/query";

/**
 * The declaration drafts (issue 24 part 5) at /dashboard/declarations: 01/CNKD for a quarter or month,
 * 01/TKN-CNKD for the first half or the year, each field with how it was computed, and the filings due
 * ahead. ?period=2026-Q3 or ?year=&part=; ?format=json gives the same figures as JSON. The shop's owner
 * and the operator only (tax figures): staff and shippers get 403.
 */
export function declarationsRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  app.use("/declarations", requireSession(deps));
  app.use("/declarations", ownersOnly);

  app.get("/declarations", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const session = c.get("session");
    const p = declarationsPageMessages(session.lang);
    const today = localTime(deps.clock.now(), shop.time_zone).date;
    const asked = periodFromQuery({ period: c.req.query("period"), year: c.req.query("year"), part: c.req.query("part") });
    const json = c.req.query("format") === "json";
    if (json && asked === "bad") return c.json({ error: "period must be YYYY, YYYY-H1, YYYY-Q1…Q4 or YYYY-M01…M12" }, 400);
    let flash: { text: string; error: boolean } | undefined = asked === "bad" ? { text: p.badPeriod, error: true } : undefined;
    let view: DeclarationsView | null = null;
    try {
      let result = await declarationsView(deps.store, shop, asked === "bad" ? null : asked, today);
      if ("refused" in result) {
        if (json) return c.json({ error: result.refused === "not_started" ? "the period has not started" : `drafts begin on ${RULES_COVER_FROM}` }, 400);
        flash = { text: result.refused === "not_started" ? p.notStarted : p.beforeRules({ from: RULES_COVER_FROM }), error: true };
        result = await declarationsView(deps.store, shop, null, today);
      }
      if (!("refused" in result)) view = result;
    } catch (error) {
      console.error("declarations: the draft could not be made", { shop: shop.slug, error: error instanceof Error ? error.message : String(error) });
      flash = { text: p.unavailable, error: true };
    }
    if (json) return view ? c.json({ ...view, mark: p.draftMark }) : c.json({ error: flash?.text ?? p.unavailable }, 503);
    const period: DeclarationPeriod = view?.draft.period ?? periodOf("quarter", today);
    const first = Number(RULES_COVER_FROM.slice(0, 4));
    const years = Array.from({ length: Math.max(1, Number(today.slice(0, 4)) - first + 1) }, (_, i) => first + i);
    return c.html(
      <DeclarationsPage d={c.get("d")} p={p} session={session} assets={c.get("assets")} shop={shop} flash={flash} years={years} view={view} period={period} />,
      view ? 200 : 503,
    );
  });

  return app;
}
