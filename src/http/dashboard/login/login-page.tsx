import type { Child } from "hono/jsx";
import type { SignInMessages } from "../../../i18n/sign-in";
import type { AssetCatalog } from "../../../web/asset-catalog";
import { HtmlDocument } from "../../../web/html-document";

/** The login form (not framed: there is no session yet), with the reason the last try failed, if any. */
export function LoginPage(props: { l: SignInMessages; lang: string; assets: AssetCatalog; error?: Child }) {
  const { l } = props;
  return (
    <HtmlDocument lang={props.lang} title={l.loginTitle} assets={props.assets} styles={["sign-in.css"]}>
      <form method="post" action="/dashboard/login">
        <h1 style="font-size:20px;margin:0">{l.loginTitle}</h1>
        {props.error ? (
          <p class="err" role="alert">
            {props.error}
          </p>
        ) : (
          ""
        )}
        <label>
          {l.username}
          <br />
          <input name="username" autocomplete="username" required maxlength={64} />
        </label>
        <label>
          {l.password}
          <br />
          <input name="password" type="password" autocomplete="current-password" required maxlength={256} />
        </label>
        <button type="submit">{l.loginButton}</button>
        <p class="muted">{l.loginHint}</p>
      </form>
    </HtmlDocument>
  );
}
