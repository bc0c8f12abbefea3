// t08-bell.mjs: the bell's count goes up when someone else gives the
// supervisor a case; /notifications lists it and marks it read.
import { URL_BASE, check, shot, freshPage, signIn, ensureSignedIn, run, scriptErrors } from './lib.mjs';

const tag = String(Date.now()).slice(-6);
const count = async (page) => Number(((await page.textContent('.bell-count')) || '').trim());

await run('the bell browser test', async (browser) => {
  const sup = await freshPage(browser);
  await signIn(sup.page, 'supervisor', 'supervisor-demo');
  await ensureSignedIn(sup.page, 'supervisor', 'supervisor-demo');
  const before = await count(sup.page);

  const ag = await freshPage(browser);
  await signIn(ag.page, 'agente', 'agente-demo');
  await ensureSignedIn(ag.page, 'agente', 'agente-demo');
  await ag.page.goto(`${URL_BASE}/cases/new`);
  await ag.page.fill('#subject', `Sin conexión en la sede norte ${tag}`);
  await ag.page.fill('#description', 'Desde esta mañana no hay servicio.');
  await ag.page.selectOption('#area', { label: 'Soporte técnico' });
  await ag.page.selectOption('#assignee', { label: 'Sergio Supervisor' });
  await ag.page.fill('#requester_first_name', 'Rosa');
  await Promise.all([ag.page.waitForNavigation(), ag.page.click('form.case-form button[type="submit"].primary')]);

  await check('the supervisor\'s bell count goes up by one (assigned, and subscribed to the area: told once)', async () => {
    await sup.page.reload();
    const after = await count(sup.page);
    return after === before + 1 || `before ${before}, after ${after}`;
  });
  await shot(sup.page, 'bell.png');
  await check('/notifications lists the case with its number, newest first, unread', async () => {
    await sup.page.click('a.bell');
    const first = ((await sup.page.textContent('ul.alerts li:first-child')) || '').replace(/\s+/g, ' ');
    return (first.includes(tag) && first.includes('Sin leer')) || first;
  });
  await shot(sup.page, 'notifications.png', { fullPage: true });
  await check('marking it read opens the case and the count goes down', async () => {
    const n = await count(sup.page);
    await Promise.all([sup.page.waitForNavigation(), sup.page.click('ul.alerts li:first-child button')]);
    const after = await count(sup.page);
    return (sup.page.url().includes('/cases/') && after === n - 1) || `${sup.page.url()} ${n} -> ${after}`;
  });
  await check('no script errors on the bell screens', async () => scriptErrors(sup.page));
  await sup.context.close();
  await ag.context.close();
});
