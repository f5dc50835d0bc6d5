import { Hono } from "hono";
import { optionWeightsText, productWeights } from "../../../domain/catalog/weights";
import type { Store } from "../../../db/store";
import { findByCode, loadCatalog } from "../../../domain/catalog/catalog";
import { productCodes } from "../../../domain/catalog/code-in-use";
import { createProduct } from "../../../domain/catalog/create-product";
import { setSoldOut } from "../../../domain/catalog/stock-admin";
import { updateProduct } from "../../../domain/catalog/update-product";
import { catalogEditorMessages, type CatalogEditorMessages } from "../../../i18n/catalog-editor";
import { explainComment } from "../../../../flows/comment/explain";
import { requireSession, shopFor, type DashboardContext, type DashboardDeps, type DashboardEnv } from "../context";
import { checkForm } from "./check-form";
import { TRIAL_MAX } from "./comment-trial";
import { CODE, EMPTY_FORM, formFromBody, formOf, type FormBody, type ProductForm } from "./form-input";
import type { CatalogFrame } from "./frame";
import { listUrl, productUrl } from "./links";
import { ListPage } from "./list-page";
import { readPhotoUpload } from "./photo-upload";
import { ProductFormPage, type ProductFormPageProps } from "./product-form-page";

/** The list's message after a redirect (`?ok=saved&code=A1`); none for anything else. */
function flashText(m: CatalogEditorMessages, ok: string | undefined, code: string): string | undefined {
  if (!CODE.test(code)) return undefined;
  if (ok === "saved") return m.catSaved({ code });
  if (ok === "created") return m.catCreated({ code });
  if (ok === "soldout") return m.catSoldOutDone({ code });
  if (ok === "onsale") return m.catOnSaleDone({ code });
  return undefined;
}

/**
 * The catalog editor under /dashboard: the product list with a sold-out switch per item, a form
 * for a new product, and the full editor (price, options, availability, photo) of each product.
 */
/** The edit form with the product's stored weights (issue 23). */
async function withWeights(store: Store, form: ProductForm, productId: number): Promise<ProductForm> {
  const w = await productWeights(store, productId);
  return { ...form, weight: String(w.weightGrams), optionWeights: optionWeightsText(w.optionWeights) };
}

export function catalogRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  // Scoped to this section's paths, so mounting order next to the login routes does not matter.
  app.use("/catalog/*", requireSession(deps));

  // The shop of the request and this section's words; shippers deliver, they do not edit the menu.
  const section = async (c: DashboardContext): Promise<CatalogFrame | Response> => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const session = c.get("session");
    if (session.user.role === "shipper") return c.html(<p>{c.get("d").forbidden}</p>, 403);
    return { d: c.get("d"), session, assets: c.get("assets"), shop, m: catalogEditorMessages(session.lang) };
  };
  const notFound = (c: DashboardContext, m: CatalogEditorMessages) => c.html(<p>{m.catNotFound({ code: c.req.param("code")?.slice(0, 20) ?? "" })}</p>, 404);
  const formPage = (c: DashboardContext, frame: CatalogFrame, props: ProductFormPageProps, status: 200 | 400 | 409 = 200) => c.html(<ProductFormPage {...props} frame={frame} />, status);

  // The product list, the "Thử bình luận" box (with a reading when one was asked for) and the new-product form.
  const listPage = async (c: DashboardContext, frame: CatalogFrame, trialText?: string) => {
    const catalog = await loadCatalog(deps.store, frame.shop.id);
    const flash = flashText(frame.m, c.req.query("ok"), (c.req.query("code") ?? "").toUpperCase());
    const trial = trialText ? { text: trialText, reading: explainComment(catalog, frame.shop, trialText) } : undefined;
    return c.html(<ListPage frame={frame} catalog={catalog} flash={flash} trial={trial} />);
  };

  app.get("/catalog", async (c) => {
    const s = await section(c);
    return s instanceof Response ? s : listPage(c, s);
  });

  // Registered before "/catalog/:code" (product codes are upper-case, so "try" is never one).
  app.post("/catalog/try", async (c) => {
    const s = await section(c);
    if (s instanceof Response) return s;
    const form = await c.req.parseBody();
    const text = typeof form.comment === "string" ? form.comment.slice(0, TRIAL_MAX) : "";
    return listPage(c, s, text.trim() ? text : undefined);
  });

  app.post("/catalog", async (c) => {
    const s = await section(c);
    if (s instanceof Response) return s;
    const { shop, m } = s;
    const body = (await c.req.parseBody({ all: true })) as FormBody;
    // A page opened before the activity group existed sends none: the usual group, not an error.
    const form = { ...formFromBody(body), ...(body.activityGroup === undefined ? { activityGroup: EMPTY_FORM.activityGroup } : {}) };
    const again = (errors: string[], status: 400 | 409) => formPage(c, s, { title: m.catNewProduct, action: listUrl(shop), form, photoUrl: null, submit: m.create, errors }, status);
    const checked = checkForm(form, m, await productCodes(deps.store, shop.id));
    const photo = await readPhotoUpload(body, m);
    if (!checked.ok || !photo.ok) return again([...(checked.ok ? [] : checked.reason), ...(photo.ok ? [] : [photo.reason])], 400);
    const created = await createProduct(deps.store, shop.id, checked.value, photo.value, deps.clock.now());
    if (!created.ok) return again([m.errCodeTaken({ code: checked.value.code })], 409);
    return c.redirect(`${listUrl(shop)}&ok=created&code=${encodeURIComponent(checked.value.code)}`, 303);
  });

  app.get("/catalog/:code/edit", async (c) => {
    const s = await section(c);
    if (s instanceof Response) return s;
    const { shop, m } = s;
    const item = findByCode(await loadCatalog(deps.store, shop.id), c.req.param("code").slice(0, 20));
    if (!item) return notFound(c, m);
    return formPage(c, s, { title: m.catEditTitle({ code: item.code }), action: productUrl(shop, item.code), form: await withWeights(deps.store, formOf(item), item.id), photoUrl: item.photoUrl, submit: m.save });
  });

  app.post("/catalog/:code", async (c) => {
    const s = await section(c);
    if (s instanceof Response) return s;
    const { shop, m } = s;
    // The product is looked up in the session's shop only: another shop's code is simply unknown here.
    const catalog = await loadCatalog(deps.store, shop.id);
    const item = findByCode(catalog, c.req.param("code").slice(0, 20));
    if (!item) return notFound(c, m);
    const body = (await c.req.parseBody({ all: true })) as FormBody;
    // A page opened before the "other names" or activity group field existed sends none: keep what is stored.
    const form = {
      ...formFromBody(body),
      ...(body.aliases === undefined ? { aliases: item.aliases.join(", ") } : {}),
      ...(body.activityGroup === undefined ? { activityGroup: item.activityGroup } : {}),
    };
    const again = (errors: string[], status: 400 | 409) =>
      formPage(c, s, { title: m.catEditTitle({ code: item.code }), action: productUrl(shop, item.code), form, photoUrl: item.photoUrl, submit: m.save, errors }, status);
    const checked = checkForm(form, m, catalog.filter((p) => p.id !== item.id).map((p) => p.code));
    const photo = await readPhotoUpload(body, m);
    if (!checked.ok || !photo.ok) return again([...(checked.ok ? [] : checked.reason), ...(photo.ok ? [] : [photo.reason])], 400);
    const saved = await updateProduct(deps.store, shop.id, item, checked.value, photo.value, deps.clock.now());
    if (!saved.ok) return again([m.errCodeTaken({ code: checked.value.code })], 409);
    return c.redirect(`${listUrl(shop)}&ok=saved&code=${encodeURIComponent(checked.value.code)}`, 303);
  });

  app.post("/catalog/:code/sold-out", async (c) => {
    const s = await section(c);
    if (s instanceof Response) return s;
    const form = await c.req.parseBody();
    const soldOut = form.soldOut === "1";
    const product = await setSoldOut(deps.store, s.shop.id, c.req.param("code").slice(0, 20), soldOut);
    if (!product) return notFound(c, s.m);
    return c.redirect(`${listUrl(s.shop)}&ok=${soldOut ? "soldout" : "onsale"}&code=${encodeURIComponent(product.code)}`, 303);
  });

  return app;
}
