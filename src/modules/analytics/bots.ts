/**
 * User agents that announce a robot: crawlers, link previews, monitors, headless browsers and HTTP
 * libraries. Their requests are dropped before anything is stored; a heuristic, so it errs on the
 * side of counting less. No user agent at all is a robot too.
 */
const BOT = /bot\b|bot\/|crawl|spider|slurp|scrap|headless|phantom|lighthouse|pingdom|uptime|monitor|preview|facebookexternalhit|embedly|curl\/|wget\/|python-|python\/|httpclient|http-client|okhttp|java\/|go-http|node-fetch|axios|libwww|^$/i;

export function isBot(userAgent: string | undefined): boolean {
  return BOT.test((userAgent ?? '').trim());
}
