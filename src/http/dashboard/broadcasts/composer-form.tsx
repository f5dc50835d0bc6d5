import type { Shop } from "../../../db/schema";
import type { Session } from "../../../domain/auth/accounts";
import type { CatalogItem } from "../../../domain/catalog/catalog";
import { formatVnd } from "../../../domain/money";
import type { BroadcastsPageMessages } from "../../../i18n/broadcasts-page";
import { messagesFor } from "../../../i18n/messages";
import { CsrfField } from "../layout";
import { KINDS, MAX_TEXT, PRESETS, type Composer } from "./composer";
import { presetLabel, shopQuery } from "./format";
import { PreviewBox, type Preview } from "./preview";

export interface ComposerFormProps {
  session: Session;
  shop: Shop;
  m: BroadcastsPageMessages;
  catalog: readonly CatalogItem[];
  composer: Composer;
  preview: Preview;
  /** The form's one-time id: sending the same form twice posts once. */
  nonce: string;
}

/**
 * The composer: what to post (one item, the menu, a free post), its preview, "send now", and the
 * schedule. Every field is there without script; broadcast-composer.js shows only the ones the
 * chosen kind needs and refreshes the preview as the seller types.
 */
export function ComposerForm(props: ComposerFormProps) {
  const { session, shop, m, catalog, composer: c } = props;
  const kindLabel = { item: m.bcKindItem, menu: m.bcKindMenu, free: m.bcKindFree };
  return (
    <form method="post" action={`/dashboard/broadcasts${shopQuery(shop)}`} id="composer" class="card bform">
      <CsrfField session={session} />
      <input type="hidden" name="shop" value={shop.slug} />
      <input type="hidden" name="nonce" value={props.nonce} />
      <h2>{m.bcComposer}</h2>
      <fieldset class="kinds">
        <legend>{m.bcKind}</legend>
        {KINDS.map((k) => (
          <label>
            <input type="radio" name="kind" value={k} checked={c.kind === k} /> {kindLabel[k]}
          </label>
        ))}
      </fieldset>
      <label data-kind="item">
        {m.bcChooseItem}
        <select name="code">
          {catalog.map((p) => (
            <option value={p.code} selected={c.code === p.code}>{`${p.code} · ${p.name} — ${formatVnd(p.price)}`}</option>
          ))}
        </select>
      </label>
      <label data-kind="free">
        {m.bcText}
        <textarea name="text" rows={4} maxlength={MAX_TEXT}>{c.text}</textarea>
      </label>
      <div class="muted">{m.bcPreviewTitle}</div>
      <div id="preview" aria-live="polite">
        <PreviewBox preview={props.preview} t={messagesFor(shop.lang)} />
      </div>
      <div class="row" style="margin:10px 0">
        <button class="btn alt" name="do" value="preview">{m.bcPreview}</button>
        <button class="btn" name="do" value="send" data-confirm={m.bcConfirmSend}>{m.bcSendNow}</button>
      </div>
      <h2>{m.bcScheduleTitle}</h2>
      <div class="row">
        <label>
          {m.bcWhen}
          <select name="preset">
            {PRESETS.map((p) => (
              <option value={p} selected={c.preset === p}>{presetLabel(m, p)}</option>
            ))}
            <option value="custom" selected={c.preset === "custom"}>{m.bcPresetCustom}</option>
          </select>
        </label>
        <label data-cron="">
          {m.bcCron}
          <input type="text" name="cron" value={c.cron} maxlength={100} placeholder="30 10 * * 1-5" autocomplete="off" spellcheck={false} />
          <small class="muted">{m.bcCronHint}</small>
        </label>
        <button class="btn alt" name="do" value="schedule">{m.bcSchedule}</button>
      </div>
    </form>
  );
}
