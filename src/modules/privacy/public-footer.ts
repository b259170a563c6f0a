/**
 * The footer of every page the server renders itself (the policy, its history); the web app has the
 * same links in web/src/components/site-footer.tsx. Cookie settings join them once such a page exists.
 */
const COOKIE_SETTINGS_PATH: string | null = null;

const LINKS: Array<[href: string, label: string]> = [
  ['/privacy', 'Privacy policy'],
  ['/privacy/requests', 'Make a privacy request'],
  ...(COOKIE_SETTINGS_PATH ? ([[COOKIE_SETTINGS_PATH, 'Cookie settings']] as Array<[string, string]>) : []),
];

export function publicFooter(): string {
  const links = LINKS.map(([href, label]) => `<a href="${href}">${label}</a>`).join(' · ');
  return `<footer style="margin-top:3rem;padding-top:1rem;border-top:1px solid #ccc"><nav aria-label="Privacy"><p>${links}</p></nav></footer>`;
}

/** The page with the footer added as the last thing in its body. */
export function withPublicFooter(html: string): string {
  return html.replace('</body>', `${publicFooter()}\n</body>`);
}
