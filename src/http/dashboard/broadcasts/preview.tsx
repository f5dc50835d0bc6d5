import { menuText } from "../../../../flows/order/menu-text";
import type { Shop } from "../../../db/schema";
import { findByCode, type CatalogItem } from "../../../domain/catalog/catalog";
import type { BroadcastsPageMessages } from "../../../i18n/broadcasts-page";
import { messagesFor, type Messages } from "../../../i18n/messages";
import { MAX_TEXT, type Composer } from "./composer";

/** The post as it would go out, or why there is nothing to show yet. */
export interface Preview {
  text?: string;
  image?: string;
  note?: string;
}

/** The post as the groups will read it: the very texts postBroadcast sends, in the shop's language. */
export function previewOf(shop: Shop, catalog: readonly CatalogItem[], c: Composer, m: BroadcastsPageMessages, now: Date): Preview {
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

/** The preview as a chat bubble with the order button (`t`: the shop's language, as the groups see it). */
export function PreviewBox(props: { preview: Preview; t: Messages }) {
  const p = props.preview;
  if (!p.text) return <p class="muted">{p.note ?? ""}</p>;
  return (
    <div class="bubble">
      {p.image ? <img src={p.image} alt="" /> : ""}
      {p.text}
      <br />
      <span class="obtn">{props.t.btnOrderNow}</span>
    </div>
  );
}
