// SePay eInvoice API's shapes as it sends and takes them (../shared/BOOKS.md §4, checked against
// developer.sepay.vn/vi/einvoice-api/v1). Only this folder sees them; what leaves it is invoices rows.

export type EinvoiceCurrency = "VND" | "USD" | "CAD";
export type EinvoicePaymentMethod = "TM" | "CK" | "TM/CK" | "KHAC";
/** 1 normal goods or service, 2 promotion, 3 trade discount, 4 a note line. */
export type EinvoiceLineType = 1 | 2 | 3 | 4;
/** −2 not subject, −1 not declared, else a VAT %. Only on a VAT invoice (template "1"). */
export type EinvoiceTaxRate = -2 | -1 | 0 | 5 | 8 | 10;

export interface EinvoiceBuyer {
  type?: "personal" | "company";
  name?: string;
  legal_name?: string;
  tax_code?: string;
  address?: string;
  email?: string;
  phone?: string;
  buyer_code?: string;
  national_id?: string;
}

export interface EinvoiceItem {
  line_number: number;
  line_type: EinvoiceLineType;
  item_code?: string;
  item_name: string;
  unit?: string;
  /** Up to 2 decimals. */
  quantity?: number;
  unit_price?: number;
  tax_rate?: EinvoiceTaxRate;
  /** % off this line. */
  discount_tax?: number;
  discount_amount?: number;
  /** The discount's amount on a line_type 3. */
  before_discount_and_tax_amount?: number;
}

/** POST /v1/invoices/create. */
export interface CreateInvoiceBody {
  template_code: string;
  invoice_series: string;
  /** Shop-local "YYYY-MM-DD HH:mm:ss", never in the future, not before the account's approval date. */
  issued_date: string;
  currency: EinvoiceCurrency;
  provider_account_id: string;
  /** Ours, unique at SePay (409 EINVOICE_DOCUMENT_EXISTED for a second one). */
  reference_code?: string;
  payment_method?: EinvoicePaymentMethod;
  /** false: issue at once (counts against the quota). */
  is_draft?: boolean;
  notes?: string;
  /** Whole đồng; when sent SePay uses it as it is, unchecked against the lines. */
  total_amount?: number;
  buyer: EinvoiceBuyer;
  items: EinvoiceItem[];
}

export interface ProviderAccount {
  id: string;
  provider: string;
  active: boolean;
  /** Invoices dated before it are refused; null in the sandbox or before it is known. */
  tax_authority_approved_date: string | null;
}

export interface EinvoiceTemplate {
  template_code: string;
  invoice_series: string;
  invoice_label: string;
}

export interface ProviderAccountDetail extends ProviderAccount {
  templates: EinvoiceTemplate[];
}

export interface Paging {
  per_page: number;
  total: number;
  has_more: boolean;
  current_page: number;
  page_count: number;
}

export interface Page<T> {
  paging: Paging;
  items: T[];
}

/** What create and issue answer: the job to follow. */
export interface TrackingTicket {
  tracking_code: string;
  tracking_url: string;
  message: string;
}

export type JobStatus = "Pending" | "Success" | "Failed";

export interface InvoiceSummary {
  reference_code: string;
  /** "0" while a draft. */
  invoice_number: string;
  invoice_series?: string;
  issued_date: string;
  pdf_url: string | null;
  xml_url: string | null;
  status: "draft" | "issued" | "cancelled";
  buyer?: EinvoiceBuyer;
  total_before_tax: number;
  tax_amount: number;
  total_amount: number;
  notes?: string | null;
  source?: "api" | "manual";
}

/** GET /v1/invoices/create/check/{tracking} and /issue/check/{tracking}. */
export interface JobReport {
  reference_code: string;
  status: JobStatus;
  message: string;
  invoice?: InvoiceSummary | null;
}

/** GET /v1/invoices/{reference_code}: with its lines, whose figures are decimal strings. */
export interface InvoiceDetail extends InvoiceSummary {
  items: { line_number: number; line_type: number; item_name: string; quantity: string; unit_price: string; total_amount: string; tax_rate: string | null; tax_amount: string }[];
}

export interface DownloadedFile {
  file_type: string;
  file_name: string;
  /** Base64. */
  content: string;
}
