import type { Hono } from "hono";

/**
 * Logs in with a one-time login link as a person does: opens the link's page (which only asks),
 * then presses its button (a POST with the page's CSRF token and confirm cookie). Returns the
 * page's answer when it is not a page to confirm (an unknown or spent link: 401), else the
 * confirmation's (303 to /dashboard, the new session cookie first among its Set-Cookie headers).
 */
export async function loginByLink(app: Hono, token: string, cookie = ""): Promise<Response> {
  const page = await app.request(`/dashboard/login/${token}`, { headers: cookie ? { cookie } : {} });
  if (page.status !== 200) return page;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
  const confirm = page.headers.getSetCookie().find((c) => c.startsWith("cc_link_confirm="))?.split(";")[0] ?? "";
  return app.request(`/dashboard/login/${token}`, {
    method: "POST",
    headers: { cookie: [cookie, confirm].filter(Boolean).join("; ") },
    body: new URLSearchParams({ _csrf: csrf }),
  });
}
