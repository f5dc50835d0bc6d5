// Two more loads on the real server: many buyers walking the whole guided order at once, and a
// stream of bank webhooks matched to orders — each with the same-run one-INSERT baseline.
import { sql } from "kysely";
import { loadFromChild, percentile, runClientProcess, startBenchServer } from "./harness";

interface GuidedRun {
  seconds: number;
  /** Per step of the order (its index), every buyer's duration. */
  times: number[][];
}

/** A quick tapper's pause between an answer and the next tap, in ms (a buyer on a phone takes longer). */
const BUYER_PAUSE_MS: [number, number] = [300, 1500];

/**
 * `buyers` web chat buyers at once, each through every step of a pick-up, cash order, driven from
 * its own process; then the same buyers and steps against the one-INSERT route, the baseline; then as
 * many new buyers again, pausing between steps as people do.
 */
export async function benchGuidedOrder(buyers: number) {
  const s = await startBenchServer();
  try {
    await s.db.store.db.updateTable("products").set({ stock: 1_000_000 }).execute();
    const url = `${s.url}/api/webchat/demo/messages`;
    const flow = await runClientProcess<GuidedRun>("./guided-client.ts", { url, buyers, mode: "flow" });
    const orders = await s.db.store.db.selectFrom("orders").select("id").where("status", "=", "confirmed").execute();
    const baseline = await runClientProcess<GuidedRun>("./guided-client.ts", { url: `${s.url}/bench/insert`, buyers, mode: "insert" });
    // The same number of new buyers, each pausing as a quick tapper does between answers.
    const paced = await runClientProcess<GuidedRun>("./guided-client.ts", { url, buyers, mode: "flow", pauseMs: BUYER_PAUSE_MS });
    const all = flow.times.flat();
    const steps = all.length;
    const pacedAll = paced.times.flat();
    return {
      buyers,
      steps,
      stepsPerSecond: steps / flow.seconds,
      p50: percentile(all, 50),
      p99: percentile(all, 99),
      firstStepP99: percentile(flow.times[0] ?? [], 99),
      laterStepsP99: percentile(flow.times.slice(1).flat(), 99),
      orders: orders.length,
      baselinePerSecond: steps / baseline.seconds,
      baselineP99: percentile(baseline.times.flat(), 99),
      paced: { pauseMs: BUYER_PAUSE_MS, stepsPerSecond: pacedAll.length / paced.seconds, p50: percentile(pacedAll, 50), p99: percentile(pacedAll, 99), firstStepP99: percentile(paced.times[0] ?? [], 99) },
    };
  } finally {
    await s.stop();
  }
}

/** `count` SePay webhooks, each paying one of `count` orders waiting for a transfer. */
export async function benchPayments(count: number) {
  const s = await startBenchServer({ sepayKey: "bench_sepay_key" });
  try {
    await sql`INSERT INTO buyers (channel, user_id, name, created_at, updated_at) VALUES ('webchat', 'payer', 'payer', '2026-01-01', '2026-01-01')`.execute(s.db.store.db);
    // Distinct order codes from a counter, in an alphabet the codes allow (A–Z, 2–7).
    const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    const codes = Array.from({ length: count }, (_, i) => `CC${[...i.toString(32).padStart(6, "0")].map((c) => ALPHABET[parseInt(c, 32)]).join("")}`);
    for (const [i, code] of codes.entries()) {
      await sql`INSERT INTO orders (shop_id, code, source_key, buyer_id, channel, bot_id, chat_id, status, payment_method, fulfilment, subtotal, total, pay_token, service_date, created_at, updated_at)
        VALUES (1, ${code}, ${`pay:${i}`}, (SELECT id FROM buyers WHERE user_id = 'payer'), 'webchat', 'demo', 'x', 'pending_payment', 'vietqr', 'pickup', 45000, 45000, ${`tok-${i}`}, '2026-11-23', '2026-11-23T03:00:00.000Z', '2026-11-23T03:00:00.000Z')`.execute(s.db.store.db);
    }
    const bodies = codes.map((code, i) => JSON.stringify({ id: 900_000 + i, gateway: "Vietcombank", transactionDate: "2026-11-23 10:00:00", accountNumber: "0011001932418", content: `MBVCB.${i}.${code}.CT tu NGUYEN VAN A`, transferType: "in", transferAmount: 45_000 }));
    const baseline = await loadFromChild(`${s.url}/bench/insert`, bodies, {}, 32);
    const ours = await loadFromChild(`${s.url}/webhooks/sepay/demo`, bodies, { authorization: "Apikey bench_sepay_key" }, 32);
    const paid = await s.db.store.db.selectFrom("orders").select("id").where("payment_status", "=", "paid").execute();
    const transactions = await s.db.store.db.selectFrom("bank_transactions").select("id").execute();
    return { count, perSecond: count / ours.seconds, p99: percentile(ours.times, 99), baselinePerSecond: count / baseline.seconds, ratio: baseline.seconds / ours.seconds, paid: paid.length, recorded: transactions.length };
  } finally {
    await s.stop();
  }
}
