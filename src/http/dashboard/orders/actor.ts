import type { Session } from "../../../domain/auth/accounts";
import type { Actor } from "../../../domain/orders/transitions";

/** Who is acting, for the order rules: the operator acts as an owner; staff as themselves. */
export function actorOf(session: Session): Actor {
  return { id: session.user.staff_id ?? 0, name: session.user.display_name || session.user.username, role: session.user.role === "operator" ? "owner" : session.user.role };
}
