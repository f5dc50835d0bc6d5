import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { OPERATOR_PASSWORD } from "./dashboard";

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
