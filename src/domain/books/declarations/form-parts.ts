// What both drafts print the same way: the header fields from the tax profile, the form version in
// force at the period's end (and whether tax-rules.json marks its layout unconfirmed), and the trail of
// a revenue column Chợ Chat cannot split by itself.
import { formatVnd } from "../../money";
import { ruleOn, type FormCode } from "../rules/tax-rules";
import type { TaxProfile } from "../tax-profile";
import type { DeclarationDraft, DraftHeaderField } from "./draft";
import { periodKey, periodRange, type DeclarationPeriod } from "./periods";

/** [04] Người nộp thuế, [05] Mã số thuế, and (not numbered here) the address and the tax office, flagged when blank. */
export function draftHeader(profile: TaxProfile): DraftHeaderField[] {
  const field = (code: string, label: string, value: string) => ({ code, label, value: value.trim(), missing: value.trim() === "" });
  return [
    field("[04]", "Người nộp thuế", profile.householdName || profile.representative),
    field("[05]", "Mã số thuế", profile.taxCode),
    field("", "Địa chỉ kinh doanh", profile.businessLocation || profile.address),
    field("", "Cơ quan thuế quản lý", profile.taxOffice),
  ];
}

/** The form in force on `date`: its title, the circular, the rule's source, and whether its layout is marked [?]. */
export function formVersion(key: `form.${FormCode}`, date: string): { title: string; version: string; source: string; uncertain: boolean } {
  const rule = ruleOn(key, date);
  return { title: rule.value.title, version: rule.value.version, source: rule.cite, uncertain: rule.source.includes("[?]") };
}

/** The trail of a column Chợ Chat leaves at 0 (revenue not subject to VAT, revenue at 0 %). */
export function notFiledHow(what: string): string {
  return `Chợ Chat không tách doanh thu ${what}: ${formatVnd(0)}. Nếu hộ có (ví dụ sản phẩm trồng trọt, chăn nuôi tự sản xuất chưa chế biến [?]), tự điền và tính lại thuế GTGT.`;
}

/** What every draft starts with: the form in force at the period's end, the period, whether it has ended, the header. */
export function draftFrame(
  form: DeclarationDraft["form"],
  period: DeclarationPeriod,
  profile: TaxProfile,
  upTo: string,
): Pick<DeclarationDraft, "form" | "title" | "version" | "versionSource" | "versionUncertain" | "period" | "periodKey" | "range" | "partial" | "header"> {
  const range = periodRange(period);
  const version = formVersion(`form.${form}`, range.to);
  return {
    form,
    title: version.title,
    version: version.version,
    versionSource: version.source,
    versionUncertain: version.uncertain,
    period,
    periodKey: periodKey(period),
    range,
    partial: upTo < range.to,
    header: draftHeader(profile),
  };
}
