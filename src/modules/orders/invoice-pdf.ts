import { formatMoney } from './orders.mails.js';
import type { InvoiceSeries, TOrderLine, TPostalAddress } from './orders.tables.js';

export type InvoiceDocument = {
  series: InvoiceSeries;
  number: string;
  issuedAt: Date;
  orderNumber: string;
  /** What `orderNumber` is: 'Order' unless the invoice bills something else (a subscription). */
  referenceLabel?: string;
  /** For a credit note: the invoice it credits. */
  credits: string | null;
  reason: string | null;
  seller: { name: string; address: string | null; email: string };
  billTo: TPostalAddress;
  lines: TOrderLine[];
  currency: string;
  netCents: number;
  taxRatePercent: number;
  taxCents: number;
  totalCents: number;
  paidWith: string | null;
};

/** The invoice or credit note as a PDF (pdfkit's built-in Helvetica: no font files to ship). */
export async function renderInvoicePdf(doc: InvoiceDocument): Promise<Buffer> {
  // pdfkit (and its font tables) loads when the first invoice is rendered, not when the server starts.
  const { default: PDFDocument } = await import('pdfkit');
  const pdf = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `${title(doc.series)} ${doc.number}`, Author: doc.seller.name, CreationDate: doc.issuedAt } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const money = (cents: number) => formatMoney(cents, doc.currency);
  pdf.font('Helvetica-Bold').fontSize(18).text(`${title(doc.series)} ${doc.number}`);
  pdf.font('Helvetica').fontSize(10).moveDown(0.5);
  pdf.text(`Issued: ${doc.issuedAt.toISOString().slice(0, 10)}`);
  pdf.text(`${doc.referenceLabel ?? 'Order'}: ${doc.orderNumber}`);
  if (doc.credits) pdf.text(`Credits invoice: ${doc.credits}`);
  if (doc.reason) pdf.text(`Reason: ${doc.reason}`);
  pdf.moveDown();
  pdf.font('Helvetica-Bold').text('From');
  pdf.font('Helvetica').text(doc.seller.name);
  if (doc.seller.address) pdf.text(doc.seller.address);
  pdf.text(doc.seller.email);
  pdf.moveDown();
  pdf.font('Helvetica-Bold').text('Bill to');
  pdf.font('Helvetica');
  for (const l of addressLines(doc.billTo)) pdf.text(l);
  pdf.moveDown();
  const sign = doc.series === 'credit_note' ? -1 : 1;
  pdf.font('Helvetica-Bold').text('Description', 50, pdf.y, { continued: false });
  pdf.font('Helvetica');
  for (const line of doc.lines) {
    pdf.text(`${line.quantity} × ${line.description}`, { width: 360 });
    pdf.text(`${money(sign * line.unitCents)} each = ${money(sign * line.lineCents)}`, { align: 'right' });
  }
  pdf.moveDown();
  pdf.text(`Net: ${money(sign * doc.netCents)}`, { align: 'right' });
  pdf.text(`Tax (${doc.taxRatePercent}%): ${money(sign * doc.taxCents)}`, { align: 'right' });
  pdf.font('Helvetica-Bold').text(`Total: ${money(sign * doc.totalCents)}`, { align: 'right' });
  pdf.font('Helvetica');
  if (doc.paidWith) pdf.moveDown().text(doc.series === 'credit_note' ? `Refunded via ${doc.paidWith}.` : `Paid via ${doc.paidWith}.`);
  pdf.end();
  return done;
}

function title(series: InvoiceSeries): string {
  return series === 'credit_note' ? 'Credit note' : 'Invoice';
}

function addressLines(a: TPostalAddress): string[] {
  return [a.name, a.company, a.line1, a.line2, `${a.postalCode} ${a.city}`, a.region, a.country].filter((l): l is string => !!l);
}
