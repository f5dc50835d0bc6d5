/** A comment's line as the group and the buyer read it back: "A1 (Lớn, Cay nhiều)×2". */
export function commentLineLabel(line: { code: string; qty: number; options: readonly string[] }): string {
  return `${line.code}${line.options.length ? ` (${line.options.join(", ")})` : ""}×${line.qty}`;
}
