/** Instant quotes, staff adjustments and the customer's answer (src/modules/quotes routes). */
import { api } from '../../../lib/api-client.js';

export type QuoteLine = {
  fileId: string;
  fileName: string;
  volumeCm3: number;
  heightMm: number;
  machineHours: number;
  materialCentsPerPart: number;
  machineCentsPerPart: number;
  unitCents: number;
  quantity: number;
  lineCents: number;
};

export type Quote = {
  id: string;
  projectId: string;
  status: 'offered' | 'accepted' | 'declined' | 'superseded';
  currency: string;
  amountCents: number;
  computedCents: number;
  adjusted: boolean;
  adjustmentReason: string | null;
  adjustedAt: string | null;
  breakdown: {
    process: string;
    material: string;
    quantity: number;
    lines: QuoteLine[];
    setupFeeCents: number;
    subtotalCents: number;
    minimumOrderCents: number;
    minimumApplied: boolean;
    excludedFiles: string[];
    warnings: string[];
  };
  createdAt: string;
  decidedAt: string | null;
};

export const listQuotes = (projectId: string, signal?: AbortSignal) =>
  api.get<{ quotes: Quote[] }>(`/api/projects/${encodeURIComponent(projectId)}/quotes`, undefined, signal).then((r) => r.quotes);
export const requestQuote = (projectId: string) => api.post<{ quote: Quote }>(`/api/projects/${encodeURIComponent(projectId)}/quotes`).then((r) => r.quote);
export const adjustQuote = (id: string, amountCents: number, reason: string) => api.post<{ ok: true }>(`/api/quotes/${encodeURIComponent(id)}/adjust`, { amountCents, reason });
export const acceptQuote = (id: string) => api.post<{ ok: true }>(`/api/quotes/${encodeURIComponent(id)}/accept`);
export const declineQuote = (id: string) => api.post<{ ok: true }>(`/api/quotes/${encodeURIComponent(id)}/decline`);
