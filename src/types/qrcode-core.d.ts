// The pure QR encoder inside the `qrcode` package. Its main entry pulls in fs and pngjs, which Workers
// lack, so src/ imports only this CommonJS file; @types/qrcode describes the main entry, not this one.
declare module "qrcode/lib/core/qrcode.js" {
  /** The module grid: data[row * size + col] is 1 for a dark module. */
  export interface QrCoreBitMatrix {
    readonly size: number;
    readonly data: Uint8Array;
    get(row: number, col: number): number | boolean;
  }

  export interface QrCoreSymbol {
    readonly modules: QrCoreBitMatrix;
    readonly version: number;
    readonly maskPattern: number;
  }

  /** Encodes text as a QR symbol; throws if it does not fit in version 40 at the chosen level. */
  export function create(
    text: string,
    options?: { errorCorrectionLevel?: "L" | "M" | "Q" | "H"; version?: number; maskPattern?: number },
  ): QrCoreSymbol;
}
