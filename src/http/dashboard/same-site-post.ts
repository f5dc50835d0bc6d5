import type { Context } from "hono";

/**
 * Whether a form post was sent by this site's own page: a browser says where a post comes from
 * (Origin, and Sec-Fetch-Site in current browsers), so a page on another site that submits a form
 * here is refused. Without either header (curl, scripts, old browsers) the post is let through:
 * there is then no browser whose cookies a page elsewhere could be using.
 */
export function isSameSitePost(c: Context, publicUrl: string): boolean {
  const fetchSite = c.req.header("sec-fetch-site");
  if (fetchSite !== undefined && fetchSite !== "same-origin" && fetchSite !== "none") return false;
  const origin = c.req.header("origin");
  if (origin === undefined) return true;
  return origin === new URL(c.req.url).origin || (publicUrl !== "" && origin === originOf(publicUrl));
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "";
  }
}
