import type { Logger } from "../platform/logger";

/**
 * Runs `job` so that two runs never overlap, and lets callers ask for a run soon ("kick") on top
 * of the timer: a burst of kicks while a run is going becomes one more run, not many.
 */
export function serialJob(name: string, job: () => Promise<unknown>, logger: Logger): { run(): Promise<void>; kick(): void } {
  let running: Promise<void> | undefined;
  let again = false;
  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await job();
        } catch (error) {
          logger.error("job failed", { job: name, error });
        }
      } while (again);
    })();
    try {
      await running;
    } finally {
      running = undefined;
    }
  };
  return { run, kick: () => void run() };
}
