import { Page } from "../layout";
import type { CatalogFrame } from "./frame";
import { listUrl } from "./links";
import { ProductForm, type ProductFormProps } from "./product-form";

export interface ProductFormPageProps extends Omit<ProductFormProps, "session" | "m"> {
  title: string;
  /** Why the form came back unsaved, every problem at once. */
  errors?: string[];
}

/** A product's own page, new (after a refused add) or edit: back to the list, what is wrong, the form. */
export function ProductFormPage(props: ProductFormPageProps & { frame: CatalogFrame }) {
  const { frame, title, errors, ...form } = props;
  const { d, session, assets, shop, m } = frame;
  return (
    <Page d={d} session={session} assets={assets} title={title} section="catalog" shop={shop} styles={["catalog-editor.css"]} scripts={["photo-resize.js"]}>
      <p>
        <a href={listUrl(shop)}>{m.catBack}</a>
      </p>
      {errors?.length ? (
        <div class="flash err" role="alert">
          {m.errNotSaved}
          <ul>
            {errors.map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        </div>
      ) : (
        ""
      )}
      <ProductForm {...form} m={m} session={session} />
    </Page>
  );
}
