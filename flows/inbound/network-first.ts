import type { Store } from "../../src/db/store";

/**
 * Thrown by a step that needs an answer from the network (a carrier's delivery fee) while its run
 * holds the database (Node's atomic unit, which must await nothing else): the pipeline lets the unit
 * roll back, runs `fetch` outside it (it keeps what it got in the run's `prefetched` memo), and
 * handles the event again, where the step finds the answer. On D1 no run holds the database, so
 * steps call the network directly and this is never thrown.
 */
export class NetworkFirst extends Error {
  constructor(readonly fetch: (store: Store, prefetched: Map<string, unknown>) => Promise<void>) {
    super("network first");
    this.name = "NetworkFirst";
  }
}
