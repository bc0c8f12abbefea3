// t09-portal.mjs: a customer opens a case with a file in the portal (after
// one refused attempt), sees it with its number, adds information, prints
// it, and finds it in the list on a 360 px phone; screenshots of each page.
import { URL_BASE, PHONE, check, shot, freshPage, path, run, scriptErrors, noHorizontalScroll } from './lib.mjs';

const text = async (page, sel) => ((await page.textContent(sel)) || '').replace(/\s+/g, ' ').trim();
const tag = String(Date.now()).slice(-6);
const file = (name, size) => ({ name, mimeType: 'application/pdf', buffer: Buffer.alloc(size, 65) });

async function portalSignIn(page) {
  await page.goto(`${URL_BASE}/login`);
  await page.fill('#login', 'cliente');
  await page.fill('#password', 'cliente-demo');
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"].primary')]);
  if (path(page) !== '/portal/cases') {
    console.log('#   (signing in through the request API for the checks that follow)');
    await page.context().request.post(`${URL_BASE}/login`, { form: { login: 'cliente', password: 'cliente-demo' } });
  }
}

await run('the portal browser test', async (browser) => {
  const { page } = await freshPage(browser);
  await portalSignIn(page);

  await check('a customer lands on their portal list after signing in', async () =>
    path(page) === '/portal/cases' || path(page));

  await page.goto(`${URL_BASE}/portal/cases/new`);
  await shot(page, 'portal-new.png', { fullPage: true });
  await check('a title of blanks is refused with the message next to the field', async () => {
    await page.fill('#title', '   ');
    await page.fill('#description', 'La factura de octubre llegó con un valor que no corresponde.');
    await Promise.all([page.waitForNavigation(), page.click('form button[type="submit"].primary')]);
    const err = await text(page, '#err-title');
    const kept = await page.inputValue('#description');
    return (err.includes('título') && kept.includes('octubre')) || `error "${err}", description "${kept}"`;
  });

  await check('a file over 1 MB is refused in the browser before it is sent', async () => {
    await page.setInputFiles('#file', file('grande.pdf', 1048577));
    return page.$eval('#file', (el) => el.validity.valid === false || 'still valid');
  });

  await page.fill('#title', `Factura con valor errado ${tag}`);
  await page.setInputFiles('#file', file(`factura-${tag}.pdf`, 20000));
  await Promise.all([page.waitForNavigation(), page.click('form button[type="submit"].primary')]);
  const casePath = path(page);

  await check('after sending, the customer sees the case with its number, pending, and the file', async () => {
    const notice = await text(page, '.notice');
    const number = (await text(page, 'h1 .muted'));
    const state = await text(page, '.badge');
    const files = await text(page, '#notes');
    return (/^\/portal\/cases\/\d+$/.test(casePath) && /^\d{4}-\d{6}$/.test(number) && notice.includes(number) &&
            state === 'Pendiente' && files.includes(`factura-${tag}.pdf`)) ||
      `${casePath} | ${notice} | ${number} | ${state} | ${files}`;
  });
  await shot(page, 'portal-case-created.png', { fullPage: true });

  await check('adding information shows it in the comments', async () => {
    await page.fill('#body', `Adjunto la factura anterior para comparar ${tag}.`);
    await page.setInputFiles('#add input[type="file"]', file(`anterior-${tag}.pdf`, 3000));
    await Promise.all([page.waitForNavigation(), page.click('#add button[type="submit"]')]);
    const notes = await text(page, '#notes');
    return (notes.includes(`Adjunto la factura anterior para comparar ${tag}.`) && notes.includes(`anterior-${tag}.pdf`)) || notes;
  });
  await shot(page, 'portal-case-info.png', { fullPage: true });

  await check('a pending case offers "Imprimir" and it opens a clean printable page', async () => {
    await Promise.all([page.waitForNavigation(), page.click('a.button[href$="/print"]')]);
    const h1 = await text(page, 'h1');
    const nav = await page.$('header.top');
    return (path(page) === `${casePath}/print` && h1.includes(`Factura con valor errado ${tag}`) && !nav) ||
      `${path(page)} | ${h1} | nav ${!!nav}`;
  });
  await page.emulateMedia({ media: 'print' });
  await check('in print the buttons are hidden', async () =>
    page.$eval('.print-bar', (el) => getComputedStyle(el).display === 'none' || 'print bar shown'));
  await shot(page, 'portal-print.png', { fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  await check('no script errors or CSP violations on the portal pages', async () => scriptErrors(page));

  const phone = await freshPage(browser, PHONE);
  await portalSignIn(phone.page);
  await phone.page.goto(`${URL_BASE}/portal/cases`);
  await check('the list shows the new case as Pendiente on a 360 px phone', async () => {
    const list = await text(phone.page, 'table.portal-cases');
    return (list.includes(`Factura con valor errado ${tag}`) && list.includes('Pendiente')) || list;
  });
  await check('...without sideways scrolling', async () => noHorizontalScroll(phone.page, 360));
  await shot(phone.page, 'portal-list-phone.png', { fullPage: true });
  await phone.page.goto(`${URL_BASE}${casePath}`);
  await check('the case view fits a 360 px phone too', async () => noHorizontalScroll(phone.page, 360));
  await shot(phone.page, 'portal-case-phone.png', { fullPage: true });
});
