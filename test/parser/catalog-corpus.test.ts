import { describe, expect, it } from "vitest";
import { corpusRows, render } from "./helpers";

// Comments written the way buyers type in Vietnamese selling groups, for the demo shop's catalog
// (codes, names, options, units, details, Telex leftovers, corrections, "mỗi loại", and chatter).
const rows = corpusRows(new URL("../fixtures/comments-catalog-dev.tsv", import.meta.url));
const sortExtras = (x: string) => x.split(" ").filter(Boolean).sort().join(" ");

describe("the comment reader on the catalog development corpus", () => {
  it("has at least 400 comments, a quarter of them chatter", () => {
    expect(rows.length).toBeGreaterThanOrEqual(400);
    expect(rows.filter((r) => r.expected === "-").length).toBeGreaterThanOrEqual(rows.length / 4);
  });

  it("makes no order from any chatter line, and answers none of them", () => {
    const chatter = rows.filter((r) => r.expected === "-");
    const spoken = chatter.map((r) => ({ text: r.text, got: render(r.text).expected })).filter((r) => r.got !== "-");
    expect(spoken).toEqual([]);
  });

  it("reads at least 99% of the comments exactly (items, options, phone, note)", () => {
    const wrong = rows
      .map((r) => ({ ...r, got: render(r.text) }))
      .filter((r) => r.got.expected !== r.expected || (!["-", "?"].includes(r.expected) && sortExtras(r.got.extras) !== sortExtras(r.extras)))
      .map((r) => `${r.text} → ${r.got.expected} ${r.got.extras} (want ${r.expected} ${r.extras})`);
    expect(wrong.length, wrong.join("\n")).toBeLessThanOrEqual(Math.floor(rows.length / 100));
  });

  it("never turns a comment into a different order: a miss is an answer or silence, not a wrong line", () => {
    const wrongOrders = rows
      .filter((r) => !["-", "?"].includes(r.expected))
      .map((r) => ({ text: r.text, want: r.expected, got: render(r.text).expected }))
      .filter((r) => !["-", "?"].includes(r.got) && r.got !== r.want);
    expect(wrongOrders).toEqual([]);
  });
});
