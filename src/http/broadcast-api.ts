import { z } from "zod";

import type { Store } from "../db/store";
import { shopBroadcast } from "../domain/broadcast/find-broadcast";
import { broadcastProgress } from "../domain/broadcast/progress";
import { createSchedule } from "../domain/broadcast/schedules";
import { newSecretToken } from "../domain/orders/codes";
import type { Clock } from "../platform/clock";
import { postBroadcast } from "../../flows/broadcast/post";
import { jsonError } from "./errors";
import { readJsonBody } from "./json-body";
import { shopScopedApi, type ShopScoped } from "./shop-scope";

const post = z.object({
  kind: z.enum(["item", "menu", "free"]),
  code: z.string().max(10).optional(),
  text: z.string().max(1000).optional(),
  photoUrl: z.string().url().max(500).optional(),
  /** The caller's id for this post: sending it again posts nothing new. */
  reference: z.string().min(1).max(100).optional(),
});

const schedule = z.object({
  cron: z.string().min(9).max(100),
  kind: z.enum(["item", "menu", "free"]),
  code: z.string().max(10).optional(),
  text: z.string().max(1000).optional(),
  windowMinutes: z.number().int().min(1).max(24 * 60).optional(),
});

const REASONS = { unknown_code: "unknown product code", empty_menu: "nothing is on sale", no_text: "a free post needs text", no_groups: "no linked group" } as const;

/** Broadcasts and scheduled posts for operators and staff (the dashboard uses the same). */
export function broadcastApi(deps: { store: Store; clock: Clock; adminToken: string | undefined; onOutboxWrite?: () => void }): ShopScoped {
  const app = shopScopedApi(deps);

  app.post("/:shop/broadcasts", async (c) => {
    const body = await readJsonBody(c, post);
    if (!body.ok) return jsonError(c, 400, body.reason);
    const b = body.value;
    const result = await postBroadcast(
      deps.store,
      c.get("shop"),
      {
        kind: b.kind,
        ...(b.code ? { productCode: b.code.toUpperCase() } : {}),
        ...(b.text ? { text: b.text } : {}),
        ...(b.photoUrl ? { photoUrl: b.photoUrl } : {}),
        sourceKey: `api:${b.reference ?? newSecretToken(12)}`,
        createdBy: "operator",
      },
      deps.clock.now(),
    );
    if (!result.ok) return jsonError(c, result.reason === "no_groups" ? 409 : 400, REASONS[result.reason]);
    deps.onOutboxWrite?.();
    return c.json({ id: result.value.id, targets: result.value.targets }, 201);
  });

  app.get("/:shop/broadcasts/:id", async (c) => {
    const id = Number(c.req.param("id"));
    // Only a broadcast of the shop in the URL: another shop's id answers like an unknown one.
    const owned = Number.isSafeInteger(id) ? await shopBroadcast(deps.store, c.get("shop").id, id) : undefined;
    const progress = owned ? await broadcastProgress(deps.store, id) : undefined;
    if (!progress) return jsonError(c, 404, "unknown broadcast");
    return c.json(progress);
  });

  app.post("/:shop/schedules", async (c) => {
    const body = await readJsonBody(c, schedule);
    if (!body.ok) return jsonError(c, 400, body.reason);
    const s = body.value;
    const created = await createSchedule(
      deps.store,
      c.get("shop"),
      { cron: s.cron, kind: s.kind, productCode: s.code?.toUpperCase() ?? null, text: s.text ?? null, ...(s.windowMinutes ? { windowMinutes: s.windowMinutes } : {}) },
      deps.clock.now(),
    );
    if (!created.ok) return jsonError(c, 400, `invalid schedule: ${created.reason}`);
    return c.json(created.value, 201);
  });

  return app;
}
