import { Hono } from "hono";
import { html, raw } from "hono/html";
import type { Shop, Staff } from "../../db/schema";
import { findBot, upsertBot, webhookSecretFor } from "../../domain/shops/bots";
import { openSecret } from "../../domain/secrets/sealed";
import { addStaff, endStaffSessions, findStaff, removeStaff } from "../../domain/shops/staff";
import { dashboardAdminMessages, type DashboardAdminMessages } from "../../i18n/dashboard-admin";
import { requireSession, shopFor, visibleShops, type DashboardContext, type DashboardDeps, type DashboardEnv } from "./context";
import { csrfField, page } from "./layout";

const SLUG = /^[a-z0-9-]{2,30}$/;
const CHANNELS = ["telegram", "zalo"] as const;
const ROLES = ["owner", "staff", "shipper"] as const satisfies readonly Staff["role"][];
const USER_ID = /^[0-9A-Za-z_-]{1,64}$/;
// As the environment's tokens are checked (config.ts): BotFather's secrets are longer than Zalo's.
const TOKEN_SHAPE = { telegram: /^(\d{3,30}):[A-Za-z0-9_-]{8,200}$/, zalo: /^(\d{3,30}):[A-Za-z0-9_-]{4,200}$/ } as const;

const styles = `label.f{display:block;margin:6px 0}label.f input,label.f select{width:100%}.shops a{color:inherit}.shops a.on{font-weight:700}
ul.plain{list-style:none;padding:0;margin:0}ul.plain li{padding:6px 0;border-bottom:1px solid #eee}
.staff-actions{display:flex;flex-wrap:wrap;align-items:flex-start;gap:0 10px}details.inline{display:inline-block;margin:4px 0 0}details.inline summary{cursor:pointer;padding:8px 0}
button.btn.danger{background:#b3261e;border-color:#b3261e}`;

type Flash = { text: string; error?: boolean };
type CreateForm = { slug: string; name: string; lang: string };

/** A bot token as it may be shown again: its public id, an ellipsis and the last 4 characters (`123456:…abcd`). */
export function maskToken(token: string): string {
  const [id = ""] = token.split(":");
  return `${id}:…${token.slice(-4)}`;
}

const str = (v: unknown, max: number) => (typeof v === "string" ? v.trim().slice(0, max) : "");

/** The shops section (operator only, others 403): every shop, creating one, and per shop its staff, bots and groups. */
export function shopsRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  app.use("/shops/*", requireSession(deps));
  app.use("/shops/*", async (c, next) => {
    if (c.get("session").user.role !== "operator") return c.html(`<p>${c.get("d").forbidden}</p>`, 403);
    await next();
  });

  const render = async (c: DashboardContext, shop: Shop, opts: { flash?: Flash | undefined; status?: 200 | 400; create?: CreateForm } = {}) => {
    const d = c.get("d");
    const session = c.get("session");
    const a = dashboardAdminMessages(session.lang);
    const shops = await visibleShops(deps.store, session);
    const staff = await deps.store.db.selectFrom("staff").selectAll().where("shop_id", "=", shop.id).orderBy("id").execute();
    const botRows = await deps.store.db.selectFrom("bots").select(["id", "channel", "token", "username"]).where("shop_id", "=", shop.id).orderBy("id").execute();
    // Opened (DATA_KEY) only to be masked.
    const bots = await Promise.all(botRows.map(async (b) => ({ ...b, token: await openSecret(deps.store, "bots.token", b.token) })));
    const groups = await deps.store.db.selectFrom("shop_groups").selectAll().where("shop_id", "=", shop.id).orderBy("id").execute();
    const create = opts.create ?? { slug: "", name: "", lang: "vi" };
    const hidden = html`${csrfField(session)}<input type="hidden" name="shop" value="${shop.slug}">`;
    const channelSelect = html`<select name="channel">${CHANNELS.map((ch) => html`<option value="${ch}">${a.channelName[ch]}</option>`)}</select>`;

    const list = html`<section class="card shops"><h2>${a.shopsTitle} (${shops.length})</h2>
${shops.length
  ? html`<ul class="plain">${shops.map((s) => html`<li data-shop="${s.slug}"><a href="/dashboard/shops?shop=${encodeURIComponent(s.slug)}" class="${s.id === shop.id ? "on" : ""}">${s.name}</a> <span class="muted">· ${s.slug} · ${s.lang === "en" ? a.langName.en : a.langName.vi}${s.id === shop.id ? html` · ${a.selected}` : ""}</span></li>`)}</ul>`
  : html`<p>${a.noShops}</p>`}</section>`;

    const createForm = html`<section class="card" id="create"><h2>${a.createShop}</h2><form method="post" action="/dashboard/shops">${csrfField(session)}
<label class="f">${a.slug}<input name="slug" value="${create.slug}" required minlength="2" maxlength="30" pattern="[a-z0-9\\-]{2,30}" autocapitalize="none" autocomplete="off"></label><div class="muted">${a.slugHelp}</div>
<label class="f">${a.shopName}<input name="name" value="${create.name}" required maxlength="80"></label>
<label class="f">${a.lang}<select name="lang"><option value="vi" ${create.lang === "en" ? "" : "selected"}>${a.langName.vi}</option><option value="en" ${create.lang === "en" ? "selected" : ""}>${a.langName.en}</option></select></label>
<button class="btn">${a.createShop}</button></form></section>`;

    // Removing is one more click (a closed <details>), so a slip of the thumb removes nobody.
    const staffActions = (s: Staff) => {
      const who = html`${hidden}<input type="hidden" name="channel" value="${s.channel}"><input type="hidden" name="userId" value="${s.user_id}">`;
      return html`<div class="staff-actions"><form method="post" action="/dashboard/shops/staff/logout" class="inline">${who}<button class="btn alt">${a.endStaffSessions}</button></form>
<details class="inline"><summary class="muted">${a.removeStaff}…</summary><form method="post" action="/dashboard/shops/staff/remove" class="inline">${who}<span class="muted">${a.removeStaffConfirm({ name: s.name })}</span> <button class="btn danger">${a.removeStaff}</button></form></details></div>`;
    };

    const staffCard = html`<section class="card" id="staff"><h2>${a.staffTitle} (${staff.length})</h2>
${staff.length
  ? html`<ul class="plain">${staff.map((s) => html`<li data-staff="${s.channel}:${s.user_id}"><strong>${s.name}</strong> · ${a.roleName[s.role]} <span class="muted">· ${s.channel === "zalo" ? a.channelName.zalo : s.channel === "telegram" ? a.channelName.telegram : s.channel} ${s.user_id} · ${s.chat_id ? a.startedBot : a.notStartedBot}</span>
${staffActions(s)}</li>`)}</ul>`
  : html`<p class="muted">${a.noStaff}</p>`}
<form method="post" action="/dashboard/shops/staff">${hidden}<h2>${a.addStaff}</h2>
<label class="f">${a.channel}${channelSelect}</label>
<label class="f">${a.userId}<input name="userId" required maxlength="64" autocomplete="off" inputmode="numeric"></label>
<label class="f">${a.staffName}<input name="name" required maxlength="60"></label>
<label class="f">${a.role}<select name="role">${ROLES.map((r) => html`<option value="${r}" ${r === "staff" ? "selected" : ""}>${a.roleName[r]}</option>`)}</select></label>
<button class="btn">${a.addStaff}</button></form></section>`;

    const botsCard = html`<section class="card" id="bots"><h2>${a.botsTitle} (${bots.length})</h2>
${bots.length
  ? html`<ul class="plain">${bots.map((b) => html`<li data-bot="${b.id}"><strong>${b.channel === "zalo" ? a.channelName.zalo : a.channelName.telegram}</strong> ${b.username ? `@${b.username}` : html`<span class="muted">(${a.botNotConnected})</span>`} · <code>${maskToken(b.token)}</code></li>`)}</ul>`
  : html`<p class="muted">${a.noBots}</p>`}
<form method="post" action="/dashboard/shops/bots">${hidden}<h2>${a.linkBot}</h2>
<label class="f">${a.channel}${channelSelect}</label>
<label class="f">${a.token}<input type="password" name="token" required maxlength="240" autocomplete="off" placeholder="${a.tokenPlaceholder}"></label><div class="muted">${a.tokenHelp}</div>
<button class="btn">${a.linkBot}</button></form></section>`;

    const groupsCard = html`<section class="card" id="groups"><h2>${a.groupsTitle} (${groups.length})</h2>
${groups.length
  ? html`<ul class="plain">${groups.map((g) => html`<li data-group="${g.id}" data-linked="${g.linked}" data-status="${g.status}"><strong>${g.title || g.chat_id}</strong> <span class="muted">· ${g.channel === "zalo" ? a.channelName.zalo : a.channelName.telegram} ${g.chat_id}</span><br>${g.linked ? a.groupLinked : a.groupNotLinked} · ${g.status === "removed" ? a.groupRemoved : a.groupActive}</li>`)}</ul>`
  : html`<p class="muted">${a.noGroups}</p>`}</section>`;

    const body = html`<style>${raw(styles)}</style><div class="cols">${list}${createForm}</div><h2>${shop.name} <span class="muted">(${shop.slug})</span></h2><div class="cols">${staffCard}${botsCard}${groupsCard}</div>`;
    return c.html(page(c, { d, session, title: d.navShops, section: "shops", shop, body, ...(opts.flash ? { flash: opts.flash } : {}) }), opts.status ?? 200);
  };

  const flashOf = (c: DashboardContext, a: DashboardAdminMessages): Flash | undefined => {
    const okKey = c.req.query("ok");
    // Only fixed keys come from the URL (and a slug that passes SLUG), so a crafted link cannot put words on the page.
    if (okKey === "created") {
      const slug = c.req.query("shop") ?? "";
      return { text: a.shopCreated({ slug: SLUG.test(slug) ? slug : "" }) };
    }
    if (okKey === "staff") return { text: a.staffSaved };
    if (okKey === "staffRemoved") return { text: a.staffRemoved };
    if (okKey === "staffLoggedOut") return { text: a.staffSessionsEnded };
    if (okKey === "bot") return { text: a.botLinked };
    return undefined;
  };

  const back = (c: DashboardContext, shop: Shop, q: string) => c.redirect(`/dashboard/shops?shop=${encodeURIComponent(shop.slug)}&${q}`, 303);

  app.get("/shops", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    return render(c, shop, { flash: flashOf(c, dashboardAdminMessages(c.get("session").lang)) });
  });

  app.post("/shops", async (c) => {
    const a = dashboardAdminMessages(c.get("session").lang);
    const form = await c.req.parseBody();
    const create: CreateForm = { slug: str(form.slug, 40).toLowerCase(), name: str(form.name, 80), lang: form.lang === "en" ? "en" : "vi" };
    const current = await shopFor(c, deps.store);
    const refuse = async (text: string) => {
      const shown = current instanceof Response ? (await visibleShops(deps.store, c.get("session")))[0] : current;
      if (!shown) return c.html(`<p>${text}</p>`, 400);
      return render(c, shown, { flash: { text, error: true }, status: 400, create });
    };
    if (!SLUG.test(create.slug)) return refuse(a.slugInvalid);
    if (!create.name) return refuse(a.nameMissing);
    // The UNIQUE index decides, so two operators creating the same slug at once cannot both succeed.
    const inserted = await deps.store.db
      .insertInto("shops")
      .values({ slug: create.slug, name: create.name, lang: create.lang, created_at: deps.clock.now().toISOString() })
      .onConflict((oc) => oc.column("slug").doNothing())
      .executeTakeFirst();
    if ((inserted.numInsertedOrUpdatedRows ?? 0n) === 0n) return refuse(a.slugTaken({ slug: create.slug }));
    return c.redirect(`/dashboard/shops?shop=${encodeURIComponent(create.slug)}&ok=created`, 303);
  });

  app.post("/shops/staff", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const a = dashboardAdminMessages(c.get("session").lang);
    const form = await c.req.parseBody();
    const channel = CHANNELS.find((ch) => ch === form.channel);
    const role = ROLES.find((r) => r === form.role);
    const userId = str(form.userId, 100);
    const name = str(form.name, 100);
    if (!channel || !role || !USER_ID.test(userId) || !name || name.length > 60) return render(c, shop, { flash: { text: a.staffInvalid, error: true }, status: 400 });
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
    const a = dashboardAdminMessages(c.get("session").lang);
    const who = await staffOfForm(c, shop);
    const removed = who?.staff ? await removeStaff(deps.store, shop.id, who.channel, who.userId) : undefined;
    if (!removed) return render(c, shop, { flash: { text: a.staffUnknown, error: true }, status: 400 });
    return back(c, shop, "ok=staffRemoved#staff");
  });

  app.post("/shops/staff/logout", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const a = dashboardAdminMessages(c.get("session").lang);
    const who = await staffOfForm(c, shop);
    if (!who?.staff) return render(c, shop, { flash: { text: a.staffUnknown, error: true }, status: 400 });
    await endStaffSessions(deps.store, who.staff.id);
    return back(c, shop, "ok=staffLoggedOut#staff");
  });

  app.post("/shops/bots", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const a = dashboardAdminMessages(c.get("session").lang);
    const form = await c.req.parseBody();
    const channel = CHANNELS.find((ch) => ch === form.channel);
    const token = typeof form.token === "string" ? form.token.trim() : "";
    const shape = channel ? TOKEN_SHAPE[channel].exec(token) : null;
    if (!channel || !shape?.[1]) return render(c, shop, { flash: { text: a.tokenInvalid, error: true }, status: 400 });
    // upsertBot moves a bot to whichever shop links it last; a pasted token of another shop's bot is far
    // more likely a mistake than a move, so it is refused.
    const existing = await findBot(deps.store, channel, shape[1]);
    if (existing && existing.shop_id !== shop.id) return render(c, shop, { flash: { text: a.botTaken, error: true }, status: 400 });
    const secret = await webhookSecretFor(deps.store, token, undefined, channel);
    await upsertBot(deps.store, { shopId: shop.id, channel, token, secret, username: null, info: null }, deps.clock.now());
    return back(c, shop, "ok=bot#bots");
  });

  return app;
}
