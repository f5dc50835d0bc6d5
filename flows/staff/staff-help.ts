import type { Reply } from "../../src/chat/types";
import { findStaff } from "../../src/domain/shops/staff";
import type { GroupContext } from "../group-context";
import { shippingMessages } from "../../src/i18n/shipping";

/** `/help` from a staff member: their commands (`/don` first), then the buyers' help; undefined for anyone else. */
export async function staffHelp(ctx: GroupContext, userId: string): Promise<Reply[] | undefined> {
  const staff = await findStaff(ctx.store, ctx.shop.id, ctx.channel, userId);
  if (!staff) return undefined;
  return [{ text: `${ctx.t.staffHelp}\n${shippingMessages(ctx.lang).helpLine}\n\n${ctx.t.help}` }];
}
