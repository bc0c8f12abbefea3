// lib.mjs: what the browser tests share: the stack's URL, ok/not ok lines,
// screenshots, fresh pages, signing in and launching Debian's Chromium.
import { chromium } from 'playwright-core';
import { mkdirSync, copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const URL_BASE = (process.env.ATIENDE_URL || 'http://127.0.0.1:18080').replace(/\/$/, '');
const VAR = process.env.ATIENDE_VAR || '';
const SHOTS = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 360, height: 740 };

export function ok(what) { console.log(`ok - ${what}`); }
export function notOk(what, why) {
  console.log(`not ok - ${what}`);
  if (!why) return;
  const text = String(why).replace(/\x1b\[[0-9;]*m/g, '');   // Playwright colours its call logs
  for (const line of text.split('\n').slice(0, 8)) console.log(`#   ${line}`);
}

// check(what, fn): ok when fn returns true; anything else is not ok, and a
// returned string (or a thrown error's message) is printed as the reason.
export async function check(what, fn) {
  try {
    const r = await fn();
    if (r === true) ok(what);
    else notOk(what, typeof r === 'string' ? r : `got ${JSON.stringify(r)}`);
  } catch (e) {
    notOk(what, e && e.message ? e.message : e);
  }
}

export async function shot(page, name, opts = {}) {
  mkdirSync(SHOTS, { recursive: true });
  const file = join(SHOTS, name);
  await page.screenshot({ path: file, ...opts });
  if (VAR) {
    try {
      mkdirSync(join(VAR, 'log'), { recursive: true });
      copyFileSync(file, join(VAR, 'log', name));
    } catch (e) {
      console.log(`# could not copy ${name} to ${VAR}/log: ${e.message}`);
    }
  }
  return file;
}

// A fresh context (no cookies) and page; console errors and CSP violations are
// collected so a check can say there were none.
export async function freshPage(browser, viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, locale: 'es-ES' });
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(`console: ${m.text()}`); });
  page.on('requestfailed', (r) => page.errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  return { context, page };
}

export async function signIn(page, login, password) {
  await page.goto(`${URL_BASE}/login`);
  await page.fill('#login', login);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"].primary')]);
}

// When the browser's own form post did not sign in, the later checks still
// need a session: sign in through Playwright's request API (same cookie jar,
// no Origin header), so one failure does not hide what the other checks see.
export async function ensureSignedIn(page, login, password) {
  if (path(page) === '/') return;
  console.log('#   (signing in through the request API for the checks that follow)');
  await page.context().request.post(`${URL_BASE}/login`, { form: { login, password, next: '/' } });
  await page.goto(`${URL_BASE}/`);
}

export const path = (page) => new URL(page.url()).pathname;

// The signed-in page's session as a JSON client (same cookies): get(path) and
// post(path, form) with the session's CSRF token, both answering parsed JSON.
// For preparing data a test is not about.
export async function jsonApi(page) {
  const api = page.context().request;
  const json = { Accept: 'application/json' };
  const get = async (p) => (await api.get(`${URL_BASE}${p}`, { headers: json })).json();
  const csrf = (await get('/')).Session.csrf;
  const post = async (p, form) => (await api.post(`${URL_BASE}${p}`, { form: { ...form, csrf }, headers: json })).json();
  return { get, post };
}
export const noHorizontalScroll = (page, width) =>
  page.evaluate((w) => {
    const sw = document.documentElement.scrollWidth;
    return sw <= w ? true : `scrollWidth ${sw} > ${w}`;
  }, width);

// Debian's Chromium, headless; null (and a not ok line) when it cannot start.
export async function launch() {
  try {
    return await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
  } catch (e) {
    notOk('headless Chromium starts', e.message);
    return null;
  }
}

// The page's script errors, less the 422 answers a refused form gets on
// purpose and the icon requests a navigation aborts.
export function scriptErrors(page) {
  const errors = page.errors.filter((e) => !/status of 422|ERR_ABORTED/.test(e));
  return errors.length === 0 || errors.join('; ');
}

// Runs the body of a browser test with a launched browser, reporting a crash
// as a failed check and always closing the browser.
export async function run(name, body) {
  const browser = await launch();
  if (!browser) return;
  try {
    await body(browser);
  } catch (e) {
    notOk(`${name} ran to its end`, e && e.stack ? e.stack : e);
  } finally {
    await browser.close().catch(() => {});
  }
}
