// t01-signin.mjs: signing in, in Debian's headless Chromium.
//
// Run by tests/run.sh as `node tests/browser/t01-signin.mjs` from the repo
// root, with ATIENDE_URL (the running test stack) and ATIENDE_VAR. Prints one
// line per check, "ok - …" or "not ok - …" (details follow as "#   …" lines);
// the runner counts them. Screenshots go to tests/browser/screenshots/ and to
// $ATIENDE_VAR/log/.
import { URL_BASE, PHONE, DESKTOP, ok, notOk, check, shot, freshPage, signIn, ensureSignedIn,
  path, noHorizontalScroll, launch } from './lib.mjs';

const browser = await launch();
if (!browser) process.exit(0);

try {
  // 1. The login page, in Spanish, with its stylesheet and script.
  {
    const { context, page } = await freshPage(browser);
    let status = 0;
    await check('the login page answers 200', async () => {
      const res = await page.goto(`${URL_BASE}/login`);
      status = res.status();
      return status === 200 || `status ${status}`;
    });
    await check('the login page renders with the Spanish title "Iniciar sesión"', async () => {
      const title = await page.title();
      const h1 = (await page.textContent('h1')).trim();
      return (h1 === 'Iniciar sesión' && title.startsWith('Iniciar sesión')) || `h1 "${h1}", title "${title}"`;
    });
    await check('the stylesheet is applied (dark header bar, styled primary button)', async () => {
      const s = await page.evaluate(() => ({
        head: getComputedStyle(document.querySelector('header.top')).backgroundColor,
        button: getComputedStyle(document.querySelector('button.primary')).backgroundColor,
      }));
      return (s.head === 'rgb(31, 42, 59)' && s.button === 'rgb(29, 78, 216)') || JSON.stringify(s);
    });
    await check('the skip link is hidden until focused', async () => {
      const box = await page.locator('a.skip').boundingBox();
      return (box && box.y + box.height <= 0) || `skip link box ${JSON.stringify(box)}`;
    });
    await shot(page, 'login.png');
    await check('the login page has no console errors or CSP violations', async () =>
      page.errors.length === 0 || page.errors.join('\n'));
    await context.close();
  }

  // 2. Signing in as the demo administrator lands on the home page.
  {
    const { context, page } = await freshPage(browser);
    await check('signing in as admin/admin-demo lands on "/"', async () => {
      await signIn(page, 'admin', 'admin-demo');
      if (path(page) === '/') return true;
      const h1 = (await page.locator('h1').first().textContent().catch(() => '')).trim();
      return `landed on ${page.url()}, h1 "${h1}"`;
    });
    await ensureSignedIn(page, 'admin', 'admin-demo');
    page.errors.length = 0;
    await check('the home heading greets "Ana Administradora"', async () => {
      const h1 = (await page.textContent('h1')).trim();
      return h1.includes('Ana Administradora') || `h1 "${h1}"`;
    });
    await check('the header marks the current page with aria-current and shows the user', async () => {
      const current = await page.locator('nav.nav a[aria-current="page"]').getAttribute('href');
      const me = (await page.textContent('header .me')).replace(/\s+/g, ' ').trim();
      return (current === '/' && me.includes('Ana Administradora')) || `current ${current}, me "${me}"`;
    });
    await check('the home page shows its cards', async () => {
      const n = await page.locator('.cards .card').count();
      return n > 0 || `${n} cards`;
    });
    await check('a screenshot of the home page is saved (screenshots/home.png and $ATIENDE_VAR/log/home.png)', async () => {
      const file = await shot(page, 'home.png', { fullPage: true });
      return Boolean(file);
    });
    await check('keyboard: Tab from the top of the page focuses the skip link first', async () => {
      await page.goto(`${URL_BASE}/`);
      await page.keyboard.press('Tab');
      const f = await page.evaluate(() => {
        const a = document.activeElement;
        const r = a.getBoundingClientRect();
        return { cls: a.className, href: a.getAttribute('href'), top: r.top, bottom: r.bottom };
      });
      return (f.cls === 'skip' && f.href === '#main' && f.top >= 0 && f.bottom > 0) ||
        `focused ${JSON.stringify(f)}`;
    });
    await shot(page, 'home-skip-focus.png', { clip: { x: 0, y: 0, width: 640, height: 120 } });
    await check('keyboard: the skip link moves to the main content', async () => {
      await page.keyboard.press('Enter');
      const hash = new URL(page.url()).hash;
      return hash === '#main' || `hash "${hash}"`;
    });
    await check('the home page has no console errors or CSP violations', async () =>
      page.errors.length === 0 || page.errors.join('\n'));
    await check('data-confirm: cancelling the question keeps the form from being sent', async () => {
      await page.goto(`${URL_BASE}/`);
      await page.evaluate(() => {
        const f = document.createElement('form');
        f.method = 'get';
        f.action = '/no-such-page';
        f.setAttribute('data-confirm', '¿Seguro?');
        f.innerHTML = '<button type="submit" id="t-confirm">Enviar</button>';
        document.querySelector('main').append(f);
      });
      let asked = '';
      page.once('dialog', (d) => { asked = d.message(); d.dismiss(); });
      await page.click('#t-confirm');
      await page.waitForTimeout(300);
      return (asked === '¿Seguro?' && path(page) === '/') || `asked "${asked}", at ${page.url()}`;
    });
    await check('data-confirm: accepting the question sends the form', async () => {
      page.once('dialog', (d) => d.accept());
      await Promise.all([page.waitForNavigation(), page.click('#t-confirm')]);
      return path(page) === '/no-such-page' || `at ${page.url()}`;
    });
    await context.close();
  }

  // 3. A wrong password.
  {
    const { context, page } = await freshPage(browser);
    await check('a wrong password shows "Usuario o contraseña incorrectos."', async () => {
      await signIn(page, 'admin', 'not-the-password');
      const el = page.locator('.alert[role="alert"]');
      if (await el.count() === 0) return `no alert; at ${page.url()}, h1 "${(await page.textContent('h1')).trim()}"`;
      const alert = (await el.textContent()).trim();
      return (path(page) === '/login' && alert === 'Usuario o contraseña incorrectos.') ||
        `at ${page.url()}, alert "${alert}"`;
    });
    await check('after a wrong password the login field is marked invalid and keeps its value', async () => {
      const s = await page.evaluate(() => {
        const i = document.getElementById('login');
        if (!i) return 'no login field on this page';
        return { invalid: i.getAttribute('aria-invalid'), value: i.value, border: getComputedStyle(i).borderTopColor };
      });
      if (typeof s === 'string') return s;
      return (s.invalid === 'true' && s.value === 'admin' && s.border === 'rgb(180, 35, 24)') || JSON.stringify(s);
    });
    await shot(page, 'login-error.png');
    await context.close();
  }

  // 4. The language switch.
  {
    const { context, page } = await freshPage(browser);
    await check('the "EN" link switches the login page to English ("Sign in")', async () => {
      await page.goto(`${URL_BASE}/login`);
      await Promise.all([page.waitForNavigation(), page.click('.langs a[hreflang="en"]')]);
      const h1 = (await page.textContent('h1')).trim();
      const lang = await page.getAttribute('html', 'lang');
      return (h1 === 'Sign in' && lang === 'en') || `h1 "${h1}", lang "${lang}"`;
    });
    await check('English stays chosen on the next page', async () => {
      await page.goto(`${URL_BASE}/login`);
      const h1 = (await page.textContent('h1')).trim();
      return h1 === 'Sign in' || `h1 "${h1}"`;
    });
    await shot(page, 'login-en.png');
    await context.close();
  }

  // 5. A phone: 360 x 740.
  {
    const { context, page } = await freshPage(browser, PHONE);
    await page.goto(`${URL_BASE}/login`);
    await check('the login page at 360x740 has no horizontal scrollbar', () => noHorizontalScroll(page, PHONE.width));
    await shot(page, 'login-mobile.png');
    await check('the home page at 360x740 has no horizontal scrollbar', async () => {
      await signIn(page, 'admin', 'admin-demo');
      await ensureSignedIn(page, 'admin', 'admin-demo');
      if (path(page) !== '/') return `not signed in: at ${page.url()}`;
      return noHorizontalScroll(page, PHONE.width);
    });
    await shot(page, 'home-mobile.png', { fullPage: true });
    await context.close();
  }

  // 6. The 404 page.
  {
    const { context, page } = await freshPage(browser);
    await check('/no-such-page answers 404 with the error page', async () => {
      const res = await page.goto(`${URL_BASE}/no-such-page`);
      const code = (await page.textContent('.error-page .status-code')).trim();
      return (res.status() === 404 && code === '404') || `status ${res.status()}, code "${code}"`;
    });
    await shot(page, 'error-404.png');
    await context.close();
  }
} catch (e) {
  notOk('the browser test ran to its end', e && e.stack ? e.stack : e);
} finally {
  await browser.close().catch(() => {});
}
