import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { convertOa, oaWebhookEvent, stripOaMentions } from "../../bots/zalo-oa/convert";
import { oaSignature, timestampFresh, verifyOaSignature } from "../../bots/zalo-oa/signature";

// ZALO.md §4(c), byte for byte as it would arrive.
const RAW = `{"app_id":"1234567890","user_id_by_app":"3216904426693862293","event_name":"user_send_text","timestamp":"1677721200000","sender":{"id":"2512523625412515"},"recipient":{"id":"3662729599332560487"},"message":{"msg_id":"cb31dff1c39642cc1b83","text":"chốt A1 x2"}}`;
const KEY = "oa-secret";
const expected = createHash("sha256").update(`1234567890${RAW}1677721200000${KEY}`, "utf8").digest("hex");
const input = { appId: "1234567890", rawBody: RAW, timestamp: "1677721200000", oaSecretKey: KEY };

describe("X-ZEvent-Signature", () => {
  it("is hex sha256 of app_id + raw body + timestamp + OA secret key", async () => {
    expect(await oaSignature(input.appId, RAW, input.timestamp, KEY)).toBe(expected);
    expect(await verifyOaSignature(expected, input)).toBe(true);
    expect(await verifyOaSignature(`mac=${expected}`, input)).toBe(true);
    expect(await verifyOaSignature(expected.toUpperCase(), input)).toBe(true);
  });

  it("fails on another key, another app, a re-serialised body, a changed timestamp or no header", async () => {
    expect(await verifyOaSignature(expected, { ...input, oaSecretKey: "other" })).toBe(false);
    expect(await verifyOaSignature(expected, { ...input, appId: "1234567891" })).toBe(false);
    expect(await verifyOaSignature(expected, { ...input, rawBody: JSON.stringify(JSON.parse(RAW), null, 1) })).toBe(false);
    expect(await verifyOaSignature(expected, { ...input, timestamp: "1677721200001" })).toBe(false);
    expect(await verifyOaSignature(undefined, input)).toBe(false);
    expect(await verifyOaSignature("", input)).toBe(false);
  });

  it("refuses timestamps more than 5 minutes off either way", () => {
    const now = new Date(1_677_721_200_000);
    expect(timestampFresh("1677721200000", now)).toBe(true);
    expect(timestampFresh(String(now.getTime() - 299_000), now)).toBe(true);
    expect(timestampFresh(String(now.getTime() - 301_000), now)).toBe(false);
    expect(timestampFresh(String(now.getTime() + 301_000), now)).toBe(false);
    expect(timestampFresh("soon", now)).toBe(false);
  });
});

describe("convertOa", () => {
  const ctx = { oaId: "3662729599332560487", shopId: 1, now: new Date(0) };
  it("a private user_send_text is a private message keyed by msg_id", () => {
    const { event, eventKey } = convertOa(oaWebhookEvent.parse(JSON.parse(RAW)), ctx);
    expect(eventKey).toBe("cb31dff1c39642cc1b83");
    expect(event).toMatchObject({ kind: "message", msg: { channel: "zalo-oa", chat: { id: "2512523625412515", kind: "private" }, text: "chốt A1 x2" } });
  });
  it("a group text with its group in recipient.group_id, or in recipient.id", () => {
    const base = JSON.parse(RAW) as Record<string, unknown>;
    const a = convertOa(oaWebhookEvent.parse({ ...base, event_name: "user_send_group_text", recipient: { id: ctx.oaId, group_id: "g1" } }), ctx);
    const b = convertOa(oaWebhookEvent.parse({ ...base, event_name: "user_send_group_text", recipient: { id: "g2" } }), ctx);
    expect(a.event).toMatchObject({ msg: { chat: { id: "g1", kind: "group" } } });
    expect(b.event).toMatchObject({ msg: { chat: { id: "g2", kind: "group" } } });
  });
  it("ignores what the OA itself sent", () => {
    const base = JSON.parse(RAW) as Record<string, unknown>;
    expect(convertOa(oaWebhookEvent.parse({ ...base, event_name: "oa_send_group_text" }), ctx).event.kind).toBe("ignored");
    expect(convertOa(oaWebhookEvent.parse({ ...base, event_name: "user_send_group_text", sender: { id: ctx.oaId }, recipient: { group_id: "g" } }), ctx).event.kind).toBe("ignored");
  });
  it("strips [@id] mentions", () => {
    expect(stripOaMentions("[@123456] chốt A1 [@g_all] x2").replace(/\s+/g, " ").trim()).toBe("chốt A1 x2");
  });
});
