// The pages' few scripts are constants written inline (one request less on 3G). Each is registered
// here so the Content-Security-Policy can allow exactly these scripts by their hash and nothing
// else: a script an attacker manages to plant in a page does not run.
const scripts = new Set<string>();

/** Registers a page script (exactly as it is put between <script> and </script>) and returns it. */
export function inlineScript(code: string): string {
  scripts.add(code);
  return code;
}

/** Every registered script, for the policy's hashes. */
export function inlineScripts(): readonly string[] {
  return [...scripts];
}
