import type { Shop } from "../../../db/schema";
import type { Session } from "../../../domain/auth/accounts";
import type { CatalogEditorMessages } from "../../../i18n/catalog-editor";
import type { AssetCatalog } from "../../../web/asset-catalog";
import type { PageProps } from "../layout";

/** What every catalog page is drawn with: the frame's words, the session, the assets, the shop and the editor's words. */
export interface CatalogFrame {
  d: PageProps["d"];
  session: Session;
  assets: AssetCatalog;
  shop: Shop;
  m: CatalogEditorMessages;
}
