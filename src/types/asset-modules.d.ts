// src/web/assets/ files imported as text (wrangler's Text rule): only src/web/bundled-assets.ts does.
declare module "*.css" {
  const text: string;
  export default text;
}
declare module "./assets/*.js" {
  const text: string;
  export default text;
}
