import type { Reply } from "../../src/chat/types";
import type { Staff } from "../../src/db/schema";
import { removeStaff } from "../../src/domain/shops/staff";
import { listStaff } from "../../src/domain/shops/staff-lists";
import { staffAdminMessages } from "../../src/i18n/staff-admin";
import { foldText } from "../../src/text/normalize";
import type { GroupContext } from "../group-context";

// "/staff remove 12345", "/staff xoá 12345" (any spelling of xoá), "/staff rm 12345".
const REMOVE_WORDS = new Set(["remove", "rm", "delete", "del", "xoa"]);

export type StaffAdminRequest = { kind: "list" } | { kind: "remove"; userId: string } | { kind: "usage" };

/** Reads the arguments of /staff: nothing (list) or a remove word and a user id. */
export function readStaffAdminArgs(args: string): StaffAdminRequest {
  const [verb = "", userId = "", ...extra] = args.trim().split(/\s+/).filter(Boolean);
  if (!verb) return { kind: "list" };
  if (REMOVE_WORDS.has(foldText(verb)) && /^[0-9A-Za-z_-]{1,64}$/.test(userId) && extra.length === 0) return { kind: "remove", userId };
  return { kind: "usage" };
}

/**
 * `/staff`: an owner lists the shop's staff and removes one (`/staff remove <userId>`, on the
 * channel the owner writes from). Removal ends the member's dashboard sessions at once.
 */
export async function staffAdminCommand(ctx: GroupContext, owner: Staff, args: string): Promise<Reply[]> {
  const m = staffAdminMessages(ctx.lang);
  if (owner.role !== "owner") return [{ text: m.ownersOnly }];
  const request = readStaffAdminArgs(args);
  if (request.kind === "usage") return [{ text: m.usage }];
  if (request.kind === "list") {
    const staff = await listStaff(ctx.store, ctx.shop.id);
    const lines = staff.map((s) => m.line({ name: s.name, role: m.roleName[s.role], channel: s.channel, userId: s.user_id }));
    return [{ text: m.list({ lines: lines.join("\n") }) }];
  }
  // Nobody locks themselves out by a typo: another owner or the operator removes an owner.
  if (request.userId === owner.user_id) return [{ text: m.notSelf }];
  const removed = await removeStaff(ctx.store, ctx.shop.id, ctx.channel, request.userId);
  if (!removed) return [{ text: m.unknown({ userId: request.userId }) }];
  return [{ text: m.removed({ name: removed.name }) }];
}
