import { Hono } from "hono";
import { html, raw } from "hono/html";
import { sql } from "kysely";
import type { BankTransaction, Order, Shop, TransferOutcome } from "../../db/schema";
import type { Store } from "../../db/store";
import type { Session } from "../../domain/auth/accounts";
import { formatVnd } from "../../domain/money";
import { notifyStaff } from "../../domain/orders/staff-notices";
import { findOrderByCode } from "../../domain/orders/queries";
import { BANKS } from "../../domain/payments/banks";
import { notifyBuyerOfTransfer } from "../../domain/payments/record-transfer";
import { readUnreadable } from "../../domain/payments/unreadable-transfer";
import { qrSvg } from "../../domain/payments/qr-image";
import { checkShopBankSettings, decodeVietQr } from "../../domain/payments/vietqr-decode";
import { dashboardAdminMessages, type DashboardAdminMessages } from "../../i18n/dashboard-admin";
import { messagesFor } from "../../i18n/messages";
import { localTime } from "../../platform/shop-time";
import { fail, ok, type Result } from "../../result";
import { setShopPaymentKey, shopPaymentKey } from "../../domain/secrets/sealed";
import { requireSession, shopFor, type DashboardContext, type DashboardDeps, type DashboardEnv } from "./context";
import { csrfField, page } from "./layout";
import { actorOf } from "./orders";
import { claimPaidStock } from "../../domain/stock/first-paid";

// Unmatched first: those are the ones waiting for someone to act.
const GROUPS: readonly TransferOutcome[] = ["unmatched", "paid", "partial", "overpaid", "late", "other_account"];
// Waiting for a person: unmatched transfers, and notices we could not read (shown among them, labelled).
const WAITING: readonly TransferOutcome[] = ["unmatched", "unreadable"];
const groupOf = (outcome: TransferOutcome): TransferOutcome => (outcome === "unreadable" ? "unmatched" : outcome);
const PROVIDERS = ["sepay", "casso", "payos"] as const;
type Provider = (typeof PROVIDERS)[number];
const ORDER_CODE = /^CC[A-Z2-9]{6}$/;
// Printable ASCII without spaces: every provider's keys look like that, and a pasted line break is a mistake.
const KEY_SHAPE = /^[\x21-\x7e]{8,200}$/;

const styles = `.chips{display:flex;flex-wrap:wrap;gap:6px;margin:0 0 10px}.chips a{background:#fff;border:1px solid #ccc;border-radius:16px;padding:4px 10px;color:inherit;text-decoration:none;font-size:14px}
.chips a.warn{border-color:#b3261e;color:#b3261e}.warn-text{color:#b3261e}.tx{display:grid;gap:2px}.tx .amt{font-weight:600}.memo{word-break:break-word}
.qr svg{width:150px;height:150px;display:block}label.f{display:block;margin:6px 0}label.f input,label.f select{width:100%}
code.url{display:block;word-break:break-all;background:#f6f6f3;border-radius:6px;padding:6px 8px;font-size:13px}`;

type AssignError = "unknown_transfer" | "unknown_code" | "already_assigned" | "unreadable";
type Flash = { text: string; error?: boolean };

/** The last 4 characters of a secret behind dots; shorter secrets show nothing of themselves. */
export function maskSecret(secret: string): string {
  return secret.length >= 8 ? `••••${secret.slice(-4)}` : "••••";
}

/** "dd/MM HH:mm" in the shop's time zone, for an ISO instant. */
function shopStamp(iso: string, timeZone: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const t = localTime(at, timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${t.date.slice(8, 10)}/${t.date.slice(5, 7)} ${pad(Math.floor(t.minutes / 60))}:${pad(t.minutes % 60)}`;
}

/**
 * Assigns an unmatched transfer to one of the shop's orders. The transfer row is claimed by a
 * conditional UPDATE (`outcome = 'unmatched'`) and the order's paid total moves only when that claim
 * changed a row, all in one atomic batch: posting the form twice at once still counts the money once.
 */
export async function assignTransfer(store: Store, shop: Shop, transferId: number, code: string, by: string, now: Date): Promise<Result<{ transaction: BankTransaction; order: Order }, AssignError>> {
  const tx = await store.db.selectFrom("bank_transactions").selectAll().where("id", "=", transferId).where("shop_id", "=", shop.id).executeTakeFirst();
  if (!tx) return fail("unknown_transfer");
  // Its amount is unknown (kept as 0): assigning it would settle nothing and hide the notice.
  if (tx.outcome === "unreadable") return fail("unreadable");
  if (tx.outcome !== "unmatched") return fail("already_assigned");
  const order = ORDER_CODE.test(code) ? await findOrderByCode(store, shop.id, code) : undefined;
  // A draft is a cart the buyer has not confirmed: paying it here would skip checkout (and its stock hold).
  if (!order || order.status === "draft") return fail("unknown_code");

  const at = now.toISOString();
  const amount = tx.amount;
  const [claimed] = await store.batch([
    sql`UPDATE bank_transactions SET order_id = ${order.id}, outcome = 'pending', recorded_by = ${by}
        WHERE id = ${tx.id} AND shop_id = ${shop.id} AND outcome = 'unmatched'`.compile(store.db),
    // Same settlement rule as recordTransfer, and only when the claim above changed a row (changes() = 1).
    sql`UPDATE orders SET
          paid_amount = paid_amount + ${amount},
          payment_status = CASE WHEN paid_amount + ${amount} = total THEN 'paid'
                                WHEN paid_amount + ${amount} < total THEN 'partial'
                                ELSE 'overpaid' END,
          status = CASE WHEN status = 'pending_payment' AND paid_amount + ${amount} >= total THEN 'confirmed' ELSE status END,
          payment_method = COALESCE(payment_method, 'vietqr'),
          expires_at = CASE WHEN paid_amount + ${amount} >= total THEN NULL ELSE expires_at END,
          paid_at = CASE WHEN paid_amount + ${amount} >= total AND paid_at IS NULL THEN ${at} ELSE paid_at END,
          updated_at = ${at}
        WHERE id = ${order.id} AND shop_id = ${shop.id} AND status != 'cancelled' AND changes() = 1`.compile(store.db),
    sql`UPDATE bank_transactions SET
          outcome = CASE WHEN (SELECT status FROM orders WHERE id = ${order.id}) = 'cancelled' THEN 'late'
                         ELSE (SELECT payment_status FROM orders WHERE id = ${order.id}) END,
          paid_total_after = (SELECT paid_amount FROM orders WHERE id = ${order.id})
        WHERE id = ${tx.id} AND outcome = 'pending'`.compile(store.db),
  ]);
  if ((claimed?.changes ?? 0) === 0) return fail("already_assigned");
  const transaction = await store.db.selectFrom("bank_transactions").selectAll().where("id", "=", tx.id).executeTakeFirstOrThrow();
  // A first-paid-first-served order takes its stock the moment it is paid (see claimPaidStock).
  await claimPaidStock(store, order.id, now);
  const after = await store.db.selectFrom("orders").selectAll().where("id", "=", order.id).executeTakeFirstOrThrow();
  await notifyOfAssignment(store, shop, transaction, after, now);
  return ok({ transaction, order: after });
}

// The buyer hears what their money did, as when the bank notice carries the code (same dedupe key as
// recordTransfer's, so the buyer never gets it twice); the staff hear that the transfer was settled.
async function notifyOfAssignment(store: Store, shop: Shop, tx: BankTransaction, order: Order, now: Date): Promise<void> {
  await notifyBuyerOfTransfer(store, tx, order, now);
  const paid = tx.paid_total_after ?? order.paid_amount;
  const staffText = messagesFor(shop.lang).staffTransfer({ outcome: tx.outcome, amount: tx.amount, code: order.code, memo: tx.content.slice(0, 80), paid, total: order.total });
  await notifyStaff(store, shop, { text: staffText }, `transfer:${tx.id}:assigned`, now);
}

const canManage = (session: Session) => session.user.role === "operator" || session.user.role === "owner";
const str = (v: unknown, max: number) => (typeof v === "string" ? v.trim().slice(0, max) : "");

/** The payments section: transfers by outcome (assigning unmatched ones), the receiving account, webhook URLs and keys. Shippers: 403. */
export function paymentsRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  app.use("/payments/*", requireSession(deps));
  app.use("/payments/*", async (c, next) => {
    if (c.get("session").user.role === "shipper") return c.html(`<p>${c.get("d").forbidden}</p>`, 403);
    await next();
  });

  const render = async (c: DashboardContext, shop: Shop, opts: { flash?: Flash | undefined; status?: 200 | 400; bankForm?: { bin: string; account: string; holder: string; vietqr: boolean } } = {}) => {
    const d = c.get("d");
    const session = c.get("session");
    const a = dashboardAdminMessages(session.lang);
    const loadTransfers = (unmatched: boolean, limit: number) =>
      deps.store.db
        .selectFrom("bank_transactions as b")
        .leftJoin("orders as o", "o.id", "b.order_id")
        .select(["b.id", "b.provider", "b.amount", "b.content", "b.created_at", "b.outcome", "b.paid_total_after", "b.recorded_by", "b.reference", "b.account_number", "b.transaction_at", "o.code as order_code"])
        // Only an unreadable row's raw column is needed (its fields as written), and it is small.
        .select(sql<string | null>`CASE WHEN b.outcome = 'unreadable' THEN b.raw END`.as("unreadable_raw"))
        .where("b.shop_id", "=", shop.id)
        .where("b.outcome", unmatched ? "in" : "not in", WAITING)
        .orderBy("b.id", "desc")
        .limit(limit)
        .execute();
    // Unmatched transfers wait for a person however old they are; settled ones are history, the recent ones suffice.
    const rows = [...(await loadTransfers(true, 500)), ...(await loadTransfers(false, 300))];
    const groups = GROUPS.map((outcome) => ({ outcome, list: rows.filter((r) => groupOf(r.outcome) === outcome) }));
    const manage = canManage(session);
    const hidden = html`${csrfField(session)}<input type="hidden" name="shop" value="${shop.slug}">`;

    // A notice we could not read: what it said, as written, and no assign form (its amount is unknown).
    const unreadableCard = (r: (typeof rows)[number]) => {
      const { problems, written } = readUnreadable(r.unreadable_raw);
      const details = [
        r.reference ? `${a.reference}: ${r.reference}` : "",
        r.account_number ? `${a.account}: ${r.account_number}` : "",
        r.transaction_at ? `${a.transferTime}: ${r.transaction_at}` : "",
        written.orderCode ? `${a.providerOrderCode}: ${written.orderCode}` : "",
      ].filter(Boolean);
      return html`<div class="card tx" data-tx="${r.id}" data-outcome="unreadable">
<div><strong class="warn-text">${a.outcome.unreadable}</strong> · <span class="amt">${written.amount ? a.unreadableAmount({ amount: written.amount }) : a.unreadableAmountMissing}</span> · <span class="muted">${shopStamp(r.created_at, shop.time_zone)} · ${r.provider}</span></div>
<div class="memo muted">${a.memo}: ${r.content}</div>
${details.length ? html`<div class="muted">${details.join(" · ")}</div>` : ""}
${problems.length ? html`<div class="muted">${a.unreadableFields({ fields: problems.join(", ") })}</div>` : ""}
<div class="muted">${a.outcomeHint.unreadable}</div></div>`;
    };

    const txCard = (r: (typeof rows)[number]) => r.outcome === "unreadable" ? unreadableCard(r) : html`<div class="card tx" data-tx="${r.id}" data-outcome="${r.outcome}">
<div><span class="amt">${formatVnd(r.amount)}</span> · <span class="muted">${shopStamp(r.created_at, shop.time_zone)} · ${r.provider}</span>${r.order_code ? html` · ${a.order} <strong class="code">${r.order_code}</strong>` : ""}</div>
<div class="memo muted">${a.memo}: ${r.content}</div>
${r.paid_total_after !== null && r.order_code ? html`<div class="muted">${a.paidAfter({ paid: formatVnd(r.paid_total_after) })}</div>` : ""}
${r.recorded_by && r.outcome !== "unmatched" ? html`<div class="muted">${a.assignedBy({ who: r.recorded_by })}</div>` : ""}
${r.outcome === "unmatched"
  ? html`<form method="post" action="/dashboard/payments/transfers/${r.id}/assign" class="inline">${hidden}<label class="muted" for="code-${r.id}">${a.assignLabel}</label>
<input id="code-${r.id}" name="code" required maxlength="12" size="12" autocapitalize="characters" autocomplete="off" placeholder="${a.assignPlaceholder}" pattern="[Cc][Cc][A-Za-z2-9]{6}"><button class="btn">${a.assignButton}</button></form>`
  : ""}</div>`;

    const transfers = rows.length
      ? html`<nav class="chips">${groups.map((g) => (g.list.length ? html`<a href="#${g.outcome}" class="${g.outcome === "unmatched" || g.outcome === "other_account" ? "warn" : ""}">${a.outcome[g.outcome]} (${g.list.length})</a>` : ""))}</nav>
${groups.map((g) =>
  g.list.length
    ? html`<section id="${g.outcome}" data-group="${g.outcome}"><h2>${a.outcome[g.outcome]} (${g.list.length})</h2>${a.outcomeHint[g.outcome] ? html`<p class="muted">${a.outcomeHint[g.outcome]}</p>` : ""}${g.list.map(txCard)}</section>`
    : "",
)}`
      : html`<p>${a.noTransfers}</p>`;

    const form = opts.bankForm ?? { bin: shop.bank_bin ?? "", account: shop.bank_account ?? "", holder: shop.bank_holder ?? "", vietqr: shop.vietqr_enabled === 1 };
    const sample = shop.bank_bin && shop.bank_account ? checkShopBankSettings(shop.bank_bin, shop.bank_account) : undefined;
    const decoded = sample?.ok ? decodeVietQr(sample.value.payload) : undefined;
    const sampleView = !sample
      ? html`<p class="muted">${a.noBank}</p>`
      : sample.ok && decoded?.ok
        ? html`<div class="sample" data-sample="ok"><p class="muted">${a.sampleTitle}:</p>
<p>${a.sampleDecoded({ bank: sample.value.bankName, bin: decoded.value.bin, account: decoded.value.account, amount: formatVnd(decoded.value.amount ?? 0), memo: decoded.value.memo ?? "" })}</p>
<div class="qr">${raw(qrSvg(sample.value.payload))}</div></div>`
        : html`<p class="flash err" data-sample="failed">${a.sampleFailed({ why: sample.ok ? a.bankProblem.round_trip_mismatch : a.bankProblem[sample.reason] })}</p>`;
    const bank = html`<section class="card" id="bank"><h2>${a.bankTitle}</h2>${sampleView}
${manage
  ? html`<form method="post" action="/dashboard/payments/bank">${hidden}
<label class="f">${a.bank}<select name="bin" required><option value="">${a.chooseBank}</option>${BANKS.map((b) => html`<option value="${b.bin}" ${b.bin === form.bin ? "selected" : ""}>${b.name} (${b.shortName} · ${b.bin})</option>`)}</select></label>
<label class="f">${a.account}<input name="account" value="${form.account}" required maxlength="19" inputmode="text" autocomplete="off"></label>
<label class="f">${a.holder}<input name="holder" value="${form.holder}" maxlength="60" placeholder="${a.holderPlaceholder}"></label>
<label class="f"><input type="checkbox" name="vietqr" value="1" style="width:auto;min-height:0" ${form.vietqr ? "checked" : ""}> ${a.vietqrEnabled}</label>
<button class="btn">${a.save}</button></form>`
  : html`<p class="muted">${a.ownerOnly}</p>`}</section>`;

    const origin = (deps.publicUrl || new URL(c.req.url).origin).replace(/\/+$/, "");
    // Opened only to show their last characters (maskSecret).
    const keysNow = Object.fromEntries(await Promise.all(PROVIDERS.map(async (p) => [p, await shopPaymentKey(deps.store, shop, p)] as const))) as Record<Provider, string | null>;
    const keys = html`<section class="card" id="webhooks"><h2>${a.webhooksTitle}</h2><p class="muted">${a.webhooksHelp} ${a.keyNeverShown}</p>
${PROVIDERS.map((p) => {
  const key = keysNow[p];
  return html`<div data-provider="${p}" style="margin:10px 0 14px"><strong>${a.keyName[p]}</strong>
<div class="muted">${a.webhookUrl}:</div><code class="url">${origin}/webhooks/${p}/${shop.slug}</code>
<div class="muted" data-key-state="${key ? "set" : "unset"}">${key ? a.keySet({ masked: maskSecret(key) }) : a.keyNotSet}</div>
${manage
  ? html`<form method="post" action="/dashboard/payments/keys" class="inline">${hidden}<input type="hidden" name="provider" value="${p}">
<input type="password" name="key" required minlength="8" maxlength="200" autocomplete="off" aria-label="${a.keyNew} · ${a.keyName[p]}" placeholder="${a.keyNew}"><button class="btn alt">${key ? a.replaceKey : a.setKey}</button></form>`
  : ""}</div>`;
})}</section>`;

    const body = html`<style>${raw(styles)}</style><h2>${a.transfersTitle}</h2>${transfers}<div class="cols" style="margin-top:14px">${bank}${keys}</div>`;
    return c.html(page(c, { d, session, title: d.navPayments, section: "payments", shop, body, ...(opts.flash ? { flash: opts.flash } : {}) }), opts.status ?? 200);
  };

  const flashOf = (c: DashboardContext, a: DashboardAdminMessages): Flash | undefined => {
    const okKey = c.req.query("ok");
    const errKey = c.req.query("err");
    // Only known keys and a well-formed code come from the URL: a crafted link cannot put words on the page.
    const code = ORDER_CODE.test(c.req.query("code") ?? "") ? (c.req.query("code") ?? "") : "";
    const outcome = c.req.query("outcome") ?? "";
    if (okKey === "assigned") return { text: a.assigned({ code, outcome: (GROUPS as readonly string[]).includes(outcome) ? a.outcome[outcome as TransferOutcome] : "" }) };
    if (okKey === "bank") return { text: a.bankSaved };
    if (okKey === "key") return { text: a.keySaved };
    if (errKey === "unknown_transfer" || errKey === "unknown_code" || errKey === "already_assigned" || errKey === "unreadable") return { text: a.assignError[errKey], error: true };
    return undefined;
  };

  app.get("/payments", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    return render(c, shop, { flash: flashOf(c, dashboardAdminMessages(c.get("session").lang)) });
  });

  app.post("/payments/transfers/:id/assign", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const form = await c.req.parseBody();
    const id = Number(c.req.param("id"));
    const code = str(form.code, 20).toUpperCase().replace(/\s+/g, "");
    const back = (q: string) => c.redirect(`/dashboard/payments?shop=${encodeURIComponent(shop.slug)}&${q}`, 303);
    if (!Number.isSafeInteger(id)) return back("err=unknown_transfer");
    const result = await assignTransfer(deps.store, shop, id, code, actorOf(c.get("session")).name, deps.clock.now());
    if (!result.ok) return back(`err=${result.reason}`);
    deps.onOutboxWrite?.();
    return back(`ok=assigned&code=${result.value.order.code}&outcome=${result.value.transaction.outcome}`);
  });

  app.post("/payments/bank", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    if (!canManage(c.get("session"))) return c.html(`<p>${c.get("d").forbidden}</p>`, 403);
    const a = dashboardAdminMessages(c.get("session").lang);
    const form = await c.req.parseBody();
    const bin = str(form.bin, 10);
    // People paste account numbers with spaces or dots between digit groups.
    const account = str(form.account, 40).replace(/[\s.-]/g, "");
    const holder = str(form.holder, 60).toUpperCase();
    const vietqr = form.vietqr === "1";
    const check = checkShopBankSettings(bin, account);
    if (!check.ok) return render(c, shop, { flash: { text: a.bankNotSaved({ why: a.bankProblem[check.reason] }), error: true }, status: 400, bankForm: { bin, account, holder, vietqr } });
    await deps.store.db
      .updateTable("shops")
      .set({ bank_bin: bin, bank_account: account, bank_holder: holder || null, vietqr_enabled: vietqr ? 1 : 0 })
      .where("id", "=", shop.id)
      .execute();
    return c.redirect(`/dashboard/payments?shop=${encodeURIComponent(shop.slug)}&ok=bank#bank`, 303);
  });

  app.post("/payments/keys", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    if (!canManage(c.get("session"))) return c.html(`<p>${c.get("d").forbidden}</p>`, 403);
    const a = dashboardAdminMessages(c.get("session").lang);
    const form = await c.req.parseBody();
    const provider = PROVIDERS.find((p) => p === form.provider);
    const key = typeof form.key === "string" ? form.key.trim() : "";
    if (!provider || !KEY_SHAPE.test(key)) return render(c, shop, { flash: { text: a.keyInvalid, error: true }, status: 400 });
    await setShopPaymentKey(deps.store, shop.id, provider, key);
    return c.redirect(`/dashboard/payments?shop=${encodeURIComponent(shop.slug)}&ok=key#webhooks`, 303);
  });

  return app;
}
