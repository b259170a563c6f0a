/**
 * Every page of the app, in one table. To add a page: write it in features/<name>/routes, then add
 * a line here; `nav` puts it in the top navigation for the people `access` lets in.
 */
import type { ReactNode } from 'react';
import { AccountPage } from '../features/account/routes/account-page.js';
import { AccountClosedPage } from '../features/account/routes/account-closed-page.js';
import { RetentionPage } from '../features/retention/routes/retention-page.js';
import { AdminOrganisationsPage } from '../features/admin-organisations/routes/admin-organisations-page.js';
import { AdminLicencesPage } from '../features/admin-licences/routes/admin-licences-page.js';
import { AdminSubscriptionsPage } from '../features/admin-subscriptions/routes/admin-subscriptions-page.js';
import { AdminOutboxPage } from '../features/admin-outbox/routes/admin-outbox-page.js';
import { AdminUsersPage } from '../features/admin-users/routes/admin-users-page.js';
import { ConfirmEmailPage } from '../features/auth/routes/confirm-email-page.js';
import { ForgotPasswordPage } from '../features/auth/routes/forgot-password-page.js';
import { ResetPasswordPage } from '../features/auth/routes/reset-password-page.js';
import { SignInLinkPage } from '../features/auth/routes/sign-in-link-page.js';
import { SignInPage } from '../features/auth/routes/sign-in-page.js';
import { SignUpPage } from '../features/auth/routes/sign-up-page.js';
import { VerifyEmailPage } from '../features/auth/routes/verify-email-page.js';
import { UnreadBadge } from '../features/notifications/components/unread-badge.js';
import { NotificationsPage } from '../features/notifications/routes/notifications-page.js';
import { LicencesPage } from '../features/licences/routes/licences-page.js';
import { SubscriptionsPage } from '../features/subscriptions/routes/subscriptions-page.js';
import { IntegrationsPage } from '../features/integrations/routes/integrations-page.js';
import { AcceptInvitationPage } from '../features/organisation/routes/accept-invitation-page.js';
import { OrganisationPage } from '../features/organisation/routes/organisation-page.js';
import { ConfigurationPage } from '../features/configurator/routes/configuration-page.js';
import { ConfigureProductPage } from '../features/configurator/routes/configure-product-page.js';
import { ConfiguratorPage } from '../features/configurator/routes/configurator-page.js';
import { ProductEditorPage } from '../features/configurator/routes/product-editor-page.js';
import { SharedConfigurationPage } from '../features/configurator/routes/shared-configuration-page.js';
import { CatalogueAdminPage } from '../features/orders/routes/catalogue-admin-page.js';
import { OrderItemPage } from '../features/orders/routes/order-item-page.js';
import { OrderPage } from '../features/orders/routes/order-page.js';
import { OrdersPage } from '../features/orders/routes/orders-page.js';
import { PlaceOrderPage } from '../features/orders/routes/place-order-page.js';
import { ShopPage } from '../features/orders/routes/shop-page.js';
import { NewProjectPage } from '../features/projects/routes/new-project-page.js';
import { ProjectPage } from '../features/projects/routes/project-page.js';
import { ProjectsPage } from '../features/projects/routes/projects-page.js';
import { AnalyticsDashboardPage } from '../features/analytics/routes/analytics-dashboard-page.js';
import { CookieSettingsPage } from '../features/consent/routes/cookie-settings-page.js';
import { PrivacyEditorPage } from '../features/privacy-editor/routes/privacy-editor-page.js';
import { ExportLinkPage } from '../features/privacy-dashboard/routes/export-link-page.js';
import { PrivacyDashboardPage } from '../features/privacy-dashboard/routes/privacy-dashboard-page.js';
import { ConfirmRequestPage } from '../features/rights-requests/routes/confirm-request-page.js';
import { ErasureCertificatePage } from '../features/rights-requests/routes/erasure-certificate-page.js';
import { OfficerRequestsPage } from '../features/rights-requests/routes/officer-requests-page.js';
import { RequestFormPage } from '../features/rights-requests/routes/request-form-page.js';
import { ConfirmContactPage } from '../features/support/routes/confirm-contact-page.js';
import { ContactPage } from '../features/support/routes/contact-page.js';
import { MyTicketPage } from '../features/support/routes/my-ticket-page.js';
import { MyTicketsPage } from '../features/support/routes/my-tickets-page.js';
import { StaffTicketPage } from '../features/support/routes/staff-ticket-page.js';
import { SupportInboxPage } from '../features/support/routes/support-inbox-page.js';
import { CampaignsPage } from '../features/marketing/routes/campaigns-page.js';
import { MarketingPreferencesPage } from '../features/marketing/routes/marketing-preferences-page.js';
import type { Me, Role } from '../lib/auth.js';
import { matchPath, type RouteParams } from '../lib/router.js';

/** Who may open a page: anyone, only signed-out visitors, any signed-in user, or listed roles. */
export type Access = 'anyone' | 'signed-out' | 'signed-in' | readonly Role[];

export type NavEntry = {
  label: string;
  group: 'main' | 'admin';
  /** Extra condition beyond `access`. */
  when?: (user: Me) => boolean;
  /** Shown after the label, such as a count of unread items. */
  badge?: () => ReactNode;
  /**
   * Less used (by everyone, or by the people the function names): under the bar's "More" menu on wide
   * screens when the bar is crowded, so it stays one row at 1280 px (phones list every link).
   */
  more?: boolean | ((user: Me) => boolean);
};

export type AppRoute = {
  path: string;
  access: Access;
  /** The feature (GET /api/features) the page belongs to: while the policy switches it off, the page is gone. */
  feature?: 'projects' | 'quotes' | 'orders' | 'organisations' | 'analytics' | 'support' | 'licensing' | 'subscriptions' | 'marketing' | 'configurator' | 'integrations';
  render: (params: RouteParams) => ReactNode;
  nav?: NavEntry;
  /**
   * Opens before a signed-in person has accepted the privacy policy (an account made for them): the
   * public pages and their data rights, whose requests the server also answers until then.
   */
  beforePolicyAccepted?: true;
};

export const HOME_SIGNED_IN = '/account';

export const routes: readonly AppRoute[] = [
  { path: '/sign-in', access: 'signed-out', render: () => <SignInPage />, nav: { label: 'Sign in', group: 'main' } },
  { path: '/sign-in/link', access: 'anyone', render: () => <SignInLinkPage /> },
  { path: '/sign-up', access: 'signed-out', render: () => <SignUpPage />, nav: { label: 'Create account', group: 'main' } },
  { path: '/forgot-password', access: 'anyone', render: () => <ForgotPasswordPage /> },
  { path: '/reset-password', access: 'anyone', render: () => <ResetPasswordPage /> },
  { path: '/verify-email', access: 'anyone', render: () => <VerifyEmailPage /> },
  { path: '/confirm-email', access: 'anyone', render: () => <ConfirmEmailPage /> },
  { path: '/cookie-settings', access: 'anyone', render: () => <CookieSettingsPage />, beforePolicyAccepted: true },
  { path: '/projects', feature: 'projects', access: ['customer', 'staff', 'admin'], render: () => <ProjectsPage />, nav: { label: 'Projects', group: 'main' } },
  { path: '/projects/new', feature: 'projects', access: ['customer'], render: () => <NewProjectPage /> },
  { path: '/projects/:id', feature: 'projects', access: ['customer', 'staff', 'admin'], render: ({ id }) => <ProjectPage key={id} id={id ?? ''} /> },
  { path: '/orders', feature: 'orders', access: ['customer', 'staff', 'admin'], render: () => <OrdersPage />, nav: { label: 'Orders', group: 'main' } },
  { path: '/orders/:id', feature: 'orders', access: ['customer', 'staff', 'admin'], render: ({ id }) => <OrderPage key={id} id={id ?? ''} /> },
  { path: '/quotes/:id/order', feature: 'orders', access: ['customer'], render: ({ id }) => <PlaceOrderPage key={id} quoteId={id ?? ''} /> },
  // The catalogue: fixed-price products and services customers order directly; staff keep it.
  { path: '/shop', feature: 'orders', access: ['customer'], render: () => <ShopPage />, nav: { label: 'Shop', group: 'main' } },
  { path: '/shop/:id/order', feature: 'orders', access: ['customer'], render: ({ id }) => <OrderItemPage key={id} id={id ?? ''} /> },
  { path: '/staff/catalogue', feature: 'orders', access: ['staff', 'admin'], render: () => <CatalogueAdminPage />, nav: { label: 'Catalogue', group: 'admin', more: true } },
  { path: '/configurator', feature: 'configurator', access: 'signed-in', render: () => <ConfiguratorPage />, nav: { label: 'Configurator', group: 'main', more: (user) => user.role !== 'customer' } },
  { path: '/configurator/products/new', feature: 'configurator', access: ['staff', 'admin'], render: () => <ProductEditorPage /> },
  { path: '/configurator/:id', feature: 'configurator', access: 'signed-in', render: ({ id }) => <ConfigureProductPage key={id} id={id ?? ''} /> },
  { path: '/configurator/:id/edit', feature: 'configurator', access: ['staff', 'admin'], render: ({ id }) => <ProductEditorPage key={id} id={id ?? ''} /> },
  { path: '/configurations/:id', feature: 'configurator', access: 'signed-in', render: ({ id }) => <ConfigurationPage key={id} id={id ?? ''} /> },
  // A share link opens for anyone, signed in or not, until its owner revokes it.
  { path: '/shared/configurations/:token', feature: 'configurator', access: 'anyone', render: ({ token }) => <SharedConfigurationPage key={token} token={token ?? ''} /> },
  {
    path: '/notifications',
    feature: 'projects',
    access: 'signed-in',
    render: () => <NotificationsPage />,
    // Projects notify their customers; the page stays open to everyone for what the app sends them.
    nav: { label: 'Notifications', group: 'main', badge: () => <UnreadBadge />, when: (user) => user.role === 'customer' },
  },
  { path: '/subscriptions', feature: 'subscriptions', access: ['customer'], render: () => <SubscriptionsPage />, nav: { label: 'Subscriptions', group: 'main', more: true } },
  { path: '/subscriptions/:id', feature: 'subscriptions', access: ['customer'], render: ({ id }) => <SubscriptionsPage key={id} focus={id ?? ''} /> },
  { path: '/licences', feature: 'licensing', access: ['customer'], render: () => <LicencesPage />, nav: { label: 'Licences', group: 'main' } },
  { path: '/account', access: 'signed-in', render: () => <AccountPage />, nav: { label: 'Account', group: 'main' } },
  { path: '/account/integrations', feature: 'integrations', access: ['customer'], render: () => <IntegrationsPage />, nav: { label: 'Connected systems', group: 'main', more: true } },
  { path: '/account/closed', access: 'anyone', render: () => <AccountClosedPage /> },
  { path: '/account/marketing', feature: 'marketing', access: 'signed-in', render: () => <MarketingPreferencesPage />, nav: { label: 'What you receive', group: 'main', more: true } },
  { path: '/staff/marketing', feature: 'marketing', access: ['marketing', 'admin'], render: () => <CampaignsPage />, nav: { label: 'Campaigns', group: 'admin', more: true } },
  { path: '/account/privacy', access: 'signed-in', render: () => <PrivacyDashboardPage />, nav: { label: 'My data', group: 'main' } },
  // The "your export is ready" e-mail links here; its token stays in the query through sign-in (?next=).
  { path: '/account/exports/:id', access: 'signed-in', render: ({ id }) => <ExportLinkPage key={id} id={id ?? ''} />, beforePolicyAccepted: true },
  { path: '/privacy/requests', access: 'anyone', render: () => <RequestFormPage />, beforePolicyAccepted: true },
  { path: '/privacy/requests/confirm', access: 'anyone', render: () => <ConfirmRequestPage />, beforePolicyAccepted: true },
  { path: '/privacy/erasure/:id', access: 'anyone', render: ({ id }) => <ErasureCertificatePage key={id} id={id ?? ''} />, beforePolicyAccepted: true },
  {
    path: '/organisation',
    feature: 'organisations',
    access: 'signed-in',
    render: () => <OrganisationPage />,
    nav: { label: 'Organisation', group: 'main', more: true, when: (user) => user.organisation !== null },
  },
  { path: '/accept-invitation', feature: 'organisations', access: 'signed-in', render: () => <AcceptInvitationPage /> },
  { path: '/contact', feature: 'support', access: 'anyone', render: () => <ContactPage />, nav: { label: 'Contact', group: 'main', more: true, when: (user) => user.role === 'customer' } },
  { path: '/support/confirm', feature: 'support', access: 'anyone', render: () => <ConfirmContactPage /> },
  { path: '/support/tickets', feature: 'support', access: ['customer'], render: () => <MyTicketsPage />, nav: { label: 'Support', group: 'main', more: true } },
  { path: '/support/tickets/:id', feature: 'support', access: 'signed-in', render: ({ id }) => <MyTicketPage key={id} id={id ?? ''} /> },
  { path: '/staff/support', feature: 'support', access: ['staff', 'privacy_officer', 'admin'], render: () => <SupportInboxPage />, nav: { label: 'Support inbox', group: 'admin', more: true } },
  { path: '/staff/support/:id', feature: 'support', access: ['staff', 'privacy_officer', 'admin'], render: ({ id }) => <StaffTicketPage key={id} id={id ?? ''} /> },
  { path: '/admin/users', access: ['admin'], render: () => <AdminUsersPage />, nav: { label: 'Users', group: 'admin' } },
  { path: '/admin/organisations', feature: 'organisations', access: ['admin'], render: () => <AdminOrganisationsPage />, nav: { label: 'Organisations', group: 'admin' } },
  { path: '/staff/analytics', feature: 'analytics', access: ['staff', 'privacy_officer', 'admin'], render: () => <AnalyticsDashboardPage />, nav: { label: 'Analytics', group: 'admin', more: true } },
  { path: '/admin/subscriptions', feature: 'subscriptions', access: ['admin'], render: () => <AdminSubscriptionsPage />, nav: { label: 'Subscriptions', group: 'admin', more: true } },
  { path: '/admin/licences', feature: 'licensing', access: ['admin'], render: () => <AdminLicencesPage />, nav: { label: 'Licences', group: 'admin' } },
  { path: '/admin/outbox', access: ['admin'], render: () => <AdminOutboxPage />, nav: { label: 'Outbox', group: 'admin', more: true } },
  { path: '/privacy-officer/manifest', access: ['privacy_officer', 'admin'], render: () => <PrivacyEditorPage />, nav: { label: 'Privacy manifest', group: 'admin', more: true } },
  { path: '/privacy-officer/requests', access: ['privacy_officer', 'admin'], render: () => <OfficerRequestsPage />, nav: { label: 'Privacy requests', group: 'admin', more: true } },
  { path: '/privacy-officer/retention', access: ['privacy_officer', 'admin'], render: () => <RetentionPage />, nav: { label: 'Retention', group: 'admin', more: true } },
];

/** Whether the page at `pathname` opens before the signed-in person has accepted the privacy policy. */
export function opensBeforePolicyAccepted(pathname: string): boolean {
  return routes.some((route) => route.beforePolicyAccepted && matchPath(route.path, pathname) !== null);
}

export function mayOpen(access: Access, user: Me | null): boolean {
  if (access === 'anyone') return true;
  if (access === 'signed-out') return user === null;
  if (access === 'signed-in') return user !== null;
  return user !== null && access.includes(user.role);
}
