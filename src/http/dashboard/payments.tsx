import { Hono } from "hono";
import type { Shop, TransferOutcome } from "../../db/schema";
import { assignTransfer, ORDER_CODE } from "../../domain/payments/assign-transfer";
import { saveShopBankAccount, type ShopBankAccount } from "../../domain/payments/shop-bank";
import { shopTransfers } from "../../domain/payments/transfer-list";
import { checkShopBankSettings } from "../../domain/payments/vietqr-decode";
import { setShopPaymentKey, shopPaymentKey } from "../../domain/secrets/sealed";
import { paymentsPageMessages, type PaymentsPageMessages } from "../../i18n/payments-page";
import { requireSession, shopFor, type DashboardContext, type DashboardDeps, type DashboardEnv } from "./context";
import { actorOf } from "./orders";
import { savedBankForm } from "./payments/bank-section";
import { canManage } from "./payments/form-fields";
import { PaymentsPage } from "./payments/page";
import { GROUPS } from "./payments/transfers";
import { PROVIDERS } from "./payments/webhook-keys";

// Printable ASCII without spaces: every provider's keys look like that, and a pasted line break is a mistake.
const KEY_SHAPE = /^[\x21-\x7e]{8,200}$/;

type Flash = { text: string; error?: boolean };
const str = (v: unknown, max: number) => (typeof v === "string" ? v.trim().slice(0, max) : "");

/** The flash a redirect back asked for. Only known keys and a well-formed code come from the URL: a crafted link cannot put words on the page. */
function flashOf(c: DashboardContext, a: PaymentsPageMessages): Flash | undefined {
  const okKey = c.req.query("ok");
  const errKey = c.req.query("err");
  const code = ORDER_CODE.test(c.req.query("code") ?? "") ? (c.req.query("code") ?? "") : "";
  const outcome = c.req.query("outcome") ?? "";
  if (okKey === "assigned") return { text: a.assigned({ code, outcome: (GROUPS as readonly string[]).includes(outcome) ? a.outcome[outcome as TransferOutcome] : "" }) };
  if (okKey === "bank") return { text: a.bankSaved };
  if (okKey === "key") return { text: a.keySaved };
  if (errKey === "unknown_transfer" || errKey === "unknown_code" || errKey === "already_assigned" || errKey === "unreadable") return { text: a.assignError[errKey], error: true };
  return undefined;
}

/** The payments section: transfers by outcome (assigning unmatched ones), the receiving account, webhook URLs and keys. Shippers: 403. */
export function paymentsRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  app.use("/payments/*", requireSession(deps));
  app.use("/payments/*", async (c, next) => {
    if (c.get("session").user.role === "shipper") return c.html(`<p>${c.get("d").forbidden}</p>`, 403);
    await next();
  });

  const render = async (c: DashboardContext, shop: Shop, opts: { flash?: Flash | undefined; status?: 200 | 400; bankForm?: ShopBankAccount } = {}) => {
    const session = c.get("session");
    const transfers = await shopTransfers(deps.store, shop.id);
    // Opened only to show their last characters (maskSecret).
    const keys = Object.fromEntries(await Promise.all(PROVIDERS.map(async (p) => [p, await shopPaymentKey(deps.store, shop, p)] as const))) as Record<(typeof PROVIDERS)[number], string | null>;
    const origin = (deps.publicUrl || new URL(c.req.url).origin).replace(/\/+$/, "");
    const page = { d: c.get("d"), a: paymentsPageMessages(session.lang), session, assets: c.get("assets"), shop, flash: opts.flash, transfers, bankForm: opts.bankForm ?? savedBankForm(shop), origin, keys };
    return c.html(<PaymentsPage {...page} />, opts.status ?? 200);
  };
  const back = (c: DashboardContext, shop: Shop, query: string) => c.redirect(`/dashboard/payments?shop=${encodeURIComponent(shop.slug)}&${query}`, 303);

  app.get("/payments", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    return render(c, shop, { flash: flashOf(c, paymentsPageMessages(c.get("session").lang)) });
  });

  app.post("/payments/transfers/:id/assign", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const form = await c.req.parseBody();
    const id = Number(c.req.param("id"));
    const code = str(form.code, 20).toUpperCase().replace(/\s+/g, "");
    if (!Number.isSafeInteger(id)) return back(c, shop, "err=unknown_transfer");
    const result = await assignTransfer(deps.store, shop, id, code, actorOf(c.get("session")).name, deps.clock.now());
    if (!result.ok) return back(c, shop, `err=${result.reason}`);
    deps.onOutboxWrite?.();
    return back(c, shop, `ok=assigned&code=${result.value.order.code}&outcome=${result.value.transaction.outcome}`);
  });

  app.post("/payments/bank", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    if (!canManage(c.get("session"))) return c.html(`<p>${c.get("d").forbidden}</p>`, 403);
    const a = paymentsPageMessages(c.get("session").lang);
    const form = await c.req.parseBody();
    const bank: ShopBankAccount = {
      bin: str(form.bin, 10),
      // People paste account numbers with spaces or dots between digit groups.
      account: str(form.account, 40).replace(/[\s.-]/g, ""),
      holder: str(form.holder, 60).toUpperCase(),
      vietqr: form.vietqr === "1",
    };
    const check = checkShopBankSettings(bank.bin, bank.account);
    if (!check.ok) return render(c, shop, { flash: { text: a.bankNotSaved({ why: a.bankProblem[check.reason] }), error: true }, status: 400, bankForm: bank });
    await saveShopBankAccount(deps.store, shop.id, bank);
    return back(c, shop, "ok=bank#bank");
  });

  app.post("/payments/keys", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    if (!canManage(c.get("session"))) return c.html(`<p>${c.get("d").forbidden}</p>`, 403);
    const form = await c.req.parseBody();
    const provider = PROVIDERS.find((p) => p === form.provider);
    const key = typeof form.key === "string" ? form.key.trim() : "";
    if (!provider || !KEY_SHAPE.test(key)) return render(c, shop, { flash: { text: paymentsPageMessages(c.get("session").lang).keyInvalid, error: true }, status: 400 });
    await setShopPaymentKey(deps.store, shop.id, provider, key);
    return back(c, shop, "ok=key#webhooks");
  });

  return app;
}
