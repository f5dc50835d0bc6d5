// Delivery by a carrier (GHN / GHTK) beyond the shop's own zones (issue 23): the province, the commune
// of the 2025 list (typed as buyers do, old names accepted, asked when ambiguous or split), the hamlet,
// the street, then the carrier with its fee. The same steps on every channel: buttons, or numbered
// choices where the channel has no buttons, and the numbers typed are read against what was offered.
import type { ReplyButton } from "../../src/chat/types";
import { communeByCode, findCommune, findProvince, provinceByCode, type Candidate, type Commune, type PlaceMatch, type Province } from "../../src/domain/address/match";
import { lastShipAddress } from "../../src/domain/address/last-ship";
import type { CarrierId, ShipAddress } from "../../src/domain/carriers/carrier";
import { quoteDelivery, type DeliveryQuote } from "../../src/domain/carriers/quote";
import { offeredCarriers } from "../../src/domain/carriers/shop-carriers";
import { foldText } from "../../src/text/normalize";
import type { FlowContext } from "../context";
import { NetworkFirst } from "../inbound/network-first";
import type { OrderDraft, ShipDraft } from "../state";
import { act, ask } from "./draft";
import { goTo } from "./navigate";
import type { Step, StepOutcome } from "./step";

export const CARRIER_NAMES: Record<CarrierId, string> = { ghn: "GHN", ghtk: "GHTK" };
/** Offered at the province question before the buyer types (after the shop's own province). */
const QUICK_PROVINCES = ["01", "79", "48", "31"];
const MAX_HAMLET = 100;
const MAX_STREET = 150;
const NONE_WORDS = new Set(["khong", "khong co", "ko", "ko co", "k", "kg", "none", "no", "khac", "-", "bo qua", "skip"]);
const ELSEWHERE_WORDS = ["noi khac", "khac", "tinh khac", "elsewhere", "ghn", "ghtk", "gui xe", "chuyen phat"];

/** The carriers this shop offers buyers now; none without the carriers' configuration. */
export async function carriersOffered(ctx: FlowContext): Promise<CarrierId[]> {
  if (!ctx.carrierConfig) return [];
  try {
    return await offeredCarriers(ctx.store, ctx.shop, ctx.carrierConfig);
  } catch (error) {
    ctx.logger.warn("carrier settings unreadable", { error: String(error) });
    return [];
  }
}

/** Whether what was typed at the zone step asks for a carrier ("nơi khác", "ghn"). */
export const asksElsewhere = (text: string) => {
  const f = foldText(text);
  return ELSEWHERE_WORDS.some((w) => f === w || f.startsWith(`${w} `));
};

/** The zone step's extra button. */
export function elsewhereButton(ctx: FlowContext, draft: OrderDraft, carriers: readonly CarrierId[]): ReplyButton {
  return { label: ctx.t.btnShipElsewhere({ carriers: carriers.map((c) => CARRIER_NAMES[c]).join("/") }), action: act(draft, "zone", "carrier") };
}

/** Starts the carrier address, at the province (or at the commune when a province was already named). */
export function startShip(ctx: FlowContext, draft: OrderDraft, province?: Province): Promise<StepOutcome> {
  const next: OrderDraft = { ...draft, zoneId: undefined, address: undefined, ship: province ? { provinceCode: province.code } : {} };
  return province ? goTo(ctx, next, "ship_commune") : goTo(ctx, next, "ship_province");
}

const withShip = (draft: OrderDraft, ship: Partial<ShipDraft>): OrderDraft => ({ ...draft, ship: { ...draft.ship, ...ship } });

/** A typed "2" read against the list last offered. */
function picked(draft: OrderDraft, text: string): string | undefined {
  const m = /^\s*(\d{1,2})\s*$/.exec(text);
  return m ? draft.ship?.offered?.[Number(m[1]) - 1] : undefined;
}

const short = (name: string) => name.replace(/^(Thành phố|Tỉnh)\s+/u, "");

function provinceButtons(draft: OrderDraft, list: readonly Province[]): ReplyButton[] {
  return list.map((p) => ({ label: short(p.name), action: act(draft, "prov", p.code) }));
}

export const shipProvinceStep: Step = {
  async prompt(ctx, draft) {
    const codes = [...new Set([ctx.shop.pickup_province_code ?? "", ...QUICK_PROVINCES])].filter((c) => provinceByCode(c));
    const list = codes.map((c) => provinceByCode(c) as Province);
    // A returning buyer: the place of their last carrier-delivered order, in one tap.
    const last = await lastShipAddress(ctx.store, ctx.shop.id, ctx.buyer.id);
    const reuse = last ? [{ label: ctx.t.btnUseLast({ value: last.address.slice(0, 60) }), action: act(draft, "prov", "last") }] : [];
    return [ask(ctx, draft, ctx.t.askProvince, [...reuse, ...provinceButtons(draft, list)])];
  },
  async handle(ctx, draft, input) {
    if (input.kind === "action" && input.verb === "prov" && input.arg === "last") {
      const last = await lastShipAddress(ctx.store, ctx.shop.id, ctx.buyer.id);
      const commune = last ? communeByCode(last.communeCode) : undefined;
      if (last && commune && commune.provinceCode === last.provinceCode) {
        const next = withShip(draft, { provinceCode: last.provinceCode, communeCode: last.communeCode, hamlet: last.hamlet, street: last.street, offered: undefined });
        return toCarrier(ctx, next);
      }
    }
    const quick = draft.ship?.offered;
    let code = input.kind === "action" && input.verb === "prov" ? input.arg : input.kind === "text" ? picked(draft, input.text) : undefined;
    // Without a remembered list, a number is the quick list's.
    if (!code && !quick && input.kind === "text" && /^\s*\d{1,2}\s*$/.test(input.text)) {
      const codes = [...new Set([ctx.shop.pickup_province_code ?? "", ...QUICK_PROVINCES])].filter((c) => provinceByCode(c));
      code = codes[Number(input.text.trim()) - 1];
    }
    const chosen = code ? provinceByCode(code) : undefined;
    if (chosen) return goTo(ctx, withShip(draft, { provinceCode: chosen.code, communeCode: undefined, offered: undefined }), "ship_commune");
    if (input.kind !== "text") return { draft, replies: await shipProvinceStep.prompt(ctx, draft) };
    const m = findProvince(input.text);
    if (m.kind === "one") {
      const lead = m.via ? [{ text: ctx.t.provinceNowIn({ old: m.via.name, now: m.value.name }) }] : [];
      return goTo(ctx, withShip(draft, { provinceCode: m.value.code, communeCode: undefined, offered: undefined }), "ship_commune", lead);
    }
    const list = m.kind === "several" ? m.candidates.map((c) => c.value) : m.suggestions;
    const typed = shown(input.text);
    const offered = withShip(draft, { offered: list.map((p) => p.code) });
    const text = list.length ? `${ctx.t.provinceUnknown({ typed })}\n${ctx.t.provinceDidYouMean}` : `${ctx.t.provinceUnknown({ typed })}\n${ctx.t.askProvince}`;
    const buttons = list.length ? provinceButtons(offered, list) : provinceButtons(offered, QUICK_PROVINCES.map((c) => provinceByCode(c) as Province));
    if (!list.length) offered.ship = { ...offered.ship, offered: QUICK_PROVINCES };
    return { draft: offered, replies: [ask(ctx, offered, text, buttons)] };
  },
};

/** What the buyer typed, short enough to repeat back. */
const shown = (text: string) => {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
};

function communeLabel(ctx: FlowContext, c: Candidate<Commune>, anyOld: boolean, manyProvinces: boolean): string {
  if (c.via?.kind === "ward") return ctx.t.communeChoiceWard({ name: c.value.name, old: c.via.name, part: c.via.part });
  if (c.via?.kind === "district") return ctx.t.communeChoiceDistrict({ name: c.value.name });
  if (manyProvinces) return ctx.t.communeChoiceProvince({ name: c.value.name, province: short(c.value.provinceName) });
  return anyOld ? ctx.t.communeChoiceNew({ name: c.value.name }) : c.value.name;
}

function communeChoices(ctx: FlowContext, draft: OrderDraft, match: PlaceMatch<Commune>): { draft: OrderDraft; buttons: ReplyButton[] } {
  const candidates: Candidate<Commune>[] = match.kind === "several" ? match.candidates : match.kind === "none" ? match.suggestions.map((value) => ({ value })) : [];
  const anyOld = candidates.some((c) => c.via);
  const manyProvinces = new Set(candidates.map((c) => c.value.provinceCode)).size > 1;
  const next = withShip(draft, { offered: candidates.map((c) => c.value.code) });
  return { draft: next, buttons: candidates.map((c) => ({ label: communeLabel(ctx, c, anyOld, manyProvinces), action: act(next, "com", c.value.code) })) };
}

export const shipCommuneStep: Step = {
  async prompt(ctx, draft) {
    const province = provinceByCode(draft.ship?.provinceCode ?? "");
    return [ask(ctx, draft, ctx.t.askCommune({ province: province?.name ?? "" }))];
  },
  async handle(ctx, draft, input) {
    const province = provinceByCode(draft.ship?.provinceCode ?? "");
    if (!province) return goTo(ctx, withShip(draft, { provinceCode: undefined }), "ship_province");
    const code = input.kind === "action" && input.verb === "com" ? input.arg : input.kind === "text" ? picked(draft, input.text) : undefined;
    const chosen = code ? communeByCode(code) : undefined;
    if (chosen && chosen.provinceCode === province.code) return goTo(ctx, withShip(draft, { communeCode: chosen.code, offered: undefined }), "ship_hamlet");
    if (input.kind !== "text") return { draft, replies: [{ text: ctx.t.communePickInvalid }, ...(await shipCommuneStep.prompt(ctx, draft))] };
    const m = findCommune(input.text, province.code);
    if (m.kind === "one") {
      const lead = m.via?.kind === "ward" && foldText(m.via.name) !== foldText(m.value.name) ? [{ text: ctx.t.communeNowIn({ old: m.via.name, now: m.value.name }) }] : [];
      return goTo(ctx, withShip(draft, { communeCode: m.value.code, offered: undefined }), "ship_hamlet", lead);
    }
    const { draft: next, buttons } = communeChoices(ctx, draft, m);
    const typed = shown(input.text);
    const text =
      m.kind === "several"
        ? ctx.t.communeSeveral
        : buttons.length
          ? `${ctx.t.communeUnknown({ typed, province: province.name })}\n${ctx.t.communeDidYouMean}`
          : ctx.t.communeUnknown({ typed, province: province.name });
    return { draft: next, replies: [ask(ctx, next, text, buttons)] };
  },
};

/** Letters or digits in it (not only emoji or punctuation). */
const hasWords = (text: string) => /[\p{L}\p{N}]/u.test(text);
const capitalised = (text: string) => text.charAt(0).toLocaleUpperCase("vi") + text.slice(1);
const clean = (text: string, max: number) => capitalised(text.replace(/\s+/g, " ").trim().slice(0, max).trim());

export const shipHamletStep: Step = {
  async prompt(ctx, draft) {
    const commune = communeByCode(draft.ship?.communeCode ?? "");
    return [ask(ctx, draft, ctx.t.askHamlet({ commune: commune?.name ?? "" }), [{ label: ctx.t.btnNoHamlet, action: act(draft, "ham", "none") }])];
  },
  async handle(ctx, draft, input) {
    if (input.kind === "action" && input.verb === "ham") return goTo(ctx, withShip(draft, { hamlet: null }), "ship_street");
    if (input.kind === "text" && NONE_WORDS.has(foldText(input.text))) return goTo(ctx, withShip(draft, { hamlet: null }), "ship_street");
    if (input.kind === "text" && hasWords(input.text)) return goTo(ctx, withShip(draft, { hamlet: clean(input.text, MAX_HAMLET) }), "ship_street");
    return { draft, replies: [{ text: ctx.t.hamletInvalid }, ...(await shipHamletStep.prompt(ctx, draft))] };
  },
};

export const shipStreetStep: Step = {
  async prompt(ctx, draft) {
    return [ask(ctx, draft, ctx.t.askStreet, [{ label: ctx.t.btnSkip, action: act(draft, "street", "skip") }])];
  },
  async handle(ctx, draft, input) {
    let street: string | null | undefined;
    if (input.kind === "action" && input.verb === "street") street = null;
    else if (input.kind === "text" && NONE_WORDS.has(foldText(input.text))) street = null;
    else if (input.kind === "text" && hasWords(input.text)) street = clean(input.text, MAX_STREET);
    if (street === undefined) return { draft, replies: [{ text: ctx.t.streetInvalid }, ...(await shipStreetStep.prompt(ctx, draft))] };
    return toCarrier(ctx, withShip(draft, { street }));
  },
};

/** The place is complete: ask the carriers for their fees and offer them. */
async function toCarrier(ctx: FlowContext, next: OrderDraft): Promise<StepOutcome> {
  const to = shipAddressOfDraft(ctx, next);
  if (!to) return goTo(ctx, withShip(next, { provinceCode: undefined, communeCode: undefined }), "ship_province");
  const quotes = await quotesFor(ctx, next, to);
  return goTo(ctx, { ...withShip(next, { quotes: quotes.map(storedQuote), carrier: undefined }), address: addressText(ctx, next) }, "ship_carrier");
}

/** The address as staff read it: "Số 5, Bản Na Khương, Xã Mường Than, Tỉnh Lai Châu". */
export function addressText(ctx: Pick<FlowContext, "t">, draft: OrderDraft): string {
  const s = draft.ship;
  const commune = communeByCode(s?.communeCode ?? "");
  return [s?.street, s?.hamlet, commune?.name, commune?.provinceName].filter((x): x is string => !!x).join(", ") || (ctx.t.noHamletName as string);
}

/** The draft's place as carriers take it (name and phone filled in later, at the waybill). */
export function shipAddressOfDraft(ctx: Pick<FlowContext, "t">, draft: OrderDraft): ShipAddress | undefined {
  const commune = communeByCode(draft.ship?.communeCode ?? "");
  if (!commune || commune.provinceCode !== draft.ship?.provinceCode) return undefined;
  return {
    provinceCode: commune.provinceCode,
    provinceName: commune.provinceName,
    communeCode: commune.code,
    communeName: commune.name,
    hamlet: draft.ship.hamlet ?? ctx.t.noHamletName,
    street: draft.ship.street ?? null,
    name: "",
    phone: draft.phone ?? "",
  };
}

export type StoredQuote = NonNullable<ShipDraft["quotes"]>[number];

const storedQuote = (q: DeliveryQuote): StoredQuote => ({
  carrier: q.carrier,
  fee: q.fee,
  paidBy: q.paidBy,
  fallback: q.fallback,
  expected: q.expectedDelivery ? q.expectedDelivery.toISOString() : null,
  ...(q.note ? { note: q.note } : {}),
});

/**
 * The carriers' quotes for this cart to this place. On Node a run holds the database, so the first
 * time it asks the pipeline to fetch them outside (NetworkFirst) and finds them on the second run.
 */
async function quotesFor(ctx: FlowContext, draft: OrderDraft, to: ShipAddress): Promise<DeliveryQuote[]> {
  const config = ctx.carrierConfig;
  if (!config) return [];
  const key = `quotes:${ctx.shop.id}:${to.communeCode}:${ctx.lang}:${JSON.stringify(draft.cart)}`;
  const hit = ctx.prefetched?.get(key) as DeliveryQuote[] | undefined;
  if (hit) return hit;
  const ask = (store: FlowContext["store"]) => quoteDelivery({ store, config, logger: ctx.logger }, ctx.shop, to, draft.cart, { lang: ctx.lang });
  if (ctx.holdsDatabase && !ctx.prefetched) {
    throw new NetworkFirst(async (store, prefetched) => {
      prefetched.set(key, await ask(store));
    });
  }
  return ask(ctx.store);
}

/** The quote chosen, as the order takes it; undefined when the draft has none (the buyer goes back). */
export function chosenQuote(draft: OrderDraft): StoredQuote | undefined {
  const s = draft.ship;
  return s?.carrier ? s.quotes?.find((q) => q.carrier === s.carrier) : undefined;
}

/** What the buyer pays for a chosen quote: the fee, or nothing when the shop pays it. */
export const buyerFee = (q: StoredQuote) => (q.paidBy === "buyer" ? q.fee : 0);

export const shipCarrierStep: Step = {
  async prompt(ctx, draft) {
    const quotes = draft.ship?.quotes ?? [];
    if (!quotes.length) return [ask(ctx, draft, ctx.t.noCarrierNow)];
    const buttons = quotes.map((q) => ({
      label: ctx.t.carrierLabel({ carrier: CARRIER_NAMES[q.carrier], fee: q.fee, shopPays: q.paidBy === "shop", date: q.expected ? new Date(q.expected) : null, timeZone: ctx.shop.time_zone }),
      action: act(draft, "car", q.carrier),
    }));
    const notes = quotes.filter((q) => q.fallback).map((q) => q.note ?? ctx.t.carrierFallbackNote({ carrier: CARRIER_NAMES[q.carrier] }));
    return [ask(ctx, draft, [ctx.t.chooseCarrier({ address: draft.address ?? addressText(ctx, draft) }), ...notes].join("\n"), buttons)];
  },
  async handle(ctx, draft, input) {
    const quotes = draft.ship?.quotes ?? [];
    let carrier: string | undefined;
    if (input.kind === "action" && input.verb === "car") carrier = input.arg;
    if (input.kind === "text") {
      const f = foldText(input.text);
      carrier = /^\d$/.test(f) ? quotes[Number(f) - 1]?.carrier : quotes.find((q) => f === q.carrier || f.startsWith(`${q.carrier} `))?.carrier;
    }
    const quote = quotes.find((q) => q.carrier === carrier);
    if (!quote) return { draft, replies: [{ text: ctx.t.carrierInvalid }, ...(await shipCarrierStep.prompt(ctx, draft))] };
    return goTo(ctx, withShip(draft, { carrier: quote.carrier }), "phone");
  },
};
