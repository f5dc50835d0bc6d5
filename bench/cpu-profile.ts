// A CPU profile of this process (the server) while the load runs, through the inspector: the ten
// functions with the most time of their own, to find where a request's time goes before changing it.
import { Session } from "node:inspector/promises";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotFunction {
  name: string;
  where: string;
  selfMs: number;
  percent: number;
}

/** Starts profiling; the returned function stops and gives the top `n` functions by self time. */
export async function startCpuProfile(): Promise<(n?: number) => Promise<HotFunction[]>> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 500 });
  await session.post("Profiler.start");
  return async (n = 10) => {
    const { profile } = (await session.post("Profiler.stop")) as { profile: Profile };
    session.disconnect();
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const self = new Map<string, { name: string; where: string; us: number }>();
    let total = 0;
    profile.samples.forEach((id, i) => {
      const node = byId.get(id);
      const dt = profile.timeDeltas[i] ?? 0;
      if (!node) return;
      total += dt;
      const f = node.callFrame;
      const where = f.url ? `${f.url.replace(/^file:\/\/.*?\/(node_modules|src|bots|flows|bench)\//, "$1/")}:${f.lineNumber + 1}` : "(native)";
      const key = `${f.functionName}@${where}`;
      const entry = self.get(key) ?? { name: f.functionName || "(anonymous)", where, us: 0 };
      entry.us += dt;
      self.set(key, entry);
    });
    return [...self.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, n)
      .map((e) => ({ name: e.name, where: e.where, selfMs: e.us / 1000, percent: total ? (100 * e.us) / total : 0 }));
  };
}
