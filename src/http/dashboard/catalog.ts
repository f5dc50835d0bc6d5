import { Hono } from "hono";
import { html, raw } from "hono/html";
import { sql, type CompiledQuery, type RawBuilder } from "kysely";
import type { Shop } from "../../db/schema";
import type { Store } from "../../db/store";
import type { Session } from "../../domain/auth/accounts";
import { checkAliases, MAX_ALIAS_LENGTH, MAX_ALIASES, splitAliasList, type AliasProblem } from "../../domain/catalog/aliases";
import { findByCode, loadCatalog, type CatalogItem, type CatalogOptionGroup } from "../../domain/catalog/catalog";
import { setSoldOut } from "../../domain/catalog/stock-admin";
import { formatVnd, parseVndAmount } from "../../domain/money";
import { dashboardMoreMessages, type DashboardMoreMessages } from "../../i18n/dashboard-more";
import { parseClockTime } from "../../platform/shop-time";
import { fail, ok, type Result } from "../../result";
import { requireSession, shopFor, type DashboardContext, type DashboardDeps, type DashboardEnv } from "./context";
import { csrfField, page } from "./layout";
import { explainComment } from "../../../flows/comment/explain";
import { commentTrialBox, TRIAL_MAX, trialStyles, type CommentTrial } from "./comment-trial";
import { mediaUrlAt, photoInsertQueries, PHOTO_SIDE } from "../../domain/media/photos";
import { photoField, photoScript as fileScript, readPhotoUpload } from "./media";
import { parseOptionWithPrice } from "../../domain/catalog/option-price";

// Product photos (upload, small copies, /media/<id>) live in ./media.
export { MAX_PHOTO_BYTES, mediaRoute, sniffImageType } from "./media";

const CODE = /^[A-Z0-9][A-Z0-9_-]{0,9}$/;
const MAX = { name: 120, unit: 20, description: 1000, category: 60, labels: 700, label: 60, options: 4000, aliases: 600 };

const styles = `.pform label{display:block;margin:0 0 10px}.pform input:not([type=checkbox]),.pform textarea{width:100%}
.pform .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:0 10px}.pform fieldset{border:1px solid #ddd;border-radius:8px;margin:0 0 10px}
.pform .day{display:inline-block;margin:0 10px 0 0}.pform .day input,.pform .check input{min-height:0;width:auto}.pform small{display:block;color:#666;font-size:12px}
a.btn{display:inline-block;padding:8px 12px;border:1px solid #1f6f43;border-radius:8px;color:#1f6f43;text-decoration:none;margin:4px 6px 0 0}
.prod{display:flex;gap:10px}.prod img,.pform img{width:64px;height:64px;object-fit:cover;border-radius:8px}.pform img{width:120px;height:120px}
.badge{font-size:12px;padding:1px 6px;border-radius:6px}.badge.on{background:#e7f5ec;color:#1f6f43}.badge.off{background:#fdecea;color:#b3261e}
.price{font-weight:600}details.card summary{cursor:pointer;font-weight:600;padding:4px 0}`;


/** What the product form holds, as typed: re-shown unchanged when something is wrong. */
interface ProductForm {
  code: string;
  name: string;
  price: string;
  unit: string;
  stock: string;
  description: string;
  category: string;
  labels: string;
  aliases: string;
  days: string;
  from: string;
  to: string;
  soldOut: boolean;
  options: string;
}

interface OptionGroupInput {
  name: string;
  options: { name: string; delta: number }[];
}

/** A checked product, ready to store. */
interface ProductInput {
  code: string;
  name: string;
  price: number;
  unit: string;
  stock: number;
  description: string;
  category: string;
  labels: string[];
  aliases: string[];
  days: string;
  from: string | null;
  to: string | null;
  soldOut: boolean;
  groups: OptionGroupInput[];
}

type FormBody = Record<string, string | File | (string | File)[]>;

const EMPTY_FORM: ProductForm = { code: "", name: "", price: "", unit: "phần", stock: "0", description: "", category: "", labels: "", aliases: "", days: "1234567", from: "", to: "", soldOut: false, options: "" };

// "45.000" rather than "45000": the way sellers write prices, and parseVndAmount reads it back.
const priceText = (price: number) => formatVnd(price).replace(/\s*₫$/, "");

/** Option groups as the textarea shows them: one group per line, "Cỡ: Vừa=0, Lớn=10000". */
function optionsText(groups: readonly CatalogOptionGroup[]): string {
  return groups.map((g) => `${g.name}: ${g.options.map((o) => `${o.name}=${o.priceDelta}`).join(", ")}`).join("\n");
}

function formOf(p: CatalogItem): ProductForm {
  return {
    code: p.code,
    name: p.name,
    price: priceText(p.price),
    unit: p.unit,
    stock: String(p.stock),
    description: p.description,
    category: p.category,
    labels: p.labels.join(", "),
    aliases: p.aliases.join(", "),
    days: p.availableDays,
    from: p.availableFrom ?? "",
    to: p.availableTo ?? "",
    soldOut: p.soldOut,
    options: optionsText(p.optionGroups),
  };
}

const first = (v: FormBody[string] | undefined): string | File | undefined => (Array.isArray(v) ? v[0] : v);
const text = (v: FormBody[string] | undefined): string => {
  const s = first(v);
  return typeof s === "string" ? s : "";
};

function formFromBody(body: FormBody): ProductForm {
  const days = ([] as (string | File)[]).concat(body.days ?? []).filter((d): d is string => typeof d === "string" && /^[1-7]$/.test(d));
  return {
    code: text(body.code),
    name: text(body.name),
    price: text(body.price),
    unit: text(body.unit),
    stock: text(body.stock),
    description: text(body.description).replace(/\r\n?/g, "\n"),
    category: text(body.category),
    labels: text(body.labels),
    aliases: text(body.aliases),
    days: [...new Set(days)].sort().join(""),
    from: text(body.from),
    to: text(body.to),
    soldOut: text(body.soldOut) === "1",
    options: text(body.options).replace(/\r\n?/g, "\n"),
  };
}

/** Reads the options textarea; fails with the message to show. */
function parseOptions(source: string, m: DashboardMoreMessages): Result<OptionGroupInput[], string> {
  const groups: OptionGroupInput[] = [];
  for (const rawLine of source.split("\n")) {
    const line = rawLine.trim();
    if (!line) continue;
    const colon = line.indexOf(":");
    const name = colon > 0 ? line.slice(0, colon).trim() : "";
    const parts = colon > 0 ? line.slice(colon + 1).split(",").map((s) => s.trim()).filter(Boolean) : [];
    if (!name || parts.length === 0) return fail(m.errOptionsLine({ line: line.slice(0, 80) }));
    const options: OptionGroupInput["options"] = [];
    for (const part of parts) {
      // "Lớn +20k", "Lớn (+20.000đ)", "Lớn=20000": a price that cannot be read is refused, never 0 ₫.
      const option = parseOptionWithPrice(part);
      if (!option.ok) return fail(option.reason === "bad_price" ? m.errOptionPrice({ part: part.slice(0, 60) }) : m.errOptionsLine({ line: line.slice(0, 80) }));
      options.push(option.value);
    }
    if (name.length > 60 || options.length > 20 || options.some((o) => o.name.length > 60)) return fail(m.errOptionsTooMany);
    groups.push({ name, options });
  }
  if (groups.length > 10) return fail(m.errOptionsTooMany);
  return ok(groups);
}

function aliasProblemText(m: DashboardMoreMessages, problem: AliasProblem): string {
  switch (problem.kind) {
    case "too_many":
      return m.errAliasTooMany({ max: MAX_ALIASES });
    case "no_letter":
      return m.errAliasNoLetter({ alias: problem.alias });
    case "is_code":
      return m.errAliasIsCode({ alias: problem.alias });
    default:
      return m.errAliasTooLong({ max: MAX_ALIAS_LENGTH });
  }
}

/**
 * Checks the whole form at once, so the seller sees every problem in one go. `otherCodes`: the
 * shop's other products' codes, which no alias may be.
 */
function checkForm(f: ProductForm, m: DashboardMoreMessages, otherCodes: readonly string[]): Result<ProductInput, string[]> {
  const errors: string[] = [];
  // Lengths are checked on what was sent, before trimming: 5,000 characters is a mistake, not a name.
  const tooLong = (value: string, field: string, max: number) => {
    if (value.length > max) errors.push(m.errTooLong({ field, max }));
  };
  const code = f.code.trim().toUpperCase();
  if (!CODE.test(code)) errors.push(m.errCode);
  const name = f.name.trim();
  if (!name) errors.push(m.errName);
  tooLong(f.name, m.fName, MAX.name);
  const price = parseVndAmount(f.price);
  if (!price.ok) errors.push(m.errPrice);
  const unit = f.unit.trim();
  if (!unit) errors.push(m.errUnit);
  tooLong(f.unit, m.fUnit, MAX.unit);
  const stock = /^\d{1,7}$/.test(f.stock.trim()) ? Number(f.stock.trim()) : null;
  if (stock === null) errors.push(m.errStock);
  tooLong(f.description, m.fDescription, MAX.description);
  tooLong(f.category, m.fCategory, MAX.category);
  const labels = [
    ...new Set(
      f.labels
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (f.labels.length > MAX.labels || labels.length > 10 || labels.some((l) => l.length > MAX.label)) errors.push(m.errLabels);
  let aliases: string[] = [];
  if (f.aliases.length > MAX.aliases) errors.push(m.errTooLong({ field: m.fAliases, max: MAX.aliases }));
  else {
    const checked = checkAliases(splitAliasList(f.aliases), [...otherCodes, code]);
    if (checked.ok) aliases = checked.value;
    else errors.push(aliasProblemText(m, checked.reason));
  }
  if (!f.days) errors.push(m.errDays);
  const from = f.from.trim() ? parseClockTime(f.from.trim()) : null;
  const to = f.to.trim() ? parseClockTime(f.to.trim()) : null;
  const noHours = !f.from.trim() && !f.to.trim();
  if (!noHours && (from === null || to === null || from >= to)) errors.push(m.errHours);
  let groups: OptionGroupInput[] = [];
  if (f.options.length > MAX.options) errors.push(m.errTooLong({ field: m.fOptions, max: MAX.options }));
  else {
    const parsed = parseOptions(f.options, m);
    if (parsed.ok) groups = parsed.value;
    else errors.push(parsed.reason);
  }
  if (errors.length || !price.ok || stock === null) return fail(errors);
  const hhmm = (minutes: number | null) => (minutes === null ? null : `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`);
  return ok({
    code,
    name,
    price: price.value,
    unit,
    stock,
    description: f.description.trim(),
    category: f.category.trim(),
    labels,
    aliases,
    days: f.days,
    from: noHours ? null : hhmm(from),
    to: noHours ? null : hhmm(to),
    soldOut: f.soldOut,
    groups,
  });
}

function sameOptions(current: readonly CatalogOptionGroup[], next: readonly OptionGroupInput[]): boolean {
  const a = current.map((g) => ({ name: g.name, options: g.options.map((o) => ({ name: o.name, delta: o.priceDelta })) }));
  return JSON.stringify(a) === JSON.stringify(next);
}

// Replacing a product's options: old options, old groups, then the new ones. Each new option finds
// its group by (product, position), so the whole replacement is one batch with no ids read between.
function replaceOptionsQueries(store: Store, productId: number | RawBuilder<number>, groups: readonly OptionGroupInput[]): CompiledQuery[] {
  const queries: CompiledQuery[] = [
    store.db
      .deleteFrom("product_options")
      .where("group_id", "in", (eb) => eb.selectFrom("product_option_groups").select("id").where("product_id", "=", productId))
      .compile(),
    store.db.deleteFrom("product_option_groups").where("product_id", "=", productId).compile(),
  ];
  groups.forEach((g, i) => {
    queries.push(store.db.insertInto("product_option_groups").values({ product_id: productId, name: g.name, sort: i }).compile());
    if (g.options.length) {
      const groupId = sql<number>`(SELECT id FROM product_option_groups WHERE product_id = ${productId} AND sort = ${i})`;
      queries.push(
        store.db
          .insertInto("product_options")
          .values(g.options.map((o, j) => ({ group_id: groupId, name: o.name, price_delta: o.delta, sort: j })))
          .compile(),
      );
    }
  });
  return queries;
}

function productColumns(p: ProductInput) {
  return {
    code: p.code,
    name: p.name,
    price: p.price,
    unit: p.unit,
    stock: p.stock,
    description: p.description,
    category: p.category,
    labels: JSON.stringify(p.labels),
    aliases: JSON.stringify(p.aliases),
    available_days: p.days,
    available_from: p.from,
    available_to: p.to,
    sold_out: p.soldOut ? 1 : 0,
  };
}

const isUniqueClash = (e: unknown) => e instanceof Error && /UNIQUE constraint failed: products\.shop_id, products\.code/i.test(e.message);

// Only photos a browser can load from here (a Telegram file id cannot be shown).
const showablePhoto = (url: string | null) => (url && (url.startsWith("/media/") || /^https?:\/\//.test(url)) ? url : null);

const qs = (shop: Shop) => `?shop=${encodeURIComponent(shop.slug)}`;
const editUrl = (shop: Shop, code: string) => `/dashboard/catalog/${encodeURIComponent(code)}/edit${qs(shop)}`;

function productForm(m: DashboardMoreMessages, session: Session, opts: { action: string; form: ProductForm; photoUrl: string | null; submit: string }) {
  const f = opts.form;
  const photo = showablePhoto(opts.photoUrl);
  return html`<form method="post" action="${opts.action}" enctype="multipart/form-data" class="card pform">${csrfField(session)}
<div class="grid">
<label>${m.fCode}<input name="code" value="${f.code}" required maxlength="10" autocapitalize="characters" placeholder="A1"><small>${m.fCodeHint}</small></label>
<label>${m.fName}<input name="name" value="${f.name}" required maxlength="${MAX.name}"></label>
<label>${m.fPrice}<input name="price" value="${f.price}" required inputmode="decimal" maxlength="20" placeholder="45.000"><small>${m.fPriceHint}</small></label>
<label>${m.fUnit}<input name="unit" value="${f.unit}" required maxlength="${MAX.unit}"></label>
<label>${m.fStock}<input name="stock" type="number" min="0" max="9999999" step="1" inputmode="numeric" value="${f.stock}"></label>
<label>${m.fCategory}<input name="category" value="${f.category}" maxlength="${MAX.category}"></label>
</div>
<label>${m.fDescription}<textarea name="description" rows="3" maxlength="${MAX.description}">${f.description}</textarea></label>
<label>${m.fAliases}<input name="aliases" value="${f.aliases}" maxlength="${MAX.aliases}" placeholder="cơm gà, gà nướng"><small>${m.fAliasesHint}</small></label>
<label>${m.fLabels}<input name="labels" value="${f.labels}" maxlength="${MAX.labels}"><small>${m.fLabelsHint}</small></label>
<fieldset><legend>${m.fDays}</legend>${m.weekdays.map((label, i) => html`<label class="day"><input type="checkbox" name="days" value="${i + 1}" ${f.days.includes(String(i + 1)) ? "checked" : ""}> ${label}</label>`)}</fieldset>
<fieldset><legend>${m.fHours}</legend><div class="grid"><label>${m.fFrom}<input type="time" name="from" value="${f.from}"></label><label>${m.fTo}<input type="time" name="to" value="${f.to}"></label></div></fieldset>
<label class="check"><input type="checkbox" name="soldOut" value="1" ${f.soldOut ? "checked" : ""}> ${m.fSoldOut}</label>
<label>${m.fOptions}<textarea name="options" rows="3" maxlength="${MAX.options}" placeholder="Cỡ: Vừa=0, Lớn=10000">${f.options}</textarea><small>${m.fOptionsHint}</small></label>
${photo ? html`<p>${m.fCurrentPhoto}<br><img src="${mediaUrlAt(photo, PHOTO_SIDE.card)}" alt=""></p>` : ""}
${photoField(m)}
<button class="btn" type="submit">${opts.submit}</button>
</form>`;
}

function productCard(p: CatalogItem, m: DashboardMoreMessages, session: Session, shop: Shop) {
  const soldOut = p.soldOut || p.stock <= 0;
  const photo = showablePhoto(p.photoUrl);
  return html`<div class="card prod" data-code="${p.code}">${photo ? html`<img src="${mediaUrlAt(photo, PHOTO_SIDE.thumbnail)}" alt="" loading="lazy">` : ""}<div>
<strong>${p.code}</strong> · ${p.name}
<div><span class="price">${formatVnd(p.price)}</span>/${p.unit} · ${m.catStock({ stock: p.stock })} · <span class="badge ${soldOut ? "off" : "on"}">${soldOut ? m.catSoldOut : m.catOnSale}</span></div>
${p.category || p.labels.length ? html`<div class="muted">${p.category}${p.category && p.labels.length ? " · " : ""}${p.labels.length ? `🏷 ${p.labels.join(" · ")}` : ""}</div>` : ""}
${p.aliases.length ? html`<div class="muted" data-aliases>${m.catAliases({ aliases: p.aliases.join(", ") })}</div>` : ""}
<a class="btn" href="${editUrl(shop, p.code)}">${m.catEdit}</a><form method="post" action="/dashboard/catalog/${encodeURIComponent(p.code)}/sold-out${qs(shop)}" class="inline">${csrfField(session)}<input type="hidden" name="soldOut" value="${p.soldOut ? "0" : "1"}"><button class="btn alt">${p.soldOut ? m.catMarkOnSale : m.catMarkSoldOut}</button></form>
</div></div>`;
}

/**
 * The catalog editor under /dashboard: the product list with a sold-out switch per item, a form
 * for a new product, and the full editor (price, options, availability, photo) of each product.
 */
export function catalogRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  // Scoped to this section's paths, so mounting order next to the login routes does not matter.
  app.use("/catalog/*", requireSession(deps));

  // The shop of the request and this section's words; shippers deliver, they do not edit the menu.
  const section = async (c: DashboardContext): Promise<{ shop: Shop; m: DashboardMoreMessages } | Response> => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    if (c.get("session").user.role === "shipper") return c.html(html`<p>${c.get("d").forbidden}</p>`, 403);
    return { shop, m: dashboardMoreMessages(c.get("session").lang) };
  };

  const formPage = (c: DashboardContext, shop: Shop, m: DashboardMoreMessages, opts: { title: string; action: string; form: ProductForm; photoUrl: string | null; submit: string; errors?: string[] }, status: 200 | 400 | 409 = 200) => {
    const session = c.get("session");
    const body = html`<style>${raw(styles)}</style><p><a href="/dashboard/catalog${qs(shop)}">${m.catBack}</a></p>
${opts.errors?.length ? html`<div class="flash err" role="alert">${m.errNotSaved}<ul>${opts.errors.map((e) => html`<li>${e}</li>`)}</ul></div>` : ""}
${productForm(m, session, opts)}<script>${raw(fileScript)}</script>`;
    return c.html(page(c, { d: c.get("d"), session, title: opts.title, section: "catalog", shop, body }), status);
  };

  // The product list, the "Thử bình luận" box (with a reading when one was asked for) and the new-product form.
  const listPage = async (c: DashboardContext, shop: Shop, m: DashboardMoreMessages, trialText?: string) => {
    const session = c.get("session");
    const catalog = await loadCatalog(deps.store, shop.id);
    const code = (c.req.query("code") ?? "").toUpperCase();
    const okKind = c.req.query("ok");
    const flashText = !CODE.test(code)
      ? undefined
      : okKind === "saved"
        ? m.catSaved({ code })
        : okKind === "created"
          ? m.catCreated({ code })
          : okKind === "soldout"
            ? m.catSoldOutDone({ code })
            : okKind === "onsale"
              ? m.catOnSaleDone({ code })
              : undefined;
    const trial: CommentTrial | undefined = trialText ? { text: trialText, reading: explainComment(catalog, shop, trialText) } : undefined;
    const body = html`<style>${raw(styles)}${raw(trialStyles)}</style>
${catalog.length === 0 ? html`<p>${m.catNoProducts}</p>` : commentTrialBox(m, session, shop, catalog, trial)}
<div class="cols">${catalog.map((p) => productCard(p, m, session, shop))}</div>
<details class="card" id="new" ${catalog.length === 0 ? "open" : ""}><summary>＋ ${m.catNewProduct}</summary>
${productForm(m, session, { action: `/dashboard/catalog${qs(shop)}`, form: EMPTY_FORM, photoUrl: null, submit: m.create })}</details>
<script>${raw(fileScript)}</script>`;
    return c.html(page(c, { d: c.get("d"), session, title: c.get("d").navCatalog, section: "catalog", shop, body, ...(flashText ? { flash: { text: flashText } } : {}) }));
  };

  app.get("/catalog", async (c) => {
    const s = await section(c);
    if (s instanceof Response) return s;
    return listPage(c, s.shop, s.m);
  });

  // Registered before "/catalog/:code" (product codes are upper-case, so "try" is never one).
  app.post("/catalog/try", async (c) => {
    const s = await section(c);
    if (s instanceof Response) return s;
    const form = await c.req.parseBody();
    const text = typeof form.comment === "string" ? form.comment.slice(0, TRIAL_MAX) : "";
    return listPage(c, s.shop, s.m, text.trim() ? text : undefined);
  });

  app.post("/catalog", async (c) => {
    const s = await section(c);
    if (s instanceof Response) return s;
    const { shop, m } = s;
    const body = (await c.req.parseBody({ all: true })) as FormBody;
    const form = formFromBody(body);
    const again = (errors: string[], status: 400 | 409) => formPage(c, shop, m, { title: m.catNewProduct, action: `/dashboard/catalog${qs(shop)}`, form, photoUrl: null, submit: m.create, errors }, status);
    const codes = (await deps.store.db.selectFrom("products").select("code").where("shop_id", "=", shop.id).execute()).map((p) => p.code);
    const checked = checkForm(form, m, codes);
    const photo = await readPhotoUpload(body, m);
    const errors = [...(checked.ok ? [] : checked.reason), ...(photo.ok ? [] : [photo.reason])];
    if (!checked.ok || !photo.ok) return again(errors, 400);
    const p = checked.value;
    const clash = await deps.store.db.selectFrom("products").select("id").where("shop_id", "=", shop.id).where("code", "=", p.code).executeTakeFirst();
    if (clash) return again([m.errCodeTaken({ code: p.code })], 409);
    const now = deps.clock.now();
    const media = photo.value ? photoInsertQueries(deps.store, shop.id, photo.value.photo, photo.value.copies, now) : undefined;
    // New items go to the end of the menu.
    const sort = sql<number>`(SELECT COALESCE(MAX(sort), 0) + 1 FROM products WHERE shop_id = ${shop.id})`;
    const productId = sql<number>`(SELECT id FROM products WHERE shop_id = ${shop.id} AND code = ${p.code})`;
    try {
      await deps.store.batch([
        ...(media ? media.queries : []),
        deps.store.db
          .insertInto("products")
          .values({ shop_id: shop.id, ...productColumns(p), photo_url: media?.url ?? null, sort, created_at: now.toISOString() })
          .compile(),
        ...replaceOptionsQueries(deps.store, productId, p.groups),
      ]);
    } catch (e) {
      // Two people adding the same code at once: the database's unique key decides, the seller reads why.
      if (isUniqueClash(e)) return again([m.errCodeTaken({ code: p.code })], 409);
      throw e;
    }
    return c.redirect(`/dashboard/catalog${qs(shop)}&ok=created&code=${encodeURIComponent(p.code)}`, 303);
  });

  app.get("/catalog/:code/edit", async (c) => {
    const s = await section(c);
    if (s instanceof Response) return s;
    const { shop, m } = s;
    const item = findByCode(await loadCatalog(deps.store, shop.id), c.req.param("code").slice(0, 20));
    if (!item) return c.html(html`<p>${m.catNotFound({ code: c.req.param("code").slice(0, 20) })}</p>`, 404);
    return formPage(c, shop, m, { title: m.catEditTitle({ code: item.code }), action: `/dashboard/catalog/${encodeURIComponent(item.code)}${qs(shop)}`, form: formOf(item), photoUrl: item.photoUrl, submit: m.save });
  });

  app.post("/catalog/:code", async (c) => {
    const s = await section(c);
    if (s instanceof Response) return s;
    const { shop, m } = s;
    // The product is looked up in the session's shop only: another shop's code is simply unknown here.
    const catalog = await loadCatalog(deps.store, shop.id);
    const item = findByCode(catalog, c.req.param("code").slice(0, 20));
    if (!item) return c.html(html`<p>${m.catNotFound({ code: c.req.param("code").slice(0, 20) })}</p>`, 404);
    const body = (await c.req.parseBody({ all: true })) as FormBody;
    // A page opened before the "other names" field existed sends none: keep what is stored.
    const form = { ...formFromBody(body), ...(body.aliases === undefined ? { aliases: item.aliases.join(", ") } : {}) };
    const again = (errors: string[], status: 400 | 409) =>
      formPage(c, shop, m, { title: m.catEditTitle({ code: item.code }), action: `/dashboard/catalog/${encodeURIComponent(item.code)}${qs(shop)}`, form, photoUrl: item.photoUrl, submit: m.save, errors }, status);
    const checked = checkForm(form, m, catalog.filter((p) => p.id !== item.id).map((p) => p.code));
    const photo = await readPhotoUpload(body, m);
    const errors = [...(checked.ok ? [] : checked.reason), ...(photo.ok ? [] : [photo.reason])];
    if (!checked.ok || !photo.ok) return again(errors, 400);
    const p = checked.value;
    if (p.code !== item.code) {
      const clash = await deps.store.db.selectFrom("products").select("id").where("shop_id", "=", shop.id).where("code", "=", p.code).where("id", "!=", item.id).executeTakeFirst();
      if (clash) return again([m.errCodeTaken({ code: p.code })], 409);
    }
    const media = photo.value ? photoInsertQueries(deps.store, shop.id, photo.value.photo, photo.value.copies, deps.clock.now()) : undefined;
    try {
      await deps.store.batch([
        ...(media ? media.queries : []),
        deps.store.db
          .updateTable("products")
          .set({ ...productColumns(p), ...(media ? { photo_url: media.url } : {}) })
          .where("id", "=", item.id)
          .where("shop_id", "=", shop.id)
          .compile(),
        // Options are replaced only when they changed: a buyer's open cart holds option ids.
        ...(sameOptions(item.optionGroups, p.groups) ? [] : replaceOptionsQueries(deps.store, item.id, p.groups)),
      ]);
    } catch (e) {
      if (isUniqueClash(e)) return again([m.errCodeTaken({ code: p.code })], 409);
      throw e;
    }
    return c.redirect(`/dashboard/catalog${qs(shop)}&ok=saved&code=${encodeURIComponent(p.code)}`, 303);
  });

  app.post("/catalog/:code/sold-out", async (c) => {
    const s = await section(c);
    if (s instanceof Response) return s;
    const { shop, m } = s;
    const form = await c.req.parseBody();
    const soldOut = form.soldOut === "1";
    const product = await setSoldOut(deps.store, shop.id, c.req.param("code").slice(0, 20), soldOut);
    if (!product) return c.html(html`<p>${m.catNotFound({ code: c.req.param("code").slice(0, 20) })}</p>`, 404);
    return c.redirect(`/dashboard/catalog${qs(shop)}&ok=${soldOut ? "soldout" : "onsale"}&code=${encodeURIComponent(product.code)}`, 303);
  });

  return app;
}
