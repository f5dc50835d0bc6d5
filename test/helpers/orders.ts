import type { TestApp } from "./test-app";
import { WebChatUser } from "./test-app";

/**
 * Places a real order through the web chat: one A1 (Vừa, không cay) = 45.000 ₫, picked up,
 * paid by transfer. Optionally renames its code (the PAYMENTS.md vectors use CC7K2M9Q).
 */
export async function placeTransferOrder(t: TestApp, opts: { code?: string; method?: "vietqr" | "cod" } = {}) {
  const user = new WebChatUser(t.app);
  await user.open();
  await user.say("A1");
  await user.tap("Vừa");
  await user.tap("Không cay");
  await user.say("1");
  await user.tap("Đặt hàng");
  await user.tap("Tự đến lấy");
  await user.say("0912345678");
  await user.tap("Hôm nay 11:30");
  await user.tap("Bỏ qua");
  await user.tap("Xác nhận đặt");
  await user.tap(opts.method === "cod" ? "Tiền mặt" : "Chuyển khoản");
  const db = t.sqlite.store.db;
  const placed = await db.selectFrom("orders").select(["id", "code"]).where("buyer_id", "=", db.selectFrom("buyers").select("id").where("user_id", "=", user.session ?? "")).orderBy("id", "desc").executeTakeFirstOrThrow();
  if (opts.code) await db.updateTable("orders").set({ code: opts.code }).where("id", "=", placed.id).execute();
  const order = await db.selectFrom("orders").selectAll().where("id", "=", placed.id).executeTakeFirstOrThrow();
  return { user, order };
}
