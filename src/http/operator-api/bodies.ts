import { z } from "zod";
import { ACTIVITY_GROUPS } from "../../domain/books/activity-groups";

// What the API accepts in a request body (CONTRACT.md); readJsonBody answers 400 with the reason otherwise.

export const manualPayment = z.object({
  amount: z.number().int().positive().max(1e12).optional(),
  by: z.string().min(1).max(100).optional(),
  /** The caller's own id for this confirmation: sending it again records nothing new. */
  reference: z.string().min(1).max(100).optional(),
});

export const newStaff = z.object({
  channel: z.enum(["telegram", "zalo"]),
  userId: z.string().min(1).max(64),
  name: z.string().min(1).max(100),
  role: z.enum(["owner", "staff", "shipper"]),
});

export const productPatch = z
  .strictObject({
    stock: z.number().int().min(0).max(1_000_000).optional(),
    price: z.number().int().min(0).max(1_000_000_000).optional(),
    soldOut: z.boolean().optional(),
    /** Hot items: the stock goes to whoever pays first; unpaid orders wait in line. */
    firstPaidFirstServed: z.boolean().optional(),
    /** Nhóm ngành for the books: one of src/domain/books/activity-groups.ts. */
    activityGroup: z.enum(ACTIVITY_GROUPS).optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), "needs stock, price, soldOut, firstPaidFirstServed or activityGroup");

export const newLinkCode = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{4,32}$/, "must be 4–32 letters, digits, _ or -") });

export const statusChange = z.discriminatedUnion("action", [
  z.object({ action: z.literal("accept") }),
  z.object({ action: z.literal("deliver") }),
  z.object({ action: z.literal("cancel"), reason: z.string().min(1).max(200) }),
  z.object({ action: z.literal("ship"), shipper: z.object({ name: z.string().min(1).max(60), phone: z.string().max(20).default("") }) }),
]);

