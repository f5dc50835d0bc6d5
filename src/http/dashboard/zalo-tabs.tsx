import type { Shop } from "../../db/schema";
import type { DashboardFrameMessages } from "../../i18n/dashboard-frame";

export type ZaloTab = "groups" | "usage" | "oa";

/** The three Zalo pages (groups and links, plan limits, the OA's groups) as tabs under the one "Zalo" section. */
export function ZaloTabs(props: { d: DashboardFrameMessages; shop: Shop; on: ZaloTab; role: string }) {
  const q = `?shop=${encodeURIComponent(props.shop.slug)}`;
  const tab = (id: ZaloTab, href: string, label: string) => (
    <a href={`${href}${q}`} class={props.on === id ? "on" : ""} aria-current={props.on === id ? "page" : undefined}>
      {label}
    </a>
  );
  return (
    <nav class="tabs">
      {tab("groups", "/dashboard/zalo-groups", props.d.zaloTabGroups)}
      {tab("usage", "/dashboard/zalo-usage", props.d.zaloTabUsage)}
      {/* Connecting an OA is the owner's (or the operator's) alone: staff are not shown a page they may not open. */}
      {props.role === "owner" || props.role === "operator" ? tab("oa", "/dashboard/zalo-oa", props.d.zaloTabOa) : ""}
    </nav>
  );
}
