import { z } from "zod";
import { parseTrustProxy } from "./http/trust-proxy";
import { isValidTimeZone } from "./platform/shop-time";
import { fail, ok, type Result } from "./result";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const botToken = (platform: string, minSecret: number) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(new RegExp(`^\\d{3,30}:[A-Za-z0-9_-]{${minSecret},200}$`), `must look like <bot id>:<secret>, as ${platform} gives it`)
      .optional(),
  );
const url = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .url("must be a URL such as https://example.com")
    .transform((u) => u.replace(/\/+$/, ""))
    .optional(),
);

/** The whole environment, validated once. Every variable is optional (CONTRACT.md). */
export const configSchema = z.object({
  PORT: z.preprocess(emptyToUndefined, z.coerce.number({ error: "must be a port number (1–65535)" }).int("must be a whole number").min(1).max(65535).default(3000)),
  HOST: z.preprocess(emptyToUndefined, z.string().default("0.0.0.0")),
  DATABASE_PATH: z.preprocess(emptyToUndefined, z.string().default("./data/cho-chat.db")),
  PUBLIC_URL: url,
  ADMIN_TOKEN: z.preprocess(emptyToUndefined, z.string().min(16, "must be at least 16 characters").optional()),
  ADMIN_PASSWORD: z.preprocess(emptyToUndefined, z.string().min(8, "must be at least 8 characters").optional()),
  DEMO: z.preprocess(
    emptyToUndefined,
    z
      .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
      .default("true")
      .transform((v) => v === "true" || v === "1" || v === "yes"),
  ),
  TELEGRAM_BOT_TOKEN: botToken("BotFather", 8),
  TELEGRAM_API_ROOT: z.preprocess(
    emptyToUndefined,
    z.string().url("must be a URL").transform((u) => u.replace(/\/+$/, "")).default("https://api.telegram.org"),
  ),
  TELEGRAM_MODE: z.preprocess(emptyToUndefined, z.enum(["webhook", "polling"], { message: "must be webhook or polling" }).optional()),
  TELEGRAM_WEBHOOK_SECRET: z.preprocess(
    emptyToUndefined,
    z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, "must be 1–256 characters of A-Z a-z 0-9 _ -").optional(),
  ),
  ZALO_BOT_TOKEN: botToken("Zalo Bot Creator", 4),
  ZALO_API_ROOT: z.preprocess(
    emptyToUndefined,
    z.string().url("must be a URL").transform((u) => u.replace(/\/+$/, "")).default("https://bot-api.zaloplatforms.com"),
  ),
  ZALO_WEBHOOK_SECRET: z.preprocess(emptyToUndefined, z.string().min(8, "must be 8–256 characters").max(256).optional()),
  // Zalo Official Account API v3 (group messaging) and its OAuth v4 host: tests point them at a local fake.
  ZALO_OA_API_ROOT: z.preprocess(
    emptyToUndefined,
    z.string().url("must be a URL").transform((u) => u.replace(/\/+$/, "")).default("https://openapi.zalo.me"),
  ),
  ZALO_OAUTH_ROOT: z.preprocess(
    emptyToUndefined,
    z.string().url("must be a URL").transform((u) => u.replace(/\/+$/, "")).default("https://oauth.zaloapp.com"),
  ),
  SEPAY_API_KEY: optionalString,
  CASSO_WEBHOOK_SECRET: optionalString,
  PAYOS_CHECKSUM_KEY: optionalString,
  // The default shop's carrier accounts (issue 23); the roots let a local fake stand in.
  GHN_TOKEN: z.preprocess(emptyToUndefined, z.string().regex(/^[A-Za-z0-9-]{8,100}$/, "must be GHN's API token (letters, digits and -)").optional()),
  GHN_SHOP_ID: z.preprocess(emptyToUndefined, z.coerce.number({ error: "must be GHN's numeric ShopId" }).int("must be a whole number").positive().optional()),
  GHN_API_ROOT: z.preprocess(
    emptyToUndefined,
    z.string().url("must be a URL").transform((u) => u.replace(/\/+$/, "")).default("https://online-gateway.ghn.vn/shiip/public-api"),
  ),
  GHTK_TOKEN: z.preprocess(emptyToUndefined, z.string().regex(/^[A-Za-z0-9._-]{8,200}$/, "must be GHTK's API token").optional()),
  GHTK_API_ROOT: z.preprocess(
    emptyToUndefined,
    z.string().url("must be a URL").transform((u) => u.replace(/\/+$/, "")).default("https://services.giaohangtietkiem.vn"),
  ),
  // The default shop's :token in /webhooks/ghn|ghtk/:shop/:token; derived from a server secret when unset.
  CARRIER_WEBHOOK_TOKEN: z.preprocess(emptyToUndefined, z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, "must be 16–128 characters of A-Z a-z 0-9 _ -").optional()),
  // SePay eInvoice (issue 24): production by default; the sandbox (https://einvoice-api-sandbox.sepay.vn) or a local fake for tests.
  SEPAY_EINVOICE_URL: z.preprocess(
    emptyToUndefined,
    z.string().url("must be a URL").transform((u) => u.replace(/\/+$/, "")).default("https://einvoice-api.sepay.vn"),
  ),
  TZ_SHOP: z.preprocess(
    emptyToUndefined,
    z.string().refine(isValidTimeZone, "must be an IANA time zone such as Asia/Ho_Chi_Minh").default("Asia/Ho_Chi_Minh"),
  ),
  WEBCHAT_MAX_PER_MINUTE: z.preprocess(emptyToUndefined, z.coerce.number({ error: "must be a number (0 turns the limit off)" }).int("must be a whole number").min(0).default(600)),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(["debug", "info", "warn", "error"]).default("info")),
  // Whose client-address headers to believe (CONTRACT.md): read once here, so a typo stops the start.
  TRUST_PROXY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default("none")
      .transform((value, ctx) => {
        const parsed = parseTrustProxy(value);
        if (parsed.ok) return parsed.value;
        ctx.addIssue({ code: "custom", message: parsed.reason });
        return z.NEVER;
      }),
  ),
  // Secrets stored in the database (bot tokens, webhook secrets, payment keys) are sealed with it (AES-GCM).
  DATA_KEY: z.preprocess(emptyToUndefined, z.string().min(32, "must be at least 32 characters (e.g. the output of: openssl rand -base64 32)").optional()),
  // During a rotation: the earlier key(s), comma-separated, still accepted for reading; the start re-seals with DATA_KEY.
  DATA_KEY_PREVIOUS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .transform((v) => v.split(",").map((k) => k.trim()).filter((k) => k.length > 0))
      .refine((keys) => keys.every((k) => k.length >= 32), "must be one or more earlier DATA_KEY values (32 characters or more each), comma-separated")
      .optional(),
  ),
});

export type AppConfig = z.infer<typeof configSchema>;

/** Validates the environment; on failure, one line per wrong variable, naming it. */
export function loadConfig(env: Record<string, string | undefined>): Result<AppConfig, string> {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return ok(parsed.data);
  const lines = parsed.error.issues.map((i) => `${String(i.path[0] ?? "environment")}: ${i.message}`);
  return fail(lines.join("\n"));
}

/** Every configured secret, so logs and pages can be scrubbed of them. */
export function configSecrets(config: AppConfig): string[] {
  return [
    config.TELEGRAM_BOT_TOKEN,
    config.TELEGRAM_WEBHOOK_SECRET,
    config.ZALO_BOT_TOKEN,
    config.ZALO_WEBHOOK_SECRET,
    config.SEPAY_API_KEY,
    config.CASSO_WEBHOOK_SECRET,
    config.PAYOS_CHECKSUM_KEY,
    config.GHN_TOKEN,
    config.GHTK_TOKEN,
    config.CARRIER_WEBHOOK_TOKEN,
    config.ADMIN_TOKEN,
    config.ADMIN_PASSWORD,
    config.DATA_KEY,
    ...(config.DATA_KEY_PREVIOUS ?? []),
  ].filter((s): s is string => typeof s === "string");
}
