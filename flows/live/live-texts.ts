import type { LiveBoard } from "../../src/domain/live/live-board";
import { formatVnd } from "../../src/domain/money";
import type { Messages } from "../../src/i18n/messages";
import { commentLineLabel } from "../comment/line-label";

const MAX_BUYERS_SHOWN = 15;

/** The one group message of a live, edited as it goes: who holds what, what is left, where to finish. */
export function liveSummaryText(t: Messages, shopName: string, board: LiveBoard, ended: { until: string } | null, finishLink: string | undefined): string {
  const shown = board.buyers.slice(-MAX_BUYERS_SHOWN);
  const lines = [ended ? t.liveEndedHeader({ shop: shopName, until: ended.until }) : t.liveHeader({ shop: shopName })];
  if (shown.length) {
    lines.push(t.liveTaken);
    for (const b of shown) lines.push(`• ${b.name}: ${b.items.map(commentLineLabel).join(", ")}`);
    if (board.buyers.length > shown.length) lines.push(t.liveMoreBuyers({ count: board.buyers.length - shown.length }));
  }
  lines.push(t.liveRemaining({ items: board.items.map((i) => (i.remaining > 0 ? `${i.code} ${i.remaining}` : `${i.code} ${t.liveSoldOut}`)).join(" · ") }));
  const waiting = board.items.filter((i) => i.waiting > 0);
  if (waiting.length) lines.push(t.liveWaitingLine({ items: waiting.map((i) => `${i.code} (${i.waiting})`).join(", ") }));
  // Buyers the bot cannot write to privately read the answer to their comment here.
  for (const answer of board.answers) lines.push(`❓ ${answer}`);
  if (finishLink) lines.push(t.liveFinishLink({ link: finishLink }));
  const notStarted = board.buyers.filter((b) => !b.startedBot && b.status === "draft").map((b) => b.name);
  if (notStarted.length) lines.push(t.liveNotStarted({ names: notStarted.slice(0, 20).join(", ") }));
  return lines.join("\n").slice(0, 4000);
}

/** The per-item board for staff (/live in the staff chat). */
export function liveBoardText(t: Messages, board: LiveBoard): string {
  return [
    t.liveBoardHeader({ id: board.liveId, orders: board.orders }),
    ...board.items.map((i) => t.liveBoardItem({ code: i.code, sold: i.sold, held: i.held, remaining: i.remaining, waiting: i.waiting })),
    t.liveBoardMoney({ revenue: board.revenue, paid: board.paid }),
  ].join("\n");
}

/** The report sent to the staff chat when a live closes, right to the đồng. */
export function liveReportText(t: Messages, board: LiveBoard): string {
  const share = board.revenue ? Math.round((board.paid / board.revenue) * 100) : 0;
  const top = board.buyers.filter((b) => b.status !== "draft").sort((a, b) => b.total - a.total || a.name.localeCompare(b.name)).slice(0, 3);
  return [
    t.liveReportHeader({ id: board.liveId }),
    t.liveReportOrders({ orders: board.orders, revenue: board.revenue }),
    ...(board.unfinished ? [t.liveReportUnfinished({ count: board.unfinished })] : []),
    t.liveReportPaid({ paid: board.paid, share }),
    ...(top.length ? [t.liveReportTop, ...top.map((b, i) => `${i + 1}. ${b.name} — ${formatVnd(b.total)}`)] : []),
    t.liveReportWaitlist({ served: board.waitlistServed, total: board.waitlistTotal }),
  ].join("\n");
}
