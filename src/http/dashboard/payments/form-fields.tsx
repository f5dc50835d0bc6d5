import type { Shop } from "../../../db/schema";
import type { Session } from "../../../domain/auth/accounts";
import { CsrfField } from "../layout";

/** What every form of the page carries: the CSRF token and the shop it acts on. */
export const ShopFormFields = (props: { session: Session; shop: Shop }) => (
  <>
    <CsrfField session={props.session} />
    <input type="hidden" name="shop" value={props.shop.slug} />
  </>
);

/** Owners (and operators) change the receiving account and keys; staff see them. */
export const canManage = (session: Session) => session.user.role === "operator" || session.user.role === "owner";
