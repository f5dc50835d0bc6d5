import { Hono } from "hono";
import { html, raw } from "hono/html";
import { postBroadcast } from "../../../flows/broadcast/post";
import { menuText } from "../../../flows/order/menu-text";
import type { Broadcast, BroadcastKind, Shop } from "../../db/schema";
import type { Session } from "../../domain/auth/accounts";
import { broadcastProgress } from "../../domain/broadcast/progress";
import { createSchedule } from "../../domain/broadcast/schedules";
import { findByCode, loadCatalog, type CatalogItem } from "../../domain/catalog/catalog";
import { formatVnd } from "../../domain/money";
import { newSecretToken } from "../../domain/orders/codes";
import { dashboardMoreMessages, type DashboardMoreMessages } from "../../i18n/dashboard-more";
import { messagesFor, type Messages } from "../../i18n/messages";
import { localTime } from "../../platform/shop-time";
import { requireSession, shopFor, type DashboardContext, type DashboardDeps, type DashboardEnv } from "./context";
import { csrfField, page } from "./layout";
import { inlineScript } from "../../web/inline-script";

/** Why a cron expression was refused, in the page's language (the checker and croner answer in English). */
function cronReason(m: DashboardMoreMessages, cron: string, reason: string): string {
  if (cron.trim().split(/\s+/).length !== 5) return m.errCronFields;
  return reason === "this schedule never runs" ? m.errCronNever : m.errCronValue;
}

/** The schedule presets the composer offers, as five-field cron expressions in shop time. */
export const SCHEDULE_PRESETS = { daily1030: "30 10 * * *", daily1700: "0 17 * * *", weekdays1030: "30 10 * * 1-5" } as const;
type Preset = keyof typeof SCHEDULE_PRESETS;

const KINDS: readonly BroadcastKind[] = ["item", "menu", "free"];
const MAX_TEXT = 1000;
// What newSecretToken(12) gives: the form's one-time id for "send now".
const NONCE = /^[A-Za-z0-9_-]{16}$/;

const styles = `.bform label{display:block;margin:0 0 10px}.bform select,.bform textarea,.bform input[type=text]{width:100%}.bform .kinds label{display:inline-block;margin:0 12px 6px 0}
.bform .kinds input{min-height:0}.bubble{background:#fff;border:1px solid #d7e7dc;border-radius:12px;padding:10px 12px;max-width:420px;white-space:pre-wrap;word-break:break-word}
.bubble img{display:block;max-width:100%;max-height:200px;border-radius:8px;margin-bottom:6px}.obtn{display:inline-block;margin-top:8px;padding:6px 10px;border-radius:8px;background:#e7f5ec;color:#1f6f43;font-size:14px}
.row{display:flex;flex-wrap:wrap;gap:8px;align-items:end}td code{white-space:nowrap}.scroll{overflow-x:auto}.n-failed{color:#b3261e}.n-uncertain{color:#9a6700}
a.btn{display:inline-block;padding:6px 10px;border:1px solid #1f6f43;border-radius:8px;color:#1f6f43;text-decoration:none}`;

// Live preview as the seller types (the "Xem trước" button does the same without script), a
// confirmation before posting to every group, and only the fields the chosen kind needs.
const composerScript = inlineScript(`(function(){var f=document.getElementById("composer"),box=document.getElementById("preview"),tm;if(!f||!box)return;
function sel(){var k=f.querySelector("[name=kind]:checked");k=k?k.value:"";f.querySelectorAll("[data-kind]").forEach(function(e){e.style.display=e.getAttribute("data-kind")===k?"":"none"});
var p=f.querySelector("[name=preset]"),c=f.querySelector("[data-cron]");if(p&&c)c.style.display=p.value==="custom"?"":"none"}
function go(){var d=new FormData(f),q=new URLSearchParams();["shop","kind","code","text"].forEach(function(k){var v=d.get(k);if(typeof v==="string")q.set(k,v)});
fetch("/dashboard/broadcasts/preview?"+q.toString(),{cache:"no-store"}).then(function(r){return r.ok?r.text():null}).then(function(h){if(h!==null)box.innerHTML=h}).catch(function(){})}
f.addEventListener("input",function(){clearTimeout(tm);tm=setTimeout(go,300)});f.addEventListener("change",function(){sel();clearTimeout(tm);tm=setTimeout(go,50)});
f.querySelectorAll("[data-confirm]").forEach(function(b){b.addEventListener("click",function(e){if(!confirm(b.getAttribute("data-confirm")))e.preventDefault()})});sel()})();`);

/** What the composer holds: re-shown as typed when something is refused. */
interface Composer {
  kind: BroadcastKind;
  code: string;
  text: string;
  preset: Preset | "custom";
  cron: string;
}

const DEFAULT_COMPOSER: Composer = { kind: "menu", code: "", text: "", preset: "daily1030", cron: "" };

function composerFrom(values: Record<string, unknown>): { composer: Composer; kindValid: boolean } {
  const str = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : "");
  const kind = KINDS.find((k) => k === str("kind"));
  const preset = str("preset");
  return {
    composer: {
      kind: kind ?? "menu",
      code: str("code").trim().toUpperCase().slice(0, 20),
      text: str("text").replace(/\r\n?/g, "\n"),
      preset: preset in SCHEDULE_PRESETS || preset === "custom" ? (preset as Preset | "custom") : "daily1030",
      cron: str("cron").slice(0, 200),
    },
    kindValid: kind !== undefined,
  };
}

/** "2026-11-24 10:30" in the shop's time zone. */
function shopTime(iso: string, timeZone: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return "";
  const l = localTime(at, timeZone);
  return `${l.date} ${String(Math.floor(l.minutes / 60)).padStart(2, "0")}:${String(l.minutes % 60).padStart(2, "0")}`;
}

const presetLabel = (m: DashboardMoreMessages, p: Preset) => ({ daily1030: m.bcPresetDaily1030, daily1700: m.bcPresetDaily1700, weekdays1030: m.bcPresetWeekdays1030 })[p];

function cronLabel(m: DashboardMoreMessages, cron: string): string {
  const preset = (Object.keys(SCHEDULE_PRESETS) as Preset[]).find((p) => SCHEDULE_PRESETS[p] === cron);
  return preset ? presetLabel(m, preset) : cron;
}

function whatLabel(m: DashboardMoreMessages, b: { kind: BroadcastKind; product_code: string | null; text: string | null }): string {
  if (b.kind === "item") return `${m.bcKindItem} ${b.product_code ?? ""}`;
  if (b.kind === "menu") return m.bcKindMenu;
  const t = (b.text ?? "").replace(/\s+/g, " ").trim();
  return `${m.bcKindFree}: ${t.length > 60 ? `${t.slice(0, 60)}…` : t}`;
}

interface Preview {
  text?: string;
  image?: string;
  note?: string;
}

/** The post as the groups will read it: the very texts postBroadcast sends, in the shop's language. */
function previewOf(shop: Shop, catalog: readonly CatalogItem[], c: Composer, m: DashboardMoreMessages, now: Date): Preview {
  const t = messagesFor(shop.lang);
  if (c.kind === "item") {
    const item = c.code ? findByCode(catalog, c.code) : undefined;
    if (!item) return { note: m.errUnknownCode };
    const card = t.productCard({ code: item.code, name: item.name, price: item.price, unit: item.unit, description: item.description, labels: item.labels });
    const photo = item.photoUrl && (item.photoUrl.startsWith("/media/") || /^https?:\/\//.test(item.photoUrl)) ? item.photoUrl : undefined;
    return { text: card, ...(photo ? { image: photo } : {}) };
  }
  if (c.kind === "menu") {
    const menu = menuText(t, shop, catalog, now);
    return menu ? { text: menu.text } : { note: m.errEmptyMenu };
  }
  const text = c.text.trim().slice(0, MAX_TEXT);
  return text ? { text } : { note: m.bcPreviewNeedText };
}

function previewBox(p: Preview, t: Messages) {
  if (!p.text) return html`<p class="muted">${p.note ?? ""}</p>`;
  return html`<div class="bubble">${p.image ? html`<img src="${p.image}" alt="">` : ""}${p.text}<br><span class="obtn">${t.btnOrderNow}</span></div>`;
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
  const section = async (c: DashboardContext): Promise<{ shop: Shop; m: DashboardMoreMessages } | Response> => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    if (c.get("session").user.role === "shipper") return c.html(html`<p>${c.get("d").forbidden}</p>`, 403);
    return { shop, m: dashboardMoreMessages(c.get("session").lang) };
  };
  const qs = (shop: Shop) => `?shop=${encodeURIComponent(shop.slug)}`;

  const composerForm = (session: Session, shop: Shop, m: DashboardMoreMessages, catalog: readonly CatalogItem[], c: Composer, preview: Preview) => {
    const t = messagesFor(shop.lang);
    const kindLabel = { item: m.bcKindItem, menu: m.bcKindMenu, free: m.bcKindFree };
    return html`<form method="post" action="/dashboard/broadcasts${qs(shop)}" id="composer" class="card bform">${csrfField(session)}
<input type="hidden" name="shop" value="${shop.slug}"><input type="hidden" name="nonce" value="${newSecretToken(12)}">
<h2>${m.bcComposer}</h2>
<fieldset class="kinds"><legend>${m.bcKind}</legend>${KINDS.map((k) => html`<label><input type="radio" name="kind" value="${k}" ${c.kind === k ? "checked" : ""}> ${kindLabel[k]}</label>`)}</fieldset>
<label data-kind="item">${m.bcChooseItem}<select name="code">${catalog.map((p) => html`<option value="${p.code}" ${c.code === p.code ? "selected" : ""}>${p.code} · ${p.name} — ${formatVnd(p.price)}</option>`)}</select></label>
<label data-kind="free">${m.bcText}<textarea name="text" rows="4" maxlength="${MAX_TEXT}">${c.text}</textarea></label>
<div class="muted">${m.bcPreviewTitle}</div><div id="preview" aria-live="polite">${previewBox(preview, t)}</div>
<div class="row" style="margin:10px 0"><button class="btn alt" name="do" value="preview">${m.bcPreview}</button><button class="btn" name="do" value="send" data-confirm="${m.bcConfirmSend}">${m.bcSendNow}</button></div>
<h2>${m.bcScheduleTitle}</h2>
<div class="row"><label>${m.bcWhen}<select name="preset">${(Object.keys(SCHEDULE_PRESETS) as Preset[]).map((p) => html`<option value="${p}" ${c.preset === p ? "selected" : ""}>${presetLabel(m, p)}</option>`)}<option value="custom" ${c.preset === "custom" ? "selected" : ""}>${m.bcPresetCustom}</option></select></label>
<label data-cron>${m.bcCron}<input type="text" name="cron" value="${c.cron}" maxlength="100" placeholder="30 10 * * 1-5" autocomplete="off" spellcheck="false"><small class="muted">${m.bcCronHint}</small></label>
<button class="btn alt" name="do" value="schedule">${m.bcSchedule}</button></div>
</form>`;
  };

  const lists = async (session: Session, shop: Shop, m: DashboardMoreMessages) => {
    const recent = await deps.store.db.selectFrom("broadcasts").selectAll().where("shop_id", "=", shop.id).orderBy("id", "desc").limit(20).execute();
    // One grouped count for all listed broadcasts, not one progress query each.
    const counts = recent.length
      ? await deps.store.db
          .selectFrom("outbox")
          .select((eb) => ["ref", "status", eb.fn.countAll<number>().as("n")])
          .where(
            "ref",
            "in",
            recent.map((b) => `broadcast:${b.id}`),
          )
          .groupBy(["ref", "status"])
          .execute()
      : [];
    const count = (b: Broadcast, status: string) => Number(counts.find((r) => r.ref === `broadcast:${b.id}` && r.status === status)?.n ?? 0);
    const schedules = await deps.store.db.selectFrom("scheduled_posts").selectAll().where("shop_id", "=", shop.id).where("active", "=", 1).orderBy("next_run_at").limit(100).execute();
    const num = (n: number, cls: string) => html`<td class="${n ? cls : ""}">${n}</td>`;
    return html`<h2>${m.bcRecent}</h2>
${recent.length === 0
  ? html`<p class="muted">${m.bcNoBroadcasts}</p>`
  : html`<div class="scroll"><table id="broadcasts"><tr><th>${m.bcWhenCol}</th><th>${m.bcWhat}</th><th>${m.bcGroups}</th><th>${m.bcSentCount}</th><th>${m.bcFailedCount}</th><th>${m.bcUncertainCount}</th><th>${m.bcPendingCount}</th><th></th></tr>
${recent.map((b) => {
  const sent = count(b, "sent");
  const failed = count(b, "failed");
  const uncertain = count(b, "uncertain");
  const pending = count(b, "pending") + count(b, "sending");
  return html`<tr data-id="${b.id}"><td>${shopTime(b.created_at, shop.time_zone)}${b.created_by ? html`<div class="muted">${b.created_by}</div>` : ""}</td><td>${whatLabel(m, b)}</td><td>${b.targets}</td><td>${sent}</td>${num(failed, "n-failed")}${num(uncertain, "n-uncertain")}<td>${pending}</td><td><a href="/dashboard/broadcasts/${b.id}${qs(shop)}">${m.bcDetails}</a></td></tr>`;
})}</table></div>`}
<h2>${m.bcSchedules}</h2>
${schedules.length === 0
  ? html`<p class="muted">${m.bcNoSchedules}</p>`
  : html`<div class="scroll"><table id="schedules"><tr><th>${m.bcWhen}</th><th>${m.bcWhat}</th><th>${m.bcNextRun}</th><th>${m.bcLastRun}</th><th></th></tr>
${schedules.map(
  (s) =>
    html`<tr data-id="${s.id}"><td>${cronLabel(m, s.cron)}<div class="muted"><code>${s.cron}</code></div></td><td>${whatLabel(m, s)}</td><td>${shopTime(s.next_run_at, shop.time_zone)}</td><td>${s.last_run_at ? shopTime(s.last_run_at, shop.time_zone) : "—"}</td>
<td><form method="post" action="/dashboard/broadcasts/schedules/${s.id}/off${qs(shop)}" class="inline">${csrfField(session)}<button class="btn alt">${m.bcDeactivate}</button></form></td></tr>`,
)}</table></div>`}
<p class="muted">${m.bcTimeNote({ zone: shop.time_zone })}</p>`;
  };

  const composerPage = async (c: DashboardContext, shop: Shop, m: DashboardMoreMessages, composer: Composer, flash?: { text: string; error?: boolean }, status: 200 | 400 | 409 = 200) => {
    const session = c.get("session");
    const catalog = await loadCatalog(deps.store, shop.id);
    // An item post with no item chosen yet previews the first item, as the select shows it.
    const shown = composer.kind === "item" && !composer.code && catalog[0] ? { ...composer, code: catalog[0].code } : composer;
    const preview = previewOf(shop, catalog, shown, m, deps.clock.now());
    const body = html`<style>${raw(styles)}</style>${composerForm(session, shop, m, catalog, shown, preview)}${lists(session, shop, m)}<script>${raw(composerScript)}</script>`;
    return c.html(page(c, { d: c.get("d"), session, title: c.get("d").navBroadcasts, section: "broadcasts", shop, body, ...(flash ? { flash } : {}) }), status);
  };

  app.get("/broadcasts", async (c) => {
    const s = await section(c);
    if (s instanceof Response) return s;
    const { shop, m } = s;
    const okKind = c.req.query("ok");
    const n = Number(c.req.query("n") ?? "");
    const next = c.req.query("next") ?? "";
    const flashText =
      okKind === "sent" && Number.isSafeInteger(n) && n >= 0
        ? m.bcSent({ targets: n })
        : okKind === "dup"
          ? m.bcAlreadySent
          : okKind === "scheduled" && shopTime(next, shop.time_zone)
            ? m.bcScheduled({ next: shopTime(next, shop.time_zone) })
            : okKind === "off"
              ? m.bcDeactivated
              : undefined;
    return composerPage(c, shop, m, DEFAULT_COMPOSER, flashText ? { text: flashText } : undefined);
  });

  app.get("/broadcasts/preview", async (c) => {
    const s = await section(c);
    if (s instanceof Response) return s;
    const { shop, m } = s;
    const { composer } = composerFrom(c.req.query());
    const preview = previewOf(shop, await loadCatalog(deps.store, shop.id), composer, m, deps.clock.now());
    c.header("Cache-Control", "no-store");
    return c.html(previewBox(preview, messagesFor(shop.lang)));
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
    const now = deps.clock.now();
    const session = c.get("session");

    if (action === "send") {
      // The form's one-time id makes a double tap or a resubmitted form post once; the shop id in the
      // key keeps one shop's id from ever naming another shop's broadcast.
      const nonce = typeof form.nonce === "string" && NONCE.test(form.nonce) ? form.nonce : newSecretToken(12);
      const sourceKey = `dash:${shop.id}:${nonce}`;
      const done = await deps.store.db.selectFrom("broadcasts").select("id").where("source_key", "=", sourceKey).executeTakeFirst();
      if (done) return c.redirect(`/dashboard/broadcasts${qs(shop)}&ok=dup`, 303);
      const result = await postBroadcast(
        deps.store,
        shop,
        {
          kind: composer.kind,
          ...(composer.kind === "item" && composer.code ? { productCode: composer.code } : {}),
          ...(composer.kind === "free" ? { text: composer.text } : {}),
          sourceKey,
          createdBy: session.user.display_name || session.user.username,
        },
        now,
      );
      if (!result.ok) {
        const why = { unknown_code: m.errUnknownCode, empty_menu: m.errEmptyMenu, no_text: m.errNoText, no_groups: m.errNoGroups }[result.reason];
        return refuse(why, result.reason === "no_groups" ? 409 : 400);
      }
      deps.onOutboxWrite?.();
      return c.redirect(`/dashboard/broadcasts${qs(shop)}&ok=sent&n=${result.value.targets}`, 303);
    }

    // Schedule: the run posts through the same path later, so check now what can be checked now.
    let productCode: string | null = null;
    if (composer.kind === "item") {
      const item = findByCode(await loadCatalog(deps.store, shop.id), composer.code);
      if (!item) return refuse(m.errUnknownCode);
      productCode = item.code;
    }
    if (composer.kind === "free" && !composer.text.trim()) return refuse(m.errNoText);
    const cron = composer.preset === "custom" ? composer.cron.trim() : SCHEDULE_PRESETS[composer.preset];
    if (cron.length > 100) return refuse(m.errCron({ why: m.errTooLong({ field: m.bcCron, max: 100 }) }));
    const created = await createSchedule(deps.store, shop, { cron, kind: composer.kind, productCode, text: composer.kind === "free" ? composer.text.trim() : null }, now);
    if (!created.ok) return refuse(m.errCron({ why: cronReason(m, cron, created.reason) }));
    return c.redirect(`/dashboard/broadcasts${qs(shop)}&ok=scheduled&next=${encodeURIComponent(created.value.nextRunAt)}`, 303);
  });

  app.post("/broadcasts/schedules/:id{[0-9]{1,12}}/off", async (c) => {
    const s = await section(c);
    if (s instanceof Response) return s;
    const { shop, m } = s;
    // The id comes from the form's URL: only a schedule of this shop is touched.
    const changed = await deps.store.db.updateTable("scheduled_posts").set({ active: 0 }).where("id", "=", Number(c.req.param("id"))).where("shop_id", "=", shop.id).executeTakeFirst();
    if (changed.numUpdatedRows === 0n) return c.html(html`<p>${m.bcNotFound}</p>`, 404);
    return c.redirect(`/dashboard/broadcasts${qs(shop)}&ok=off`, 303);
  });

  app.get("/broadcasts/:id{[0-9]{1,12}}", async (c) => {
    const s = await section(c);
    if (s instanceof Response) return s;
    const { shop, m } = s;
    const id = Number(c.req.param("id"));
    const b = await deps.store.db.selectFrom("broadcasts").selectAll().where("id", "=", id).where("shop_id", "=", shop.id).executeTakeFirst();
    const progress = b ? await broadcastProgress(deps.store, b.id) : undefined;
    if (!b || !progress) return c.html(html`<p>${m.bcNotFound}</p>`, 404);
    const status = (st: string) => (m.bcDelivery as Record<string, string>)[st] ?? st;
    const body = html`<style>${raw(styles)}</style><p><a href="/dashboard/broadcasts${qs(shop)}">${m.bcBack}</a></p>
<div class="card"><strong>${whatLabel(m, b)}</strong><div class="muted">${shopTime(b.created_at, shop.time_zone)}${b.created_by ? ` · ${b.created_by}` : ""}</div>
<div>${m.bcGroups}: ${progress.targets} · ${m.bcSentCount}: ${progress.sent} · ${m.bcFailedCount}: ${progress.failed} · ${m.bcUncertainCount}: ${progress.uncertain} · ${m.bcPendingCount}: ${progress.pending}</div></div>
${progress.deliveries.length === 0
  ? html`<p class="muted">${m.bcNoDeliveries}</p>`
  : html`<div class="scroll"><table id="deliveries"><tr><th>${m.bcGroups}</th><th>${c.get("d").status}</th><th>${m.bcError}</th></tr>
${progress.deliveries.map((d) => html`<tr><td>${d.title || d.chatId}<div class="muted">${d.channel} · ${d.chatId}</div></td><td>${status(d.status)}</td><td>${d.error ?? ""}</td></tr>`)}</table></div>`}`;
    return c.html(page(c, { d: c.get("d"), session: c.get("session"), title: m.bcDetailsTitle({ id: b.id }), section: "broadcasts", shop, body }));
  });

  return app;
}
