// t06-activities.mjs: an agent adds two activities through the case view
// (a refused one first), sees the totals, marks one done in /tasks;
// screenshots of the case's activities and of /tasks.
import { URL_BASE, check, shot, freshPage, signIn, ensureSignedIn, path, run, scriptErrors } from './lib.mjs';

const text = async (page, sel) => ((await page.textContent(sel)) || '').replace(/\s+/g, ' ').trim();
const today = new Date().toISOString().slice(0, 10);
const tag = String(Date.now()).slice(-6);

async function addActivity(page, fields) {
  await page.click('nav.tabs a[href="#activities"]');
  await page.click('#activities summary');
  for (const [name, value] of Object.entries(fields)) {
    await page.fill(`#activities form [name="${name}"]`, value);
  }
  await Promise.all([page.waitForNavigation(), page.click('#activities form button[type="submit"].primary')]);
}

await run('the activities browser test', async (browser) => {
  const { context, page } = await freshPage(browser);
  await signIn(page, 'agente', 'agente-demo');
  await ensureSignedIn(page, 'agente', 'agente-demo');

  // A case of this run, assigned to the agent.
  await page.goto(`${URL_BASE}/cases/new`);
  await page.fill('#subject', `Instalación pendiente ${tag}`);
  await page.fill('#description', 'El técnico no llegó a la cita de instalación.');
  await page.selectOption('#area', { label: 'Soporte técnico' });
  await page.selectOption('#assignee', { label: 'Alicia Agente' });
  await page.fill('#requester_first_name', 'Lucía');
  await Promise.all([page.waitForNavigation(), page.click('form.case-form button[type="submit"].primary')]);
  const casePath = path(page);

  await check('an activity whose end is before its start is refused with the message', async () => {
    await addActivity(page, { description: 'Llamar al cliente', date: today, start_time: '10:00', end_time: '09:30' });
    const err = await text(page, '#err-end_time');
    return err.includes('posterior') || `error "${err}"`;
  });
  await page.goto(`${URL_BASE}${casePath}`);
  await addActivity(page, { description: `Llamar para reprogramar ${tag}`, date: today, start_time: '09:00', end_time: '09:30', due_at: today });
  await page.goto(`${URL_BASE}${casePath}`);
  await page.click('nav.tabs a[href="#activities"]');
  await page.click('#activities summary');
  await page.check('#activities form input[type="checkbox"][name="billable"]');
  await page.fill('#activities form [name="description"]', `Visita de instalación ${tag}`);
  await page.fill('#activities form [name="date"]', today);
  await page.fill('#activities form [name="start_time"]', '14:00');
  await page.fill('#activities form [name="end_time"]', '16:15');
  await Promise.all([page.waitForNavigation(), page.click('#activities form button[type="submit"].primary')]);

  await check('the case shows both activities with 2.75 hours worked and 2.25 billable', async () => {
    await page.goto(`${URL_BASE}${casePath}#activities`);
    const totals = await text(page, '#activities .totals');
    const rows = await page.$$eval('#activities tbody tr', (trs) => trs.length);
    return (rows === 2 && totals.includes('2.75') && totals.includes('2.25')) || `${rows} rows; ${totals}`;
  });
  await shot(page, 'case-with-activities.png', { fullPage: true });

  await check('/tasks lists the open activities of the agent', async () => {
    await page.goto(`${URL_BASE}/tasks`);
    const t = await text(page, 'table.grid');
    return (t.includes(`Llamar para reprogramar ${tag}`) && t.includes(`Visita de instalación ${tag}`)) || t;
  });
  await shot(page, 'tasks.png', { fullPage: true });

  await check('marking one done from /tasks takes it off the list', async () => {
    const row = page.locator('table.grid tbody tr', { hasText: `Llamar para reprogramar ${tag}` });
    await Promise.all([page.waitForNavigation(), row.locator('button').click()]);
    const t = await text(page, 'table.grid');
    return !t.includes(`Llamar para reprogramar ${tag}`) || t;
  });
  await check('no script errors on the activity screens', async () => scriptErrors(page));
  await context.close();
});
