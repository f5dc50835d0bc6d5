import { Hono } from "hono";
import type { Shop } from "../../db/schema";
import { findBot, upsertBot, webhookSecretFor } from "../../domain/shops/bots";
import { createShop } from "../../domain/shops/create-shop";
import { botsOfShop } from "../../domain/shops/shop-bots";
import { groupsOfShop } from "../../domain/shops/shop-groups";
import { addStaff, endStaffSessions, findStaff, removeStaff } from "../../domain/shops/staff";
import { listStaff } from "../../domain/shops/staff-lists";
import { visibleShops } from "../../domain/shops/visible-shops";
import { loadZaloGroupsView } from "./shops/zalo-groups-card";
import { shopBotUsage } from "../../domain/usage/usage-view";
import { shopsPageMessages, type ShopsPageMessages } from "../../i18n/shops-page";
import { requireSession, shopFor, type DashboardContext, type DashboardDeps, type DashboardEnv } from "./context";
import { CHANNELS, ROLES } from "./shops/shop-cards";
import { ShopsPage, type CreateForm } from "./shops/shops-page";

export { maskToken } from "./shops/shop-cards";

const SLUG = /^[a-z0-9-]{2,30}$/;
const USER_ID = /^[0-9A-Za-z_-]{1,64}$/;
// As the environment's tokens are checked (config.ts): BotFather's secrets are longer than Zalo's.
const TOKEN_SHAPE = { telegram: /^(\d{3,30}):[A-Za-z0-9_-]{8,200}$/, zalo: /^(\d{3,30}):[A-Za-z0-9_-]{4,200}$/ } as const;

type Flash = { text: string; error?: boolean };

const str = (v: unknown, max: number) => (typeof v === "string" ? v.trim().slice(0, max) : "");
const words = (c: DashboardContext) => shopsPageMessages(c.get("session").lang);

// Only fixed keys come from the URL (and a slug that passes SLUG), so a crafted link cannot put words on the page.
function flashOf(c: DashboardContext, s: ShopsPageMessages): Flash | undefined {
  const okKey = c.req.query("ok");
  if (okKey === "created") {
    const slug = c.req.query("shop") ?? "";
    return { text: s.shopCreated({ slug: SLUG.test(slug) ? slug : "" }) };
  }
  if (okKey === "staff") return { text: s.staffSaved };
  if (okKey === "staffRemoved") return { text: s.staffRemoved };
  if (okKey === "staffLoggedOut") return { text: s.staffSessionsEnded };
  if (okKey === "bot") return { text: s.botLinked };
  return undefined;
}

/** The shops section (operator only, others 403): every shop, creating one, and per shop its staff, bots and groups. */
export function shopsRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  app.use("/shops/*", requireSession(deps));
  app.use("/shops/*", async (c, next) => {
    if (c.get("session").user.role !== "operator") return c.html(`<p>${c.get("d").forbidden}</p>`, 403);
    await next();
  });

  const render = async (c: DashboardContext, shop: Shop, opts: { flash?: Flash | undefined; status?: 200 | 400; create?: CreateForm } = {}) => {
    const session = c.get("session");
    const page = (
      <ShopsPage
        d={c.get("d")}
        s={words(c)}
        session={session}
        assets={c.get("assets")}
        shop={shop}
        shops={await visibleShops(deps.store, session.user)}
        staff={await listStaff(deps.store, shop.id)}
        bots={await botsOfShop(deps.store, shop.id)}
        groups={await groupsOfShop(deps.store, shop.id)}
        zaloGroups={await loadZaloGroupsView(deps.store, shop, deps.publicUrl, deps.clock.now())}
        zaloUsage={await shopBotUsage(deps.store, shop, deps.clock.now())}
        create={opts.create ?? { slug: "", name: "", lang: "vi" }}
        flash={opts.flash}
      />
    );
    return c.html(page, opts.status ?? 200);
  };
  const back = (c: DashboardContext, shop: Shop, q: string) => c.redirect(`/dashboard/shops?shop=${encodeURIComponent(shop.slug)}&${q}`, 303);
  const refused = (c: DashboardContext, shop: Shop, text: string) => render(c, shop, { flash: { text, error: true }, status: 400 });

  app.get("/shops", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    return render(c, shop, { flash: flashOf(c, words(c)) });
  });

  app.post("/shops", async (c) => {
    const s = words(c);
    const form = await c.req.parseBody();
    const create: CreateForm = { slug: str(form.slug, 40).toLowerCase(), name: str(form.name, 80), lang: form.lang === "en" ? "en" : "vi" };
    const current = await shopFor(c, deps.store);
    const refuse = async (text: string) => {
      const shown = current instanceof Response ? (await visibleShops(deps.store, c.get("session").user))[0] : current;
      if (!shown) return c.html(`<p>${text}</p>`, 400);
      return render(c, shown, { flash: { text, error: true }, status: 400, create });
    };
    if (!SLUG.test(create.slug)) return refuse(s.slugInvalid);
    if (!create.name) return refuse(s.nameMissing);
    if (!(await createShop(deps.store, create, deps.clock.now()))) return refuse(s.slugTaken({ slug: create.slug }));
    return c.redirect(`/dashboard/shops?shop=${encodeURIComponent(create.slug)}&ok=created`, 303);
  });

  app.post("/shops/staff", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const form = await c.req.parseBody();
    const channel = CHANNELS.find((ch) => ch === form.channel);
    const role = ROLES.find((r) => r === form.role);
    const userId = str(form.userId, 100);
    const name = str(form.name, 100);
    if (!channel || !role || !USER_ID.test(userId) || !name || name.length > 60) return refused(c, shop, words(c).staffInvalid);
    await addStaff(deps.store, { shopId: shop.id, channel, userId, name, role }, deps.clock.now());
    return back(c, shop, "ok=staff#staff");
  });

  // The staff member named by a form's channel and userId, at the page's shop.
  const staffOfForm = async (c: DashboardContext, shop: Shop) => {
    const form = await c.req.parseBody();
    const channel = str(form.channel, 20);
    const userId = str(form.userId, 100);
    return channel && USER_ID.test(userId) ? { channel, userId, staff: await findStaff(deps.store, shop.id, channel, userId) } : undefined;
  };

  app.post("/shops/staff/remove", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const who = await staffOfForm(c, shop);
    const removed = who?.staff ? await removeStaff(deps.store, shop.id, who.channel, who.userId) : undefined;
    if (!removed) return refused(c, shop, words(c).staffUnknown);
    return back(c, shop, "ok=staffRemoved#staff");
  });

  app.post("/shops/staff/logout", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const who = await staffOfForm(c, shop);
    if (!who?.staff) return refused(c, shop, words(c).staffUnknown);
    await endStaffSessions(deps.store, who.staff.id);
    return back(c, shop, "ok=staffLoggedOut#staff");
  });

  app.post("/shops/bots", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const form = await c.req.parseBody();
    const channel = CHANNELS.find((ch) => ch === form.channel);
    const token = typeof form.token === "string" ? form.token.trim() : "";
    const shape = channel ? TOKEN_SHAPE[channel].exec(token) : null;
    if (!channel || !shape?.[1]) return refused(c, shop, words(c).tokenInvalid);
    // upsertBot moves a bot to whichever shop links it last; a pasted token of another shop's bot is far
    // more likely a mistake than a move, so it is refused.
    const existing = await findBot(deps.store, channel, shape[1]);
    if (existing && existing.shop_id !== shop.id) return refused(c, shop, words(c).botTaken);
    const secret = await webhookSecretFor(deps.store, token, undefined, channel);
    await upsertBot(deps.store, { shopId: shop.id, channel, token, secret, username: null, info: null }, deps.clock.now());
    return back(c, shop, "ok=bot#bots");
  });

  return app;
}
