/** One file of src/web/assets/: a stylesheet or a browser script, as text. */
export interface AssetFile {
  name: string;
  text: string;
}

export interface Asset {
  text: string;
  contentType: string;
  /** A short hash of the text: part of the asset's URL, so a changed file is a new URL. */
  version: string;
}

/**
 * The pages' stylesheets and browser scripts. The dashboard links them (`href`): phones fetch each
 * once and keep it (the URL carries the content's version, so it can be cached for a year). The
 * buyers' pages (web chat, pay page) put theirs inline (`text`): one request less on 3G.
 */
export interface AssetCatalog {
  href(name: string): string;
  text(name: string): string;
  get(name: string): Asset | undefined;
  /** Every script's text: the Content-Security-Policy allows exactly these inline, by hash. */
  scripts(): string[];
}

const TYPES: Record<string, string> = { css: "text/css; charset=utf-8", js: "text/javascript; charset=utf-8" };

/** FNV-1a over the text, as 8 hex digits: enough to tell two versions of one file apart. */
function versionOf(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, "0");
}

export function assetCatalog(files: readonly AssetFile[]): AssetCatalog {
  const byName = new Map<string, Asset>();
  for (const f of files) {
    const type = TYPES[f.name.split(".").pop() ?? ""];
    if (!type) throw new Error(`asset ${f.name}: only .css and .js files are served`);
    byName.set(f.name, { text: f.text, contentType: type, version: versionOf(f.text) });
  }
  const must = (name: string): Asset => {
    const a = byName.get(name);
    // A page naming a file that is not there is a mistake in this code, not in a request.
    if (!a) throw new Error(`no asset ${name} in src/web/assets/`);
    return a;
  };
  return {
    href: (name) => `/assets/${name}?v=${must(name).version}`,
    text: (name) => must(name).text,
    get: (name) => byName.get(name),
    scripts: () => [...byName.entries()].filter(([n]) => n.endsWith(".js")).map(([, a]) => a.text),
  };
}
