/**
 * Every page of the app, in one table. To add a page: write it in features/<name>/routes, then add
 * a line here (with `lazyPage`, unless people land on it first); `nav` puts it in the top navigation
 * for the people `access` lets in.
 */
import type { ReactNode } from 'react';
import { AccountPage } from '../features/account/routes/account-page.js';
import { ConfirmEmailPage } from '../features/auth/routes/confirm-email-page.js';
import { ForgotPasswordPage } from '../features/auth/routes/forgot-password-page.js';
import { ResetPasswordPage } from '../features/auth/routes/reset-password-page.js';
import { SignInLinkPage } from '../features/auth/routes/sign-in-link-page.js';
import { SignInPage } from '../features/auth/routes/sign-in-page.js';
import { SignUpPage } from '../features/auth/routes/sign-up-page.js';
import { VerifyEmailPage } from '../features/auth/routes/verify-email-page.js';
import { UnreadBadge } from '../features/notifications/components/unread-badge.js';
import type { Me, Role } from '../lib/auth.js';
import { matchPath, type RouteParams } from '../lib/router.js';
import { lazyPage } from './lazy-page.js';

// The pages a visitor meets first (signing in, the account) come with the app's first script; every
// other page loads when first opened.
const AccountClosedPage = lazyPage(() => import('../features/account/routes/account-closed-page.js'), 'AccountClosedPage');
const RetentionPage = lazyPage(() => import('../features/retention/routes/retention-page.js'), 'RetentionPage');
const AdminOrganisationsPage = lazyPage(() => import('../features/admin-organisations/routes/admin-organisations-page.js'), 'AdminOrganisationsPage');
const AdminLicencesPage = lazyPage(() => import('../features/admin-licences/routes/admin-licences-page.js'), 'AdminLicencesPage');
const AdminSubscriptionsPage = lazyPage(() => import('../features/admin-subscriptions/routes/admin-subscriptions-page.js'), 'AdminSubscriptionsPage');
const AdminOutboxPage = lazyPage(() => import('../features/admin-outbox/routes/admin-outbox-page.js'), 'AdminOutboxPage');
const AdminUsersPage = lazyPage(() => import('../features/admin-users/routes/admin-users-page.js'), 'AdminUsersPage');
const NotificationsPage = lazyPage(() => import('../features/notifications/routes/notifications-page.js'), 'NotificationsPage');
const LicencesPage = lazyPage(() => import('../features/licences/routes/licences-page.js'), 'LicencesPage');
const SubscriptionsPage = lazyPage(() => import('../features/subscriptions/routes/subscriptions-page.js'), 'SubscriptionsPage');
const IntegrationsPage = lazyPage(() => import('../features/integrations/routes/integrations-page.js'), 'IntegrationsPage');
const AcceptInvitationPage = lazyPage(() => import('../features/organisation/routes/accept-invitation-page.js'), 'AcceptInvitationPage');
const OrganisationPage = lazyPage(() => import('../features/organisation/routes/organisation-page.js'), 'OrganisationPage');
const ConfigurationPage = lazyPage(() => import('../features/configurator/routes/configuration-page.js'), 'ConfigurationPage');
const ConfigureProductPage = lazyPage(() => import('../features/configurator/routes/configure-product-page.js'), 'ConfigureProductPage');
const ConfiguratorPage = lazyPage(() => import('../features/configurator/routes/configurator-page.js'), 'ConfiguratorPage');
const ProductEditorPage = lazyPage(() => import('../features/configurator/routes/product-editor-page.js'), 'ProductEditorPage');
const SharedConfigurationPage = lazyPage(() => import('../features/configurator/routes/shared-configuration-page.js'), 'SharedConfigurationPage');
const CatalogueAdminPage = lazyPage(() => import('../features/orders/routes/catalogue-admin-page.js'), 'CatalogueAdminPage');
const OrderItemPage = lazyPage(() => import('../features/orders/routes/order-item-page.js'), 'OrderItemPage');
const OrderPage = lazyPage(() => import('../features/orders/routes/order-page.js'), 'OrderPage');
const OrdersPage = lazyPage(() => import('../features/orders/routes/orders-page.js'), 'OrdersPage');
const PlaceOrderPage = lazyPage(() => import('../features/orders/routes/place-order-page.js'), 'PlaceOrderPage');
const ShopPage = lazyPage(() => import('../features/orders/routes/shop-page.js'), 'ShopPage');
const NewProjectPage = lazyPage(() => import('../features/projects/routes/new-project-page.js'), 'NewProjectPage');
const ProjectPage = lazyPage(() => import('../features/projects/routes/project-page.js'), 'ProjectPage');
const ProjectsPage = lazyPage(() => import('../features/projects/routes/projects-page.js'), 'ProjectsPage');
const AnalyticsDashboardPage = lazyPage(() => import('../features/analytics/routes/analytics-dashboard-page.js'), 'AnalyticsDashboardPage');
const CookieSettingsPage = lazyPage(() => import('../features/consent/routes/cookie-settings-page.js'), 'CookieSettingsPage');
const PrivacyEditorPage = lazyPage(() => import('../features/privacy-editor/routes/privacy-editor-page.js'), 'PrivacyEditorPage');
const ExportLinkPage = lazyPage(() => import('../features/privacy-dashboard/routes/export-link-page.js'), 'ExportLinkPage');
const PrivacyDashboardPage = lazyPage(() => import('../features/privacy-dashboard/routes/privacy-dashboard-page.js'), 'PrivacyDashboardPage');
const ConfirmRequestPage = lazyPage(() => import('../features/rights-requests/routes/confirm-request-page.js'), 'ConfirmRequestPage');
const ErasureCertificatePage = lazyPage(() => import('../features/rights-requests/routes/erasure-certificate-page.js'), 'ErasureCertificatePage');
const OfficerRequestsPage = lazyPage(() => import('../features/rights-requests/routes/officer-requests-page.js'), 'OfficerRequestsPage');
const RequestFormPage = lazyPage(() => import('../features/rights-requests/routes/request-form-page.js'), 'RequestFormPage');
const ConfirmContactPage = lazyPage(() => import('../features/support/routes/confirm-contact-page.js'), 'ConfirmContactPage');
const ContactPage = lazyPage(() => import('../features/support/routes/contact-page.js'), 'ContactPage');
const MyTicketPage = lazyPage(() => import('../features/support/routes/my-ticket-page.js'), 'MyTicketPage');
const MyTicketsPage = lazyPage(() => import('../features/support/routes/my-tickets-page.js'), 'MyTicketsPage');
const StaffTicketPage = lazyPage(() => import('../features/support/routes/staff-ticket-page.js'), 'StaffTicketPage');
const SupportInboxPage = lazyPage(() => import('../features/support/routes/support-inbox-page.js'), 'SupportInboxPage');
const CampaignsPage = lazyPage(() => import('../features/marketing/routes/campaigns-page.js'), 'CampaignsPage');
const MarketingPreferencesPage = lazyPage(() => import('../features/marketing/routes/marketing-preferences-page.js'), 'MarketingPreferencesPage');

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
