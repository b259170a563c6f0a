import { COOKIE_SETTINGS_PATH } from './manifest/policy-sections.js';

/**
 * The footer of every page the server renders itself (the policy, its history); the web app has the
 * same links in web/src/components/site-footer.tsx.
 */
const LINKS: Array<[href: string, label: string]> = [
  ['/privacy', 'Privacy policy'],
  ['/privacy/requests', 'Make a privacy request'],
  [COOKIE_SETTINGS_PATH, 'Cookie settings'],
];

/** The standalone cookie banner (the consent module serves it): these pages are no part of the web app. */
const BANNER_SCRIPT = '<script src="/consent/banner.js" defer></script>';

export function publicFooter(): string {
  const links = LINKS.map(([href, label]) => `<a href="${href}">${label}</a>`).join(' · ');
  return `<footer style="margin-top:3rem;padding-top:1rem;border-top:1px solid #ccc"><nav aria-label="Privacy"><p>${links}</p></nav></footer>`;
}

/** The page with the footer added as the last thing in its body. */
export function withPublicFooter(html: string): string {
  return html.replace('</body>', `${publicFooter()}\n${BANNER_SCRIPT}\n</body>`);
}
