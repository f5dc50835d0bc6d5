import type { Session } from "../../../domain/auth/accounts";
import type { AccountPassword } from "../../../domain/auth/account-password";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../../../domain/auth/password-change";
import type { AccountPageMessages } from "../../../i18n/account-page";
import type { DashboardFrameMessages } from "../../../i18n/dashboard-frame";
import type { AssetCatalog } from "../../../web/asset-catalog";
import { ACCOUNT_PATH } from "../context";
import { CsrfField, Page } from "../layout";

export interface AccountPageProps {
  d: DashboardFrameMessages;
  a: AccountPageMessages;
  session: Session;
  assets: AssetCatalog;
  account: AccountPassword | undefined;
  flash?: { text: string; error?: boolean } | undefined;
}

// The change form; an account without a password (staff log in by link) gets a note instead.
function PasswordCard(props: AccountPageProps) {
  const { a, session, account } = props;
  if (!account?.hasPassword)
    return (
      <section class="card" id="password">
        <p class="muted">{a.noPasswordAccount}</p>
      </section>
    );
  return (
    <section class="card" id="password">
      <h2>{a.changePasswordTitle}</h2>
      {session.user.must_change_password ? (
        <p class="flash err" role="alert" data-must-change="">
          {a.mustChangePassword}
        </p>
      ) : (
        ""
      )}
      {account.fromEnv ? (
        <p class="muted" data-from-env="">
          {a.passwordFromEnv}
        </p>
      ) : (
        ""
      )}
      <form method="post" action={`${ACCOUNT_PATH}/password`}>
        <CsrfField session={session} />
        <input type="hidden" name="username" value={account.username} autocomplete="username" />
        <p>
          <label>
            {a.currentPassword}
            <br />
            <input type="password" name="current" required maxlength={MAX_PASSWORD_LENGTH} autocomplete="current-password" />
          </label>
        </p>
        <p>
          <label>
            {a.newPassword({ min: MIN_PASSWORD_LENGTH })}
            <br />
            <input type="password" name="password" required minlength={MIN_PASSWORD_LENGTH} maxlength={MAX_PASSWORD_LENGTH} autocomplete="new-password" />
          </label>
        </p>
        <p>
          <label>
            {a.confirmPassword}
            <br />
            <input type="password" name="confirm" required minlength={MIN_PASSWORD_LENGTH} maxlength={MAX_PASSWORD_LENGTH} autocomplete="new-password" />
          </label>
        </p>
        <button class="btn">{a.changePasswordButton}</button>
      </form>
    </section>
  );
}

/** The account page: change one's password (forced while it is the random first-start one) and log out everywhere. */
export function AccountPage(props: AccountPageProps) {
  const { d, a, session } = props;
  return (
    <Page d={d} session={session} assets={props.assets} title={a.accountTitle} section="account" flash={props.flash}>
      <p class="muted">{a.accountWho({ username: props.account?.username ?? session.user.username })}</p>
      <div class="cols">
        <PasswordCard {...props} />
        <section class="card" id="everywhere">
          <h2>{a.logoutEverywhereTitle}</h2>
          <p class="muted">{a.logoutEverywhereHelp}</p>
          <form method="post" action={`${ACCOUNT_PATH}/logout-all`}>
            <CsrfField session={session} />
            <button class="btn alt">{a.logoutEverywhereButton}</button>
          </form>
        </section>
      </div>
    </Page>
  );
}
