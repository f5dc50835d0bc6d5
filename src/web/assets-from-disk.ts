// Node-only: the Node server and the tests read src/web/assets/ from disk (the Worker imports the
// same files as text: bundled-assets.ts).
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { AssetFile } from "./asset-catalog";

export const ASSETS_DIR = fileURLToPath(new URL("./assets/", import.meta.url));

export function readAssetFiles(dir = ASSETS_DIR): AssetFile[] {
  return readdirSync(dir)
    .filter((f) => /\.(css|js)$/.test(f))
    .sort()
    .map((name) => ({ name, text: readFileSync(`${dir}/${name}`, "utf8") }));
}
