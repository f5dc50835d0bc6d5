import type { Shop } from "../../../db/schema";
import type { Session } from "../../../domain/auth/accounts";
import type { CatalogItem } from "../../../domain/catalog/catalog";
import { mediaUrlAt, PHOTO_SIDE } from "../../../domain/media/photos";
import { formatVnd } from "../../../domain/money";
import type { CatalogEditorMessages } from "../../../i18n/catalog-editor";
import { CsrfField } from "../layout";
import { editUrl, showablePhoto, soldOutUrl } from "./links";

/** One product of the list: thumbnail, price, stock, on sale or not, and its Edit and sold-out buttons. */
export function ProductCard(props: { p: CatalogItem; m: CatalogEditorMessages; session: Session; shop: Shop }) {
  const { p, m, session, shop } = props;
  const soldOut = p.soldOut || p.stock <= 0;
  const photo = showablePhoto(p.photoUrl);
  return (
    <div class="card prod" data-code={p.code}>
      {photo ? <img src={mediaUrlAt(photo, PHOTO_SIDE.thumbnail)} alt="" loading="lazy" /> : ""}
      <div>
        <strong>{p.code}</strong> · {p.name}
        <div>
          <span class="price">{formatVnd(p.price)}</span>/{p.unit} · {m.catStock({ stock: p.stock })} · <span class={`badge ${soldOut ? "off" : "on"}`}>{soldOut ? m.catSoldOut : m.catOnSale}</span>
        </div>
        {p.category || p.labels.length ? (
          <div class="muted">
            {p.category}
            {p.category && p.labels.length ? " · " : ""}
            {p.labels.length ? `🏷 ${p.labels.join(" · ")}` : ""}
          </div>
        ) : (
          ""
        )}
        <div class="muted" data-activity-group={p.activityGroup}>
          {m.catActivityGroup({ group: m.activityGroupNames[p.activityGroup] })}
        </div>
        {p.aliases.length ? (
          <div class="muted" data-aliases="">
            {m.catAliases({ aliases: p.aliases.join(", ") })}
          </div>
        ) : (
          ""
        )}
        <a class="btn" href={editUrl(shop, p.code)}>
          {m.catEdit}
        </a>
        <form method="post" action={soldOutUrl(shop, p.code)} class="inline">
          <CsrfField session={session} />
          <input type="hidden" name="soldOut" value={p.soldOut ? "0" : "1"} />
          <button class="btn alt">{p.soldOut ? m.catMarkOnSale : m.catMarkSoldOut}</button>
        </form>
      </div>
    </div>
  );
}
