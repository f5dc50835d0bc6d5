import type { Shop } from "../../../db/schema";
import type { Session } from "../../../domain/auth/accounts";
import { PAYMENT_KEY_COLUMN, type PaymentProvider } from "../../../domain/secrets/sealed";
import type { PaymentsPageMessages } from "../../../i18n/payments-page";
import { ShopFormFields } from "./form-fields";

/** The payment services that post transfer notices to us, each with its own secret key. */
export const PROVIDERS = Object.keys(PAYMENT_KEY_COLUMN) as PaymentProvider[];

/** The last 4 characters of a secret behind dots; shorter secrets show nothing of themselves. */
export function maskSecret(secret: string): string {
  return secret.length >= 8 ? `••••${secret.slice(-4)}` : "••••";
}

/**
 * Each service's webhook URL to paste into its settings, and whether its key is set (only its last
 * characters, never the key); an owner can set or replace it.
 */
export function WebhookKeys(props: { a: PaymentsPageMessages; session: Session; shop: Shop; manage: boolean; origin: string; keys: Record<PaymentProvider, string | null> }) {
  const { a, shop } = props;
  return (
    <section class="card" id="webhooks">
      <h2>{a.webhooksTitle}</h2>
      <p class="muted">{`${a.webhooksHelp} ${a.keyNeverShown}`}</p>
      {PROVIDERS.map((p) => {
        const key = props.keys[p];
        return (
          <div data-provider={p} style="margin:10px 0 14px">
            <strong>{a.keyName[p]}</strong>
            <div class="muted">{a.webhookUrl}:</div>
            <code class="url">{`${props.origin}/webhooks/${p}/${shop.slug}`}</code>
            <div class="muted" data-key-state={key ? "set" : "unset"}>
              {key ? a.keySet({ masked: maskSecret(key) }) : a.keyNotSet}
            </div>
            {props.manage ? (
              <form method="post" action="/dashboard/payments/keys" class="inline">
                <ShopFormFields session={props.session} shop={shop} />
                <input type="hidden" name="provider" value={p} />
                <input type="password" name="key" required minlength={8} maxlength={200} autocomplete="off" aria-label={`${a.keyNew} · ${a.keyName[p]}`} placeholder={a.keyNew} />
                <button class="btn alt">{key ? a.replaceKey : a.setKey}</button>
              </form>
            ) : (
              ""
            )}
          </div>
        );
      })}
    </section>
  );
}
