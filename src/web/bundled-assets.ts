// The pages' stylesheets and scripts, bundled into the Worker as text (wrangler's Text rule for
// src/web/assets/). A test checks that every file in src/web/assets/ is listed here.
import type { AssetFile } from "./asset-catalog";
import dashboardCss from "./assets/dashboard.css";

/** Every asset, by file name. */
export const BUNDLED_ASSETS: AssetFile[] = [{ name: "dashboard.css", text: dashboardCss }];
