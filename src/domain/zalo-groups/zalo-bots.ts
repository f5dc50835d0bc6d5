import type { Store } from "../../db/store";
import { openSecret } from "../secrets/sealed";
import { storedZaloMe, zaloGroupMode, type StoredZaloMe, type ZaloGroupMode } from "./group-mode";

/** A shop's Zalo bot as the groups card and the set-up text read it. */
export interface ZaloBotGroups {
  /** bots.id */
  id: number;
  /** The webhook path's id (the token's numeric part). */
  platformId: string;
  /** getMe's id (what the private-chat link uses), else the platform id. */
  botId: string;
  name: string;
  mode: ZaloGroupMode;
  /** False when getMe was never answered: the flag is unknown, treated as no group rights. */
  known: boolean;
  checkedAt: string | null;
}

function groupsOf(row: { id: number; platform_id: string; username: string | null; info: string | null; groups_checked_at: string | null }): ZaloBotGroups {
  const me = storedZaloMe(row.info);
  return {
    id: row.id,
    platformId: row.platform_id,
    botId: me?.id || row.platform_id,
    name: me?.account_name || row.username || row.platform_id,
    mode: zaloGroupMode(row.info),
    known: typeof me?.can_join_groups === "boolean",
    checkedAt: row.groups_checked_at,
  };
}

const COLUMNS = ["id", "platform_id", "username", "info", "groups_checked_at"] as const;

/** A shop's Zalo bots, oldest first. */
export async function zaloBotsOfShop(store: Store, shopId: number): Promise<ZaloBotGroups[]> {
  const rows = await store.db.selectFrom("bots").select(COLUMNS).where("shop_id", "=", shopId).where("channel", "=", "zalo").orderBy("id").execute();
  return rows.map(groupsOf);
}

/** One Zalo bot by its platform id (the webhook path's), or undefined. */
export async function zaloBotGroups(store: Store, platformId: string): Promise<ZaloBotGroups | undefined> {
  const row = await store.db.selectFrom("bots").select(COLUMNS).where("channel", "=", "zalo").where("platform_id", "=", platformId).executeTakeFirst();
  return row && groupsOf(row);
}

/** A Zalo bot whose can_join_groups is due to be asked again. */
export interface ZaloBotDue {
  id: number;
  shopId: number;
  platformId: string;
  token: string;
  me: StoredZaloMe | undefined;
}

/** Zalo bots not asked since `before` (ISO), with their tokens opened: the daily re-check's work list. */
export async function zaloBotsDueForGroupCheck(store: Store, before: string, limit = 100): Promise<ZaloBotDue[]> {
  const rows = await store.db
    .selectFrom("bots")
    .select(["id", "shop_id", "platform_id", "token", "info"])
    .where("channel", "=", "zalo")
    .where((eb) => eb.or([eb("groups_checked_at", "is", null), eb("groups_checked_at", "<", before)]))
    .orderBy("id")
    .limit(limit)
    .execute();
  return Promise.all(rows.map(async (r) => ({ id: r.id, shopId: r.shop_id, platformId: r.platform_id, token: await openSecret(store, "bots.token", r.token), me: storedZaloMe(r.info) })));
}

/**
 * Takes a bot's check for this run: one conditional UPDATE, so two runners (or a cron trigger fired
 * twice) ask Zalo once. False when another run already took it.
 */
export async function claimZaloGroupCheck(store: Store, botId: number, before: string, now: Date): Promise<boolean> {
  const r = await store.db
    .updateTable("bots")
    .set({ groups_checked_at: now.toISOString() })
    .where("id", "=", botId)
    .where((eb) => eb.or([eb("groups_checked_at", "is", null), eb("groups_checked_at", "<", before)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Stores getMe's fresh answer (bots.info) and the name it gives. */
export async function saveZaloMe(store: Store, botId: number, me: { account_name?: string }): Promise<void> {
  await store.db
    .updateTable("bots")
    .set({ info: JSON.stringify(me), ...(me.account_name ? { username: me.account_name } : {}) })
    .where("id", "=", botId)
    .execute();
}

/** Sets when a bot counts as last asked: after a failed getMe, a time that makes it due again sooner. */
export async function setZaloGroupCheckedAt(store: Store, botId: number, at: Date): Promise<void> {
  await store.db.updateTable("bots").set({ groups_checked_at: at.toISOString() }).where("id", "=", botId).execute();
}
