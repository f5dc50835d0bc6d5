import type { ReplyButton } from "../../src/chat/types";
import type { DeliveryZone } from "../../src/db/schema";
import { listSlots, upcomingSlots, type SlotChoice } from "../../src/domain/delivery/slots";
import { listZones } from "../../src/domain/delivery/zones";
import { findProvince } from "../../src/domain/address/match";
import { foldText } from "../../src/text/normalize";
import { parseVietnamesePhone } from "../parse/phone";
import type { FlowContext } from "../context";
import type { OrderDraft } from "../state";
import { act, ask } from "./draft";
import { goTo } from "./navigate";
import { pricedCart } from "./cart-step";
import { asksElsewhere, carriersOffered, elsewhereButton, startShip } from "./ship-steps";
import type { Step, StepInput, StepOutcome } from "./step";

const PICKUP_WORDS = ["lay", "tu lay", "den lay", "toi lay", "pickup", "pick up", "tai quan", "tai shop"];
const DELIVERY_WORDS = ["giao", "ship", "giao hang", "giao tan noi", "delivery", "deliver"];

/** Delivery or pick-up. */
export const fulfilmentStep: Step = {
  async prompt(ctx, draft) {
    const buttons = [
      { label: ctx.t.btnDelivery, action: act(draft, "ful", "delivery") },
      { label: ctx.t.btnPickup, action: act(draft, "ful", "pickup") },
    ];
    const where = ctx.shop.pickup_address ? `\n${ctx.t.pickupAt({ address: ctx.shop.pickup_address })}` : "";
    return [ask(ctx, draft, `${ctx.t.chooseFulfilment}${where}`, buttons)];
  },
  async handle(ctx, draft, input) {
    const folded = input.kind === "text" ? foldText(input.text) : "";
    const choice =
      input.kind === "action" && input.verb === "ful"
        ? input.arg
        : PICKUP_WORDS.some((w) => folded === w || folded.startsWith(`${w} `))
          ? "pickup"
          : DELIVERY_WORDS.some((w) => folded === w || folded.startsWith(`${w} `))
            ? "delivery"
            : folded === "1"
              ? "delivery"
              : folded === "2"
                ? "pickup"
                : undefined;
    if (choice === "pickup") return goTo(ctx, { ...draft, fulfilment: "pickup", zoneId: undefined, address: undefined }, "phone");
    if (choice === "delivery") return goTo(ctx, { ...draft, fulfilment: "delivery" }, "zone");
    return { draft, replies: [{ text: ctx.t.fulfilmentInvalid }, ...(await fulfilmentStep.prompt(ctx, draft))] };
  },
};

function findZone(zones: readonly DeliveryZone[], text: string): DeliveryZone | undefined {
  const folded = foldText(text);
  if (/^\d{1,2}$/.test(folded)) return zones[Number(folded) - 1];
  return (
    zones.find((z) => foldText(z.name) === folded) ??
    zones.find((z) => folded.length >= 3 && foldText(z.name).includes(folded)) ??
    zones.find((z) => folded.length >= 3 && folded.includes(foldText(z.name)))
  );
}

/** The buyer's commune: sets the fee and enforces the zone's minimum order. */
export const zoneStep: Step = {
  async prompt(ctx, draft) {
    const zones = await listZones(ctx.store, ctx.shop.id);
    const buttons: ReplyButton[] = zones.map((z) => ({ label: ctx.t.zoneLabel({ name: z.name, fee: z.fee, min: z.min_order }), action: act(draft, "zone", z.id) }));
    // Beyond the shop's own zones, a carrier (GHN / GHTK) when the shop offers one.
    const carriers = await carriersOffered(ctx);
    if (carriers.length) buttons.push(elsewhereButton(ctx, draft, carriers));
    return [ask(ctx, draft, ctx.t.chooseZone, buttons)];
  },
  async handle(ctx, draft, input): Promise<StepOutcome> {
    if (input.kind === "action" && input.verb === "add") return goTo(ctx, draft, "product");
    if (input.kind === "action" && input.verb === "ful" && ctx.shop.pickup_enabled === 1) {
      return goTo(ctx, { ...draft, fulfilment: "pickup", zoneId: undefined }, "phone");
    }
    const zones = await listZones(ctx.store, ctx.shop.id);
    const zone =
      input.kind === "action" && input.verb === "zone" ? zones.find((z) => String(z.id) === input.arg) : input.kind === "text" ? findZone(zones, input.text) : undefined;
    if (!zone) {
      const elsewhere = await elsewhereChoice(ctx, draft, input, zones.length);
      if (elsewhere) return elsewhere;
    }
    if (!zone) return { draft, replies: [{ text: ctx.t.zoneInvalid }, ...(await zoneStep.prompt(ctx, draft))] };
    const { subtotal } = await pricedCart(ctx, draft);
    if (subtotal < zone.min_order) {
      const buttons = [{ label: ctx.t.btnAddMore, action: act(draft, "add") }];
      if (ctx.shop.pickup_enabled === 1) buttons.push({ label: ctx.t.btnPickup, action: act(draft, "ful", "pickup") });
      const text = ctx.t.belowMinimum({ zone: zone.name, min: zone.min_order, subtotal });
      return { draft, replies: [{ text }, ...(await zoneStep.prompt(ctx, draft)).map((r) => ({ ...r, buttons: [...buttons, ...(r.buttons ?? [])] }))] };
    }
    return goTo(ctx, { ...draft, zoneId: zone.id, ship: undefined }, "address");
  },
};

/** "📦 Nơi khác" tapped, typed (or its number), or a province named: the carrier address steps. */
async function elsewhereChoice(ctx: FlowContext, draft: OrderDraft, input: StepInput, zoneCount: number): Promise<StepOutcome | undefined> {
  const tapped = input.kind === "action" && input.verb === "zone" && input.arg === "carrier";
  const typed = input.kind === "text" ? input.text : "";
  if (!tapped && !typed) return undefined;
  if (!(await carriersOffered(ctx)).length) return undefined;
  if (tapped || asksElsewhere(typed) || foldText(typed) === String(zoneCount + 1)) return startShip(ctx, draft);
  const province = findProvince(typed);
  return province.kind === "one" ? startShip(ctx, draft, province.value) : undefined;
}

const MIN_ADDRESS_LETTERS = 5;
const MAX_ADDRESS = 300;

/** Where to deliver; a returning buyer can reuse the last address. */
export const addressStep: Step = {
  async prompt(ctx, draft) {
    const last = ctx.buyer.last_address;
    const buttons = last ? [{ label: ctx.t.btnUseLast({ value: last.slice(0, 60) }), action: act(draft, "addr", "last") }] : [];
    return [ask(ctx, draft, ctx.t.askAddress, buttons)];
  },
  async handle(ctx, draft, input) {
    let address: string | undefined;
    if (input.kind === "action" && input.verb === "addr" && ctx.buyer.last_address) address = ctx.buyer.last_address;
    if (input.kind === "text") {
      const letters = foldText(input.text).replace(/[^a-z0-9]/g, "");
      if (letters.length >= MIN_ADDRESS_LETTERS) address = input.text.slice(0, MAX_ADDRESS);
    }
    if (!address) return { draft, replies: [{ text: ctx.t.addressTooShort }, ...(await addressStep.prompt(ctx, draft))] };
    return goTo(ctx, { ...draft, address }, "phone");
  },
};

/** A Vietnamese mobile number: typed, shared with the platform's contact button, or reused. */
export const phoneStep: Step = {
  async prompt(ctx, draft) {
    const last = ctx.buyer.last_phone;
    const buttons = last ? [{ label: ctx.t.btnUseLast({ value: last }), action: act(draft, "phone", "last") }] : [];
    return [ask(ctx, draft, ctx.t.askPhone, buttons, ctx.msg.chat.kind === "private" ? { requestPhone: { label: ctx.t.btnSharePhone, prompt: ctx.t.sharePhonePrompt } } : {})];
  },
  async handle(ctx, draft, input) {
    if (input.kind === "action" && input.verb === "phone" && ctx.buyer.last_phone) return afterPhone(ctx, { ...draft, phone: ctx.buyer.last_phone });
    if (input.kind === "contact" && !input.own) return { draft, replies: [{ text: ctx.t.contactNotOwn }, ...(await phoneStep.prompt(ctx, draft))] };
    const raw = input.kind === "contact" ? input.phone : input.kind === "text" ? input.text : "";
    const parsed = parseVietnamesePhone(raw);
    if (!parsed.ok) {
      const why = parsed.reason === "not_mobile" ? ctx.t.phoneNotMobile : ctx.t.phoneInvalid;
      return { draft, replies: [{ text: why }, ...(await phoneStep.prompt(ctx, draft))] };
    }
    return afterPhone(ctx, { ...draft, phone: parsed.value });
  },
};

async function afterPhone(ctx: FlowContext, draft: OrderDraft): Promise<StepOutcome> {
  // A carrier comes when it comes: the shop's own delivery windows are not offered.
  if (draft.fulfilment === "delivery" && draft.ship) return goTo(ctx, { ...draft, slot: undefined }, "note");
  const slots = await openSlots(ctx);
  return slots.length ? goTo(ctx, draft, "slot") : goTo(ctx, { ...draft, slot: undefined }, "note");
}

async function openSlots(ctx: FlowContext): Promise<SlotChoice[]> {
  return upcomingSlots(await listSlots(ctx.store, ctx.shop.id), ctx.now, ctx.shop.time_zone, ctx.shop.slot_lead_minutes);
}

/** How a chosen slot is stored on the order: language-neutral, with its date. */
export function slotText(slot: SlotChoice): string {
  const [, m, d] = slot.date.split("-");
  return `${d}/${m} ${slot.from}–${slot.to}`;
}

/** When to deliver or be ready for pick-up: today's remaining windows, then tomorrow's. */
export const slotStep: Step = {
  async prompt(ctx, draft) {
    const slots = await openSlots(ctx);
    const buttons = slots.map((s) => ({ label: ctx.t.slotLabel({ day: s.day, from: s.from, to: s.to }), action: act(draft, "slot", s.key) }));
    return [ask(ctx, draft, ctx.t.chooseSlot, buttons)];
  },
  async handle(ctx, draft, input) {
    const slots = await openSlots(ctx);
    let chosen: SlotChoice | undefined;
    if (input.kind === "action" && input.verb === "slot") chosen = slots.find((s) => s.key === input.arg);
    if (input.kind === "text") {
      const folded = foldText(input.text);
      chosen = /^\d{1,2}$/.test(folded) ? slots[Number(folded) - 1] : slots.find((s) => folded.includes(s.from));
    }
    if (!chosen) return { draft, replies: [{ text: ctx.t.slotInvalid }, ...(await slotStep.prompt(ctx, draft))] };
    return goTo(ctx, { ...draft, slot: slotText(chosen) }, "note");
  },
};

const MAX_NOTE = 500;
const SKIP_WORDS = new Set(["bo qua", "skip", "khong", "ko", "k", "khong co", "no", "none", "-"]);

/** A free note for the shop, or skip. */
export const noteStep: Step = {
  async prompt(ctx, draft) {
    return [ask(ctx, draft, ctx.t.askNote, [{ label: ctx.t.btnSkip, action: act(draft, "note", "skip") }])];
  },
  async handle(ctx, draft, input) {
    if (input.kind === "action" && input.verb === "note") return goTo(ctx, { ...draft, note: null }, "summary");
    if (input.kind === "text") {
      const note = SKIP_WORDS.has(foldText(input.text)) ? null : input.text.slice(0, MAX_NOTE);
      return goTo(ctx, { ...draft, note }, "summary");
    }
    return { draft, replies: await noteStep.prompt(ctx, draft) };
  },
};
