import { describe, expect, it } from "vitest";
import { allProvinces, communeByCode, findCommune, findProvince, placeKey } from "../../../src/domain/address/match";

const LAI_CHAU = "12";

describe("findProvince", () => {
  it.each([
    ["lai chau", "Tỉnh Lai Châu"],
    ["Tỉnh Lai Châu", "Tỉnh Lai Châu"],
    ["laichau", "Tỉnh Lai Châu"],
    ["tp hcm", "Thành phố Hồ Chí Minh"],
    ["TP.HCM", "Thành phố Hồ Chí Minh"],
    ["Sài Gòn", "Thành phố Hồ Chí Minh"],
    ["ha noi", "Thành phố Hà Nội"],
    ["thanh pho ha noi", "Thành phố Hà Nội"],
    ["ＨＡ　ＮＯＩ", "Thành phố Hà Nội"],
  ])("reads %s", (typed, name) => {
    const m = findProvince(typed);
    expect(m.kind === "one" && m.value.name).toBe(name);
  });

  it("maps an old province to the new one, saying so", () => {
    const m = findProvince("ha giang");
    expect(m).toMatchObject({ kind: "one", value: { code: "08", name: "Tỉnh Tuyên Quang" }, via: { kind: "province", name: "Tỉnh Hà Giang" } });
  });

  it("suggests close names for a typo, and nothing for emoji or a flood", () => {
    const m = findProvince("lia chau");
    expect(m.kind).toBe("none");
    expect(m.kind === "none" && m.suggestions.map((p) => p.name)).toContain("Tỉnh Lai Châu");
    expect(findProvince("😀🎉")).toEqual({ kind: "none", suggestions: [] });
    expect(findProvince("a".repeat(5000)).kind).toBe("none");
  });

  it("has the 34 provinces", () => {
    expect(allProvinces()).toHaveLength(34);
  });
});

describe("findCommune", () => {
  it("asks between the new Xã Mường Than and the old one (now part of Xã Than Uyên)", () => {
    for (const typed of ["muong than", "xa Muong Than", "Xã Mường Than"]) {
      const m = findCommune(typed, LAI_CHAU);
      expect(m.kind).toBe("several");
      if (m.kind !== "several") return;
      expect(m.candidates.map((c) => c.value.name)).toEqual(["Xã Mường Than", "Xã Than Uyên"]);
      expect(m.candidates[0]?.via).toBeUndefined();
      expect(m.candidates[1]?.via).toEqual({ kind: "ward", name: "Xã Mường Than", part: false });
    }
  });

  it("takes a new name whose old ward went into it whole as one answer", () => {
    const m = findCommune("muong kim", LAI_CHAU);
    expect(m).toMatchObject({ kind: "one", value: { code: "03637", name: "Xã Mường Kim", provinceName: "Tỉnh Lai Châu" } });
  });

  it("maps an old ward that went whole into another commune", () => {
    expect(findCommune("xa Pha Mu", LAI_CHAU)).toMatchObject({ kind: "one", value: { name: "Xã Mường Kim" }, via: { kind: "ward", name: "Xã Pha Mu", part: false } });
  });

  it("lists the new communes of an old district (Than Uyên)", () => {
    const m = findCommune("Than Uyen", LAI_CHAU);
    expect(m.kind).toBe("several");
    if (m.kind !== "several") return;
    const names = m.candidates.map((c) => c.value.name);
    expect(names[0]).toBe("Xã Than Uyên");
    expect(names).toEqual(expect.arrayContaining(["Xã Mường Than", "Xã Mường Kim", "Xã Khoen On"]));
    const viaDistrict = findCommune("huyen than uyen", LAI_CHAU);
    expect(viaDistrict.kind === "several" && viaDistrict.candidates.every((c) => c.via?.kind === "district" && c.via.name === "Huyện Than Uyên")).toBe(true);
  });

  it("asks when an old ward was split (Phường Cống Vị, Hà Nội)", () => {
    const m = findCommune("p. Cong Vi", "01");
    expect(m.kind).toBe("several");
    if (m.kind !== "several") return;
    expect(m.candidates.map((c) => c.value.name).sort()).toEqual(["Phường Giảng Võ", "Phường Ngọc Hà"]);
    expect(m.candidates.every((c) => c.via?.kind === "ward" && c.via.part)).toBe(true);
  });

  it("asks which province for a name found in several", () => {
    const m = findCommune("tan tien");
    expect(m.kind).toBe("several");
    if (m.kind !== "several") return;
    expect(new Set(m.candidates.map((c) => c.value.provinceCode)).size).toBeGreaterThan(3);
    // Within one province the new commune of that name comes first (old wards of that name follow).
    const within = findCommune("tan tien", "08");
    const first = within.kind === "one" ? within.value : within.kind === "several" ? within.candidates[0]?.value : undefined;
    expect(first).toMatchObject({ code: "01051", provinceName: "Tỉnh Tuyên Quang" });
  });

  it("keeps the number of a numbered ward (phường 1 is not '1')", () => {
    expect(placeKey("Phường 1")).toBe("phuong 1");
    const m = findCommune("phuong 1", "79");
    expect(m.kind).toBe("several");
    expect(findCommune("1", "79").kind).toBe("none");
  });

  it("reads only the first part of a long address", () => {
    expect(findCommune("xã Mường Kim, huyện Than Uyên, Lai Châu", LAI_CHAU)).toMatchObject({ kind: "one", value: { name: "Xã Mường Kim" } });
  });

  it("suggests close names for a typo; none for nonsense", () => {
    const m = findCommune("muong tahn", LAI_CHAU);
    expect(m.kind === "none" && m.suggestions.map((c) => c.name)).toContain("Xã Mường Than");
    expect(findCommune("😀", LAI_CHAU)).toEqual({ kind: "none", suggestions: [] });
    expect(findCommune("x".repeat(5000), LAI_CHAU).kind).toBe("none");
  });

  it("finds a commune by code", () => {
    expect(communeByCode("03618")).toEqual({ code: "03618", name: "Xã Mường Than", provinceCode: "12", provinceName: "Tỉnh Lai Châu" });
  });
});
