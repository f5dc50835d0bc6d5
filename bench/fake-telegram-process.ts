// The fake Bot API in its own process for the load benchmarks: what it does with each call (rate
// limits, recording every message) is Telegram's work, not the server's, so it must not take the
// server's CPU or memory. Reads its bots, groups and users from a JSON file; prints its address and
// the bots' getMe as one JSON line; ends when its parent closes its stdin.
import { readFileSync } from "node:fs";
import { startFakeTelegram } from "../test/fakes/telegram-api";

export interface FakeTelegramJob {
  bots: { token: string; id: number; username: string }[];
  groups: number[];
  users: number[];
}

const job = JSON.parse(readFileSync(process.argv[2] ?? "", "utf8")) as FakeTelegramJob;
const fake = await startFakeTelegram();
const infos = job.bots.map((b) => fake.addBot(b));
for (const id of job.groups) fake.addGroup({ id, title: `G${id}`, type: "supergroup", botIsAdmin: true });
for (const id of job.users) fake.addUser({ id, firstName: `U${id}` });
process.stdout.write(`${JSON.stringify({ url: fake.url, infos })}\n`);
process.stdin.resume();
process.stdin.on("end", () => void fake.close().finally(() => process.exit(0)));
