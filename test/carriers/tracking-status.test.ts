import { describe, expect, it } from "vitest";
import type { ShipmentStatus } from "../../src/domain/carriers/carrier";
import { alertsStaff, canMove, isTerminal, orderStatusFor } from "../../src/domain/carriers/tracking-status";

const ALL: ShipmentStatus[] = ["ready_to_pick", "picked", "in_transit", "delivering", "delivered", "delivery_failed", "returning", "returned", "cancelled", "lost"];

describe("the shipment status machine", () => {
  it("goes forward along the path, skipping steps a missed webhook left out", () => {
    expect(canMove("ready_to_pick", "picked")).toBe(true);
    expect(canMove("picked", "in_transit")).toBe(true);
    expect(canMove("in_transit", "delivering")).toBe(true);
    expect(canMove("delivering", "delivered")).toBe(true);
    expect(canMove("ready_to_pick", "delivering")).toBe(true);
    expect(canMove("picked", "delivered")).toBe(true);
  });

  it("never goes backwards", () => {
    expect(canMove("delivering", "picked")).toBe(false);
    expect(canMove("in_transit", "picked")).toBe(false);
    expect(canMove("picked", "ready_to_pick")).toBe(false);
    expect(canMove("returning", "delivering")).toBe(false);
    expect(canMove("returning", "delivered")).toBe(false);
    expect(canMove("returning", "delivery_failed")).toBe(false);
  });

  it("applies the same status once", () => {
    for (const s of ALL) expect(canMove(s, s)).toBe(false);
  });

  it("leaves nothing out of delivered, returned, cancelled or lost", () => {
    for (const from of ALL.filter(isTerminal)) for (const to of ALL) expect(canMove(from, to)).toBe(false);
    expect(ALL.filter(isTerminal).sort()).toEqual(["cancelled", "delivered", "lost", "returned"]);
  });

  it("lets a failed delivery be tried again or go back to the shop", () => {
    expect(canMove("delivering", "delivery_failed")).toBe(true);
    expect(canMove("delivery_failed", "delivering")).toBe(true);
    expect(canMove("delivery_failed", "delivered")).toBe(true);
    expect(canMove("delivery_failed", "returning")).toBe(true);
    expect(canMove("delivery_failed", "returned")).toBe(true);
    expect(canMove("returning", "returned")).toBe(true);
  });

  it("moves the order with its parcel", () => {
    expect(orderStatusFor("ready_to_pick")).toBeUndefined();
    expect(orderStatusFor("picked")).toBe("out_for_delivery");
    expect(orderStatusFor("delivering")).toBe("out_for_delivery");
    expect(orderStatusFor("delivered")).toBe("delivered");
    expect(orderStatusFor("returned")).toBe("cancelled");
    expect(orderStatusFor("cancelled")).toBeUndefined();
  });

  it("tells the staff of a failure and of a return once", () => {
    expect(alertsStaff("delivering", "delivery_failed")).toBe(true);
    expect(alertsStaff("delivery_failed", "returning")).toBe(true);
    expect(alertsStaff("returning", "returned")).toBe(false);
    expect(alertsStaff("delivery_failed", "returned")).toBe(true);
    expect(alertsStaff("in_transit", "delivering")).toBe(false);
    expect(alertsStaff("delivering", "delivered")).toBe(false);
  });
});
