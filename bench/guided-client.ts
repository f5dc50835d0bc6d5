// The guided-order load client, in its own process (the server's CPU is what is measured): `buyers`
// web chat buyers at once, each walking every step of a pick-up, cash order as fast as answers come
// (no time to read or type: the hardest case), or with `pauseMs` a pause between steps drawn from that
// range (the time to read an answer and tap; a buyer on a phone takes longer). With `insert`, the same buyers and steps each POST
// once to the one-INSERT baseline route instead. Prints every step's duration as JSON.
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";

interface Job {
  url: string;
  buyers: number;
  mode: "flow" | "insert";
  /** [shortest, longest] pause before each step after the first, in ms; none when absent. */
  pauseMs?: [number, number];
}
interface Answer {
  session: string;
  replies: { text: string; buttons?: { label: string; action?: string }[] }[];
}

/** What a buyer does, in order: a tap is a button's label, a string alone is typed text. */
export const GUIDED_STEPS: ({ tap: string } | { text: string } | { open: true })[] = [
  { open: true },
  { tap: "Xem thực đơn" },
  { tap: "A1 ·" },
  { tap: "Vừa" },
  { tap: "Không cay" },
  { text: "2" },
  { tap: "Thêm món" },
  { text: "A8" },
  { text: "1" },
  { tap: "Đặt hàng" },
  { tap: "Tự đến lấy" },
  { text: "0912345678" },
  { text: "1" },
  { tap: "Bỏ qua" },
  { tap: "Xác nhận đặt" },
  { tap: "Tiền mặt" },
];

// node:http with kept-alive connections, one per buyer (fetch costs this client several times more per request).
const agent = new Agent({ keepAlive: true, maxSockets: 10_000 });

function post(url: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

const pause = ([shortest, longest]: [number, number]) => new Promise((resolve) => setTimeout(resolve, shortest + Math.random() * (longest - shortest)));

async function buyer(job: Job, n: number, times: number[][]): Promise<void> {
  let session: string | undefined;
  let last: Answer | undefined;
  for (const [i, step] of GUIDED_STEPS.entries()) {
    if (job.pauseMs && i > 0) await pause(job.pauseMs);
    const body: Record<string, string> = { id: `b${n}-${i}` };
    if (session) body.session = session;
    if ("text" in step) body.text = step.text;
    if ("tap" in step && job.mode === "flow") {
      const action = last?.replies.flatMap((r) => r.buttons ?? []).find((b) => b.label.includes(step.tap))?.action;
      if (!action) throw new Error(`buyer ${n}: no "${step.tap}" after step ${i}`);
      body.action = action;
    }
    const start = performance.now();
    const { status, text } = await post(job.url, JSON.stringify(body));
    if (status !== 200) throw new Error(`buyer ${n}, step ${i}: ${status}`);
    const answer = JSON.parse(text) as Answer;
    (times[i] ??= []).push(performance.now() - start);
    if (job.mode === "flow") {
      last = answer;
      session = answer.session;
    }
  }
}

const job = JSON.parse(readFileSync(process.argv[2] ?? "", "utf8")) as Job;
const times: number[][] = [];
const started = performance.now();
await Promise.all(Array.from({ length: job.buyers }, (_, n) => buyer(job, n, times)));
process.stdout.write(JSON.stringify({ seconds: (performance.now() - started) / 1000, times }));
