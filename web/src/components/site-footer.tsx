import { Link } from '../lib/router.js';

/**
 * Cookie settings, once the app has such a page: its path goes here and the link appears on every
 * page (the server-rendered policy pages have the same slot, src/modules/privacy/public-footer.ts).
 */
const COOKIE_SETTINGS_PATH: string | null = null;

/**
 * On every page: the privacy policy (a page the server renders, so an ordinary link), the request
 * form anyone can use without an account, and cookie settings when they exist.
 */
export function SiteFooter() {
  return (
    <footer className="footer">
      <nav aria-label="Privacy">
        <ul className="footer-links">
          <li>
            <a href="/privacy">Privacy policy</a>
          </li>
          <li>
            <Link to="/privacy/requests">Make a privacy request</Link>
          </li>
          {COOKIE_SETTINGS_PATH ? (
            <li>
              <Link to={COOKIE_SETTINGS_PATH}>Cookie settings</Link>
            </li>
          ) : null}
        </ul>
      </nav>
      <p>Meshvault</p>
    </footer>
  );
}
