import type { JSONColumnType, Selectable } from 'kysely';

export type OrderStatus = 'pending_payment' | 'paid' | 'in_production' | 'shipped' | 'delivered' | 'cancelled' | 'refunded';
export type PaymentProviderId = 'bank_transfer' | 'stripe';
export type InvoiceSeries = 'invoice' | 'credit_note';

export type TPostalAddress = {
  name: string;
  company: string | null;
  line1: string;
  line2: string | null;
  postalCode: string;
  city: string;
  region: string | null;
  country: string;
};

export type TOrderLine = { description: string; quantity: number; unitCents: number; lineCents: number };

type Json<T extends object> = JSONColumnType<T, string, string>;

export interface OrdersTables {
  customer_addresses: {
    id: string;
    customer_id: string;
    name: string;
    company: string | null;
    line1: string;
    line2: string | null;
    postal_code: string;
    city: string;
    region: string | null;
    country: string;
    created_at: Date;
  };
  orders: {
    id: string;
    number: string;
    /** An order comes from exactly one of: an accepted quote of a project, a saved configuration, a catalogue item. */
    quote_id: string | null;
    project_id: string | null;
    configuration_id: string | null;
    catalogue_item_id: string | null;
    customer_id: string;
    status: OrderStatus;
    currency: string;
    lines: Json<TOrderLine[]>;
    net_cents: number;
    tax_rate_percent: string;
    tax_cents: number;
    total_cents: number;
    billing_address: Json<TPostalAddress>;
    /** Null where the policy declares no shipping details: the order is a service or delivered digitally. */
    shipping_address: JSONColumnType<TPostalAddress | null, string | null, string | null>;
    notes: string | null;
    carrier: string | null;
    tracking_url: string | null;
    payment_method: PaymentProviderId | null;
    created_at: Date;
    paid_at: Date | null;
    shipped_at: Date | null;
    delivered_at: Date | null;
    completed_at: Date | null;
    updated_at: Date;
  };
  order_events: {
    id: string;
    order_id: string;
    customer_id: string;
    from_status: OrderStatus | null;
    to_status: OrderStatus;
    actor_id: string | null;
    note: string | null;
    at: Date;
  };
  payments: {
    id: string;
    order_id: string;
    customer_id: string;
    kind: 'payment' | 'refund';
    provider: PaymentProviderId;
    status: 'pending' | 'succeeded' | 'failed';
    amount_cents: number;
    currency: string;
    provider_ref: string | null;
    provider_payment_ref: string | null;
    payment_method_ref: string | null;
    card_brand: string | null;
    card_last4: string | null;
    recorded_by: string | null;
    created_at: Date;
    settled_at: Date | null;
  };
  payment_provider_events: {
    provider: PaymentProviderId;
    event_id: string;
    type: string;
    received_at: Date;
    outcome: string;
  };
  catalogue_items: {
    id: string;
    name: string;
    description: string | null;
    unit_cents: number;
    currency: string;
    active: boolean;
    created_at: Date;
    updated_at: Date;
  };
  invoice_sequences: {
    series: InvoiceSeries;
    fiscal_year: number;
    last_number: number;
  };
  invoices: {
    id: string;
    number: string;
    series: InvoiceSeries;
    fiscal_year: number;
    sequence: number;
    /** Null for what no order bills (a subscription period); `reference` then says what it billed. */
    order_id: string | null;
    reference: string | null;
    customer_id: string;
    credited_invoice_id: string | null;
    currency: string;
    net_cents: number;
    tax_cents: number;
    total_cents: number;
    billing_address: Json<TPostalAddress>;
    lines: Json<TOrderLine[]>;
    issued_at: Date;
    sha256: string;
    wrapped_key: string;
    storage_key: string;
  };
}

export type OrderRow = Selectable<OrdersTables['orders']>;
export type PaymentRow = Selectable<OrdersTables['payments']>;
export type InvoiceRow = Selectable<OrdersTables['invoices']>;
export type CatalogueItemRow = Selectable<OrdersTables['catalogue_items']>;
export type AddressRow = Selectable<OrdersTables['customer_addresses']>;
