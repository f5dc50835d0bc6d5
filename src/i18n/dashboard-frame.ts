import type { Widen } from "./widen";
import { frameEn } from "./dashboard-frame-en";
import { frameVi } from "./dashboard-frame-vi";

/** The dashboard frame's message catalog type (what `c.get("d")` holds), built from Vietnamese: English must have every key. */
export type DashboardFrameMessages = Widen<typeof frameVi>;

/** Words of the dashboard frame for a language (Vietnamese when unknown). */
export function dashboardFrameMessages(lang: string | null | undefined): DashboardFrameMessages {
  return lang === "en" ? frameEn : frameVi;
}
