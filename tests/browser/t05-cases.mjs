// t05-cases.mjs: an agent registers a case through the form (a refused
// attempt first), changes its status with a note, closes it; screenshots of
// the list and the view.
import { URL_BASE, check, shot, freshPage, signIn, ensureSignedIn, path, run, scriptErrors } from './lib.mjs';

const text = async (page, sel) => ((await page.textContent(sel)) || '').replace(/\s+/g, ' ').trim();
const tag = String(Date.now()).slice(-6);
const subject = `Cobro duplicado en la factura ${tag}`;

await run('the cases browser test', async (browser) => {
  const { context, page } = await freshPage(browser);
  await signIn(page, 'agente', 'agente-demo');
  await ensureSignedIn(page, 'agente', 'agente-demo');

  await page.goto(`${URL_BASE}/cases/new`);
  await page.fill('#subject', subject);
  await page.fill('#description', 'El cliente ve dos cobros del mismo servicio en su factura de noviembre.');
  await check('a case without area and requester is refused with messages next to the fields', async () => {
    await Promise.all([page.waitForNavigation(), page.click('form.case-form button[type="submit"].primary')]);
    const area = await text(page, '#err-area');
    const subj = await page.inputValue('#subject');
    return (area.length > 0 && subj === subject) || `area error "${area}", subject "${subj}"`;
  });
  await page.selectOption('#area', { label: 'Reclamos' });
  await page.selectOption('#priority', { label: 'Alta' });
  await page.selectOption('#assignee', { label: 'Alicia Agente' });
  await page.fill('#requester_first_name', 'Pedro');
  await page.fill('#requester_last_name', 'Páez');
  await page.fill('#requester_email', `pedro.${tag}@example.com`);
  await page.fill('#start_at', '2026-11-01');
  await page.fill('#close_at', '2026-12-15');
  await page.fill('#note', 'Solicitar copia de la factura y del extracto.');
  await check('registering the case opens it with its number and the initial status', async () => {
    await Promise.all([page.waitForNavigation(), page.click('form.case-form button[type="submit"].primary')]);
    const head = await text(page, '.case-head');
    return (/^\/cases\/\d+$/.test(path(page)) && /\d{4}-\d{6}/.test(head) && head.includes('NEW')) ||
      `${path(page)}: ${head}`;
  });
  const casePath = path(page);

  await page.selectOption('#status', { label: 'PRO · En proceso' });
  await page.fill('#note', 'Se pidió el extracto al área de facturación.');
  await check('changing the status with a note puts it in the status history', async () => {
    await Promise.all([page.waitForNavigation(), page.click('#update button[type="submit"].primary')]);
    const hist = await text(page, '#status-history');
    return (hist.includes('PRO') && hist.includes('Se pidió el extracto')) || hist;
  });
  await shot(page, 'case.png', { fullPage: true });

  page.once('dialog', (d) => d.accept());
  await page.click('.case-actions a[href="#close"]');     // the header's "Cerrar caso" opens its panel
  await page.fill('#resolution', 'Se anuló el cobro duplicado y se emitió la nota crédito.');
  await check('closing the case (confirmed) goes to the dashboard, and the case shows CLO with its resolution', async () => {
    await Promise.all([page.waitForNavigation(), page.click('#close button[type="submit"]')]);
    if (path(page) !== '/') return `after closing: ${path(page)}`;
    await page.goto(`${URL_BASE}${casePath}`);
    const head = await text(page, '.case-head');
    const summary = await text(page, '#summary');
    return (head.includes('CLO') && summary.includes('nota crédito')) || head;
  });
  await shot(page, 'case-closed.png', { fullPage: true });

  await check('the list finds the case by a word of its subject', async () => {
    await page.goto(`${URL_BASE}/cases?q=duplicado+${tag}`);
    return (await text(page, 'table.cases')).includes(subject);
  });
  await page.goto(`${URL_BASE}/cases`);
  await shot(page, 'cases.png', { fullPage: true });
  await check('the case page answers for its path', async () => (await page.goto(`${URL_BASE}${casePath}`)).status() === 200);
  await check('no script errors on the case screens', async () => scriptErrors(page));
  await context.close();
});
