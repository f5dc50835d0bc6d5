import type { CatalogItem } from "../../../domain/catalog/catalog";
import { Page } from "../layout";
import { CommentTrialBox, type CommentTrial } from "./comment-trial";
import { EMPTY_FORM } from "./form-input";
import type { CatalogFrame } from "./frame";
import { listUrl } from "./links";
import { ProductCard } from "./product-card";
import { ProductForm } from "./product-form";

export interface ListPageProps {
  frame: CatalogFrame;
  catalog: readonly CatalogItem[];
  /** What the last action did ("Đã lưu A1."), from the redirect's query. */
  flash?: string | undefined;
  /** The comment tried in the "Thử bình luận" box and its reading, when one was sent. */
  trial?: CommentTrial | undefined;
}

/** /dashboard/catalog: the "Thử bình luận" box, every product with its switches, and the new-product form (open when there is none). */
export function ListPage(props: ListPageProps) {
  const { catalog } = props;
  const { d, session, assets, shop, m } = props.frame;
  return (
    <Page
      d={d}
      session={session}
      assets={assets}
      title={d.navCatalog}
      section="catalog"
      shop={shop}
      flash={props.flash ? { text: props.flash } : undefined}
      styles={["catalog-editor.css", "comment-trial.css"]}
      scripts={["photo-resize.js"]}
    >
      {catalog.length === 0 ? <p>{m.catNoProducts}</p> : <CommentTrialBox m={m} session={session} shop={shop} catalog={catalog} trial={props.trial} />}
      <div class="cols">
        {catalog.map((p) => (
          <ProductCard p={p} m={m} session={session} shop={shop} />
        ))}
      </div>
      <details class="card" id="new" open={catalog.length === 0}>
        <summary>＋ {m.catNewProduct}</summary>
        <ProductForm m={m} session={session} action={listUrl(shop)} form={EMPTY_FORM} photoUrl={null} submit={m.create} />
      </details>
    </Page>
  );
}
