const CODE = /CC[A-Z2-9]{6}/gi;

function allMatches(text: string): string[] {
  const found: string[] = [];
  // Overlapping on purpose: in "XCCCABCDEF" the real code may start at any C.
  for (let i = 0; i + 8 <= text.length; i++) {
    CODE.lastIndex = i;
    const m = CODE.exec(text);
    if (!m) break;
    found.push(m[0].toUpperCase());
    i = m.index;
  }
  return found;
}

/**
 * Every order code a bank memo may contain, most likely first. Banks and notifiers add prefixes
 * ("MBVCB.3278907687.CC7K2M9Q.CT tu…"), drop spaces and punctuation or change case, so look in
 * the raw text first, then in the text with everything but letters and digits removed
 * (PAYMENTS.md §1.3). The caller tries each against the shop's orders.
 */
export function orderCodesInMemo(memo: string): string[] {
  const text = memo.slice(0, 1000);
  const squeezed = text.replace(/[^A-Za-z0-9]/g, "");
  return [...new Set([...allMatches(text), ...allMatches(squeezed)])];
}
