// The activity groups (nhóm ngành) of ../shared/BOOKS.md §1.3 a product's revenue belongs to. Rates
// per group are dated data (rules/tax-rules.json); here: the names a seller reads, and the row of the
// declaration forms each group's revenue goes in. Food service is named on its own because sellers
// look for it by that name; the rules give it the rates of its legal group (production/services
// attached to goods).
import type { ActivityGroup } from "../../db/schema";

export type { ActivityGroup } from "../../db/schema";

export const ACTIVITY_GROUPS = ["goods", "food_service", "production", "services", "rental", "digital", "other"] as const satisfies readonly ActivityGroup[];

export function isActivityGroup(value: unknown): value is ActivityGroup {
  return typeof value === "string" && (ACTIVITY_GROUPS as readonly string[]).includes(value);
}

/** The Vietnamese name as the forms word it (and what the catalog editor shows). */
export const ACTIVITY_GROUP_NAMES_VI: Record<ActivityGroup, string> = {
  goods: "Phân phối, cung cấp hàng hóa",
  food_service: "Dịch vụ ăn uống",
  production: "Sản xuất, vận tải, dịch vụ có gắn với hàng hóa",
  services: "Dịch vụ, xây dựng không bao thầu nguyên vật liệu",
  rental: "Cho thuê tài sản, đại lý",
  digital: "Nội dung thông tin số",
  other: "Hoạt động kinh doanh khác",
};

export const ACTIVITY_GROUP_NAMES_EN: Record<ActivityGroup, string> = {
  goods: "Selling goods",
  food_service: "Food service",
  production: "Production, transport, services with goods",
  services: "Services (no materials)",
  rental: "Rental, agents",
  digital: "Digital content",
  other: "Other business",
};

/**
 * The row letter of the declaration forms (01/TKN-CNKD [08x]/[09x], 01/CNKD I/II rows): food service
 * is declared with production/services attached to goods (the same legal group).
 */
export const FORM_ROW: Record<ActivityGroup, "a" | "b" | "c" | "d" | "e" | "g"> = {
  goods: "a",
  services: "b",
  rental: "c",
  production: "d",
  food_service: "d",
  digital: "e",
  other: "g",
};
