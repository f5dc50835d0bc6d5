import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { ensureOperator } from "../../src/domain/auth/accounts";
import { OPERATOR_PASSWORD } from "./dashboard";
import { listen } from "./http-server";
import { makeTestApp, type TestApp } from "./test-app";

/** Debian's Chromium (found or installed by test/setup/chromium.ts before the run): never a browser download. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Headless Chromium with the flags this closed network needs. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium" (npm test does as root).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
  });
}

/** Signs the operator account in through the real login form and waits for the orders board. */
export async function signInAsOperator(page: Page, serverUrl: string, password = OPERATOR_PASSWORD): Promise<void> {
  await page.goto(`${serverUrl}/dashboard/login`);
  await page.fill("input[name=username]", "admin");
  await page.fill("input[name=password]", password);
  await Promise.all([page.waitForURL(/\/dashboard(\?|$)/), page.click("button[type=submit]")]);
}

/** A 360 px phone, as the dashboard's and the web chat's browser tests open pages. */
export const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

/** The page fits the phone's 360 px: nothing to scroll sideways. */
export async function fitsPhoneWidth(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.viewport.width);
}

/**
 * For one test file: the whole real app (demo shop, operator account) on loopback and Chromium,
 * started before its tests and stopped after them. Read the fields inside tests, not at load.
 * `makeApp` starts an app wired otherwise (to a fake of its own, say); makeTestApp by default.
 */
export function realAppInChromium(makeApp: () => Promise<TestApp> = makeTestApp): { readonly t: TestApp; readonly url: string; readonly browser: Browser } {
  const live = {} as { t: TestApp; url: string; browser: Browser; server: { close(): Promise<void> } };
  beforeAll(async () => {
    live.t = await makeApp();
    await ensureOperator(live.t.sqlite.store, OPERATOR_PASSWORD, live.t.clock.now());
    const server = await listen(live.t.app);
    Object.assign(live, { server, url: server.url, browser: await launchChromium() });
  });
  afterAll(async () => {
    await live.browser?.close();
    await live.server?.close();
    await live.t?.close();
  });
  return live;
}
