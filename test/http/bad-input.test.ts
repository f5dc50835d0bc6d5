import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeTestApp, WebChatUser, type TestApp } from "../helpers/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

const post = (body: string, headers: Record<string, string> = { "content-type": "application/json" }) =>
  t.app.request("/api/webchat/demo/messages", { method: "POST", headers, body });

const HOSTILE = [
  "x".repeat(5_000),
  "🥰🥰🥰❤️👉",
  "hai phần",
  "Z9",
  "'; DROP TABLE orders; --",
  "<script>alert(1)</script>",
  "\u0000\u0007\u001b[31m",
  "Ａ１ ２",
  "Cơm gà".normalize("NFD"),
  "   ",
];

/** Drives a buyer to `step` and returns them there. */
async function buyerAt(step: string): Promise<WebChatUser> {
  const user = new WebChatUser(t.app);
  await user.open();
  const path: [string, string][] = [
    ["menu", "tap:Xem thực đơn"],
    ["options", "say:A1"],
    ["options2", "tap:Vừa"],
    ["qty", "tap:Không cay"],
    ["cart", "say:2"],
    ["fulfilment", "tap:Đặt hàng"],
    ["zone", "tap:Giao tận nơi"],
    ["address", "tap:Thị trấn Than Uyên"],
    ["phone", "say:Tổ 3 khu 5 thị trấn"],
    ["slot", "say:0912345678"],
    ["note", "tap:Hôm nay 11:30"],
    ["summary", "tap:Bỏ qua"],
    ["payment", "tap:Xác nhận đặt"],
  ];
  for (const [name, act] of path) {
    const [kind, arg] = act.split(":") as [string, string];
    if (kind === "tap") await user.tap(arg);
    else await user.say(arg);
    if (name === step) break;
  }
  return user;
}

const STEPS = ["menu", "options", "options2", "qty", "cart", "fulfilment", "zone", "address", "phone", "slot", "note", "summary", "payment"];

describe("bad input at every step", () => {
  it.each(STEPS)("at the %s step, every hostile message gets a short reply and no crash", async (step) => {
    const user = await buyerAt(step);
    const before = user.text;
    for (const text of HOSTILE) {
      const answer = await user.send({ text });
      expect(answer.replies.length, `no reply to ${JSON.stringify(text.slice(0, 20))} at ${step}`).toBeGreaterThan(0);
      for (const r of answer.replies) {
        expect(r.text.length).toBeGreaterThan(0);
        expect(r.text.length).toBeLessThan(4000);
        expect(r.text).not.toMatch(/Error|stack|undefined|NaN|\bat \w+ \(/);
      }
      // The apology means something threw inside a flow: none of these should.
      expect(user.text).not.toContain("hệ thống vừa gặp trục trặc");
    }
    expect(before.length).toBeGreaterThan(0);
    const errors = t.logger.lines.filter((l) => l.includes('"level":"error"'));
    expect(errors).toEqual([]);
  });

  it("a number where a phone is expected is refused with a hint", async () => {
    const user = await buyerAt("phone");
    await user.say("hai phần");
    expect(user.text).toContain("Số điện thoại chưa đúng. Gõ số di động 10 số");
    await user.say("024 3825 1234");
    expect(user.text).toContain("Bạn cho mình số di động");
  });

  it("an empty message and an unknown code get clear answers", async () => {
    const user = new WebChatUser(t.app);
    await user.open();
    await user.send({ text: "" });
    expect(user.text).toContain("Bạn chưa gõ gì");
    await user.say("Z9");
    expect(user.text).toContain("Mình chưa hiểu ý bạn");
    await user.say("/nope");
    expect(user.text).toContain("Lệnh này mình chưa biết");
  });

  it("an unknown action is treated as a stale button, not an error", async () => {
    const user = new WebChatUser(t.app);
    await user.open();
    await user.send({ action: "zzzzzz:qty:9" });
    expect(user.text).toContain("Nút này thuộc một lượt đặt trước đó");
    await user.send({ action: "p:NOPE" });
    expect(user.text).toContain("Không tìm thấy món “NOPE”");
  });
});

describe("bad HTTP", () => {
  it("malformed JSON is 400 with a JSON error", async () => {
    const res = await post("{not json");
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "malformed JSON" });
  });

  it("a body of the wrong shape is 400", async () => {
    const res = await post(JSON.stringify({ text: 42 }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/^invalid body/);
  });

  it("a body over 1 MiB is 413", async () => {
    const res = await post(JSON.stringify({ text: "a".repeat(1024 * 1024 + 10) }));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: "body too large (1 MiB at most)" });
  });

  it("an unknown shop, route or session is 404 JSON", async () => {
    expect((await t.app.request("/api/webchat/nope/messages", { method: "POST", body: "{}" })).status).toBe(404);
    const page = await t.app.request("/chat/nope");
    expect(page.status).toBe(404);
    expect(await page.json()).toEqual({ error: "unknown shop" });
    expect((await t.app.request("/nothing/here")).status).toBe(404);
    expect((await t.app.request("/api/webchat/demo/messages?session=nope&after=0")).status).toBe(404);
    expect((await t.app.request("/api/webchat/demo/messages")).status).toBe(400);
  });

  it("the operator API needs the admin token", async () => {
    expect((await t.app.request("/api/shops/demo/orders")).status).toBe(401);
    const wrong = await t.app.request("/api/shops/demo/orders", { headers: { authorization: "Bearer wrong-token-wrong-token" } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: "operator credentials required" });
    const bad = await t.app.request("/api/shops/demo/orders?date=yesterday", { headers: { authorization: "Bearer test-admin-token-0123456789" } });
    expect(bad.status).toBe(400);
  });

  it("healthz answers ok", async () => {
    const res = await t.app.request("/healthz");
    expect(await res.json()).toEqual({ ok: true });
  });
});
