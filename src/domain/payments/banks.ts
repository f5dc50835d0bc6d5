/** Vietnamese banks by NAPAS BIN (PAYMENTS.md §1.4, from the SBV list). */
export const BANKS: readonly { bin: string; shortName: string; name: string }[] = [
  { bin: "970436", shortName: "VCB", name: "Vietcombank" },
  { bin: "970415", shortName: "ICB", name: "VietinBank" },
  { bin: "970418", shortName: "BIDV", name: "BIDV" },
  { bin: "970405", shortName: "VBA", name: "Agribank" },
  { bin: "970407", shortName: "TCB", name: "Techcombank" },
  { bin: "970422", shortName: "MB", name: "MBBank" },
  { bin: "970416", shortName: "ACB", name: "ACB" },
  { bin: "970432", shortName: "VPB", name: "VPBank" },
  { bin: "970423", shortName: "TPB", name: "TPBank" },
  { bin: "970403", shortName: "STB", name: "Sacombank" },
  { bin: "970454", shortName: "VCCB", name: "BVBank" },
  { bin: "970452", shortName: "KLB", name: "Kienlongbank" },
  { bin: "970412", shortName: "PVCB", name: "PVcomBank" },
  { bin: "970424", shortName: "SHBVN", name: "Shinhan Bank" },
  { bin: "970437", shortName: "HDB", name: "HDBank" },
  { bin: "970441", shortName: "VIB", name: "VIB" },
  { bin: "970443", shortName: "SHB", name: "SHB" },
  { bin: "970426", shortName: "MSB", name: "MSB" },
  { bin: "970448", shortName: "OCB", name: "OCB" },
  { bin: "970431", shortName: "EIB", name: "Eximbank" },
  { bin: "970440", shortName: "SEAB", name: "SeABank" },
  { bin: "970449", shortName: "LPB", name: "LPBank" },
  { bin: "970429", shortName: "SCB", name: "SCB" },
  { bin: "970428", shortName: "NAB", name: "Nam A Bank" },
  { bin: "970425", shortName: "ABB", name: "ABBANK" },
  { bin: "970409", shortName: "BAB", name: "Bac A Bank" },
  { bin: "970419", shortName: "NCB", name: "NCB" },
  // CAKE by VPBank: listed by vietqr.io only, not in the SBV 9704xx list.
  { bin: "546034", shortName: "CAKE", name: "CAKE by VPBank" },
];

/** The bank with this BIN, if known. */
export function bankByBin(bin: string | null | undefined) {
  return BANKS.find((b) => b.bin === bin);
}
