/**
 * The cookie banner as a small standalone script (no framework) for pages the web app does not
 * render: the server's own policy pages, and the operator's website, which embeds it with
 * `<script src="https://<installation>/consent/banner.js" defer></script>`. On the installation's own
 * pages it speaks the web app's API (GET/POST /api/consent); embedded on another origin, the cookie-less
 * embed API (/api/consent/embed, for origins in MESHVAULT_EMBED_ORIGINS), keeping the visitor's id in
 * that site's own localStorage. Either way the notice and the records are the same. It also loads the
 * operator's optional scripts only after consent: `<script type="text/plain"
 * data-consent-category="analytics" src="…">` becomes a real script once that category is allowed.
 * An advertiser's script (`data-consent-category="advertising"`, optionally
 * `data-consent-recipient="<manifest recipient id>"`) sends the advertiser personal data, so the
 * banner first asks the server (POST …/advertising), whose egress check decides and logs the
 * disclosure, and loads only the advertisers it names: when refused, nothing third-party loads.
 * Served as text (not a built bundle) so it runs wherever it is embedded; kept in plain ES2017.
 */
export function bannerScript(): string {
  return SCRIPT;
}

const SCRIPT = `(function () {
  'use strict';
  var src = (document.currentScript && document.currentScript.src) || '';
  var api = src ? new URL('/api/consent', src).href : '/api/consent';
  var csrfUrl = api.replace(/\\/api\\/consent$/, '/api/session/csrf-token');
  // Embedded on another origin (the operator's own website): the cookie-less embed API, with the
  // visitor id kept in this site's own storage.
  var embedded = !!src && new URL(src).origin !== location.origin;
  var embedApi = api + '/embed';
  var VISITOR_KEY = 'meshvault-consent-visitor';
  var visitorInMemory = null;
  function visitor() { try { return localStorage.getItem(VISITOR_KEY) || visitorInMemory; } catch (e) { return visitorInMemory; } }
  function keepVisitor(id) { if (!id) return; visitorInMemory = id; try { localStorage.setItem(VISITOR_KEY, id); } catch (e) { /* storage off: this page only */ } }
  function load() {
    if (!embedded) return fetch(api, { credentials: 'same-origin' });
    var id = visitor();
    return fetch(embedApi + (id ? '?visitor=' + encodeURIComponent(id) : ''), { credentials: 'omit' });
  }
  function send(body, path) {
    path = path || '';
    if (embedded) {
      if (visitor()) body.visitorId = visitor();
      return fetch(embedApi + path, { method: 'POST', credentials: 'omit', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    }
    return fetch(csrfUrl, { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : { token: null }; })
      .then(function (t) {
        var headers = { 'content-type': 'application/json' };
        if (t.token) headers['x-csrf-token'] = t.token;
        return fetch(api + path, { method: 'POST', credentials: 'same-origin', headers: headers, body: JSON.stringify(body) });
      });
  }
  var state = null;
  var root = null;
  var returnFocus = null;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'style') node.style.cssText = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { node.appendChild(c); });
    return node;
  }

  function gpcOn() { return navigator.globalPrivacyControl === true; }

  function run(old) {
    var s = document.createElement('script');
    if (old.src) s.src = old.src; else s.text = old.text;
    old.parentNode.replaceChild(s, old);
  }

  function announce(categories, released) {
    var shown = {};
    Object.keys(categories).forEach(function (k) { shown[k] = categories[k] === true && (k !== 'advertising' || released); });
    document.dispatchEvent(new CustomEvent('meshvault:consent', { detail: { categories: shown } }));
  }

  function activate() {
    var allowed = state ? state.categories : {};
    announce(allowed, false);
    var waiting = document.querySelectorAll('script[type="text/plain"][data-consent-category]:not([data-consent-asking])');
    var ads = [];
    Array.prototype.forEach.call(waiting, function (old) {
      var category = old.getAttribute('data-consent-category');
      if (allowed[category] !== true) return;
      if (category !== 'advertising') return run(old);
      old.setAttribute('data-consent-asking', '');
      ads.push(old);
    });
    if (ads.length === 0) return;
    // Advertising leaves through the server's one check: load only the advertisers it released.
    send({ gpc: gpcOn() }, '/advertising')
      .then(function (r) { return r.ok ? r.json() : { recipients: [] }; })
      .catch(function () { return { recipients: [] }; })
      .then(function (released) {
        var ids = released.recipients.map(function (r) { return r.id; });
        ads.forEach(function (old) {
          old.removeAttribute('data-consent-asking');
          var recipient = old.getAttribute('data-consent-recipient');
          if (ids.length > 0 && (!recipient || ids.indexOf(recipient) >= 0)) run(old);
        });
        if (ids.length > 0) announce(allowed, true);
      });
  }

  function close() {
    if (root) root.remove();
    root = null;
    if (returnFocus && returnFocus.focus) returnFocus.focus();
  }

  function choose(categories) {
    return send({ method: 'banner', policyVersion: state.notice.policyVersion, noticeHash: state.notice.noticeHash, categories: categories, gpc: gpcOn() })
      .then(function (r) { if (!r.ok) throw new Error('consent not recorded'); return r.json(); })
      .then(function (s) { state = s; if (embedded) keepVisitor(s.visitorId); close(); activate(); })
      .catch(function () { var m = root && root.querySelector('[data-consent-error]'); if (m) m.textContent = 'Your choice could not be saved. Please try again.'; });
  }

  function all(value) {
    var out = {};
    state.notice.categories.forEach(function (c) { if (!c.required) out[c.id] = value && !(c.id === 'advertising' && gpcOn() && state.notice.gpcHonoured); });
    return out;
  }

  var buttonStyle = 'font:inherit;padding:.5rem 1rem;border:2px solid #1a3d6d;background:#fff;color:#1a3d6d;border-radius:4px;cursor:pointer;min-width:8rem';

  function open(showChoices) {
    if (!state) return;
    if (root) root.remove();
    returnFocus = document.activeElement;
    var optional = state.notice.categories.filter(function (c) { return !c.required; });
    var boxes = el('div', { hidden: '' }, optional.map(function (c) {
      var box = el('input', { type: 'checkbox', id: 'mv-consent-' + c.id, name: c.id });
      box.checked = state.categories[c.id] === true;
      var gpcBlocked = c.id === 'advertising' && gpcOn() && state.notice.gpcHonoured;
      if (gpcBlocked) { box.checked = false; box.disabled = true; }
      var names = c.cookies.map(function (k) { return k.name + ' (' + k.provider + ', ' + k.lifetime + ')'; }).join(', ');
      return el('p', {}, [box, el('label', { for: 'mv-consent-' + c.id, text: ' ' + c.title + ': ' + c.explanation + ' ' + names + (gpcBlocked ? ' Off: your browser sends Global Privacy Control.' : '') })]);
    }));
    var save = el('button', { type: 'button', style: buttonStyle, text: 'Save choices', hidden: '' });
    save.addEventListener('click', function () {
      var out = {};
      optional.forEach(function (c) { out[c.id] = document.getElementById('mv-consent-' + c.id).checked; });
      choose(out);
    });
    var accept = el('button', { type: 'button', style: buttonStyle, text: 'Accept all' });
    var reject = el('button', { type: 'button', style: buttonStyle, text: 'Reject all' });
    var pick = el('button', { type: 'button', style: buttonStyle, text: 'Choose', 'aria-expanded': 'false' });
    accept.addEventListener('click', function () { choose(all(true)); });
    reject.addEventListener('click', function () { choose(all(false)); });
    function expand() { boxes.hidden = false; save.hidden = false; pick.setAttribute('aria-expanded', 'true'); var first = boxes.querySelector('input:not([disabled])'); if (first) first.focus(); }
    pick.addEventListener('click', expand);
    var heading = el('h2', { id: 'mv-consent-title', tabindex: '-1', text: 'Cookies on this site', style: 'margin:0 0 .5rem;font-size:1.2rem' });
    root = el('div', { role: 'dialog', 'aria-labelledby': 'mv-consent-title', 'aria-describedby': 'mv-consent-text', 'data-meshvault-banner': '', style: 'position:fixed;left:1rem;right:1rem;bottom:1rem;max-width:44rem;margin:auto;background:#fff;color:#111;border:2px solid #1a3d6d;border-radius:8px;padding:1rem;box-shadow:0 4px 24px rgba(0,0,0,.25);z-index:2147483647;font:16px/1.4 system-ui,sans-serif' }, [
      heading,
      el('p', { id: 'mv-consent-text', text: state.notice.text + (gpcOn() && state.notice.gpcHonoured ? ' Your browser sends Global Privacy Control: we treat it as an opt-out of sale, sharing and targeted advertising.' : '') }),
      boxes,
      el('p', { 'data-consent-error': '', role: 'alert', style: 'color:#a00' }),
      el('div', { style: 'display:flex;flex-wrap:wrap;gap:.5rem' }, [accept, reject, pick, save]),
    ]);
    root.addEventListener('keydown', function (e) { if (e.key === 'Escape' && state.decided) close(); });
    document.body.appendChild(root);
    heading.focus();
    if (showChoices) expand();
  }

  function start() {
    load()
      .then(function (r) { return r.json(); })
      .then(function (s) {
        state = s;
        var optional = s.notice.categories.some(function (c) { return !c.required; });
        if (optional && !s.decided) open(false); else activate();
      });
    document.addEventListener('click', function (e) {
      var t = e.target && e.target.closest && e.target.closest('[data-consent-settings]');
      if (t) { e.preventDefault(); open(true); }
    });
  }

  window.meshvaultConsent = { open: function () { open(true); } };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
`;
