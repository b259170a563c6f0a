import { Link } from '../lib/router.js';

/**
 * Cookie settings, on every page (the server-rendered policy pages link it too,
 * src/modules/privacy/public-footer.ts).
 */
const COOKIE_SETTINGS_PATH = '/cookie-settings';

/**
 * On every page: the privacy policy (a page the server renders, so an ordinary link), the request
 * form anyone can use without an account, and cookie settings.
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
          <li>
            <Link to={COOKIE_SETTINGS_PATH}>Cookie settings</Link>
          </li>
        </ul>
      </nav>
      <p>Meshvault</p>
    </footer>
  );
}
