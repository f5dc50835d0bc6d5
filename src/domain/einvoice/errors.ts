// The two ways a call to SePay eInvoice goes wrong (as grammY tells GrammyError from HttpError):
// SePay answered and said no, or there was no usable answer. Neither message holds a secret.

/** SePay answered with its error envelope `{ success: false, error: { code, message } }` (4xx). */
export class EinvoiceRefusal extends Error {
  constructor(
    /** HTTP status: 400 a field, 401 credentials, 403 QUOTA_EXCEEDED, 404 unknown, 409 a reference used. */
    readonly status: number,
    /** SePay's code (BAD_REQUEST, UNAUTHORIZED, QUOTA_EXCEEDED, EINVOICE_DOCUMENT_EXISTED…). */
    readonly code: string,
    /** SePay's own words, for the seller. */
    readonly description: string,
  ) {
    super(`sepay einvoice: ${status} ${code} ${description}`);
    this.name = "EinvoiceRefusal";
  }
}

/** No usable answer: network, timeout, 5xx, a body that is not SePay's JSON. Its fate is unknown. */
export class EinvoiceUnavailable extends Error {
  constructor(message: string) {
    super(`sepay einvoice: ${message}`);
    this.name = "EinvoiceUnavailable";
  }
}
