import { requestText } from "./request-text";
import type { Context } from "hono";
import type { z } from "zod";
import { fail, ok, type Result } from "../result";

/**
 * The request body as JSON checked against `schema`. Malformed JSON and a body of the wrong
 * shape are both the sender's fault: the caller answers 400 with the reason.
 */
export async function readJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<Result<z.infer<S>, string>> {
  let raw: unknown;
  try {
    const text = await requestText(c);
    raw = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    return fail("malformed JSON");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(`invalid body${issue ? `: ${issue.path.join(".") || "body"} ${issue.message}` : ""}`);
  }
  return ok(parsed.data);
}
