import type { StaffAdminMessages } from "./staff-admin";

export const staffAdminEn: StaffAdminMessages = {
  usage: "Usage: /staff (list the staff), /staff remove <user id> (remove from the shop, logged out at once).",
  ownersOnly: "Only the shop's owners manage staff.",
  list: (p) => `The shop's staff:\n${p.lines}\nRemove: /staff remove <id>`,
  line: (p) => `• ${p.name} · ${p.role} · ${p.channel} ${p.userId}`,
  roleName: { owner: "owner", staff: "staff", shipper: "shipper" },
  notSelf: "You cannot remove yourself. Ask another owner or the operator.",
  unknown: (p) => `No staff member has the id ${p.userId} (on this channel). See the list: /staff`,
  removed: (p) => `${p.name} was removed from the shop. Every dashboard session of theirs was logged out.`,
};
