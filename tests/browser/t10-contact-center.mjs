// t10-contact-center.mjs: an agent's day in the contact center (manual 003).
// The agent opens a case of the collections campaign from the pending list
// (EN GESTIÓN, which a supervisor sees), reads the script, goes through every
// tab, records a management (an outcome that needs a next date is refused
// without one first), sets the next management and exits (EN ESPERA, also for
// the supervisor). Screenshots of the dashboard, the pending list, each tab and
// the supervisor's agents page.
import { URL_BASE, jsonApi, check, shot, freshPage, signIn, ensureSignedIn, path, run, scriptErrors } from './lib.mjs';

const text = async (page, sel) => ((await page.textContent(sel)) || '').replace(/\s+/g, ' ').trim();
const tag = String(Date.now()).slice(-6);
const TABS = ['summary', 'conversation', 'customer', 'contact', 'history', 'script', 'attachments'];

// The agent's row on the supervisor's page, as text.
async function agentRow(sup) {
  await sup.goto(`${URL_BASE}/supervisor/agents`);
  const rows = await sup.$$eval('table tbody tr', (trs) => trs.map((tr) => tr.textContent.replace(/\s+/g, ' ').trim()));
  return rows.find((r) => r.includes('Alicia Agente')) || rows.join(' | ');
}

// A case of this run through the API (the registration form has its own test):
// a customer with a mobile, the collections campaign, assigned to the agent.
async function prepareCase(page) {
  const { get, post } = await jsonApi(page);
  const options = (await get('/cases/new')).Options;
  const campaign = options.campaigns.find((c) => c.name === 'Cobranza cartera vencida').id;
  const area = options.areas[0].id;
  const agent = options.users.find((u) => u.name === 'Alicia Agente').id;
  const customer = (await post('/customers', { kind: 'person', first_name: 'Rosa', first_surname: `Mora ${tag}` })).Customer.id;
  await post(`/customers/${customer}/contact-data`, { type: 'mobile', value: '3105550101', label: 'personal', preferred: '1' });
  const c = await post('/cases', { subject: `Cuota vencida de octubre ${tag}`, description: 'La cuota 10 del crédito lleva 35 días vencida.',
    area, campaign, customer, assignee: agent });
  return c.Case;
}

await run('the contact-center browser test', async (browser) => {
  const ag = await freshPage(browser);
  const sup = await freshPage(browser);
  await signIn(ag.page, 'agente', 'agente-demo');
  await ensureSignedIn(ag.page, 'agente', 'agente-demo');
  await signIn(sup.page, 'supervisor', 'supervisor-demo');
  await ensureSignedIn(sup.page, 'supervisor', 'supervisor-demo');
  const page = ag.page;
  const kase = await prepareCase(page);

  await page.goto(`${URL_BASE}/`);
  await check('the dashboard offers the next case to work', async () =>
    (await page.$('a.work[href^="/cases/"]')) !== null || await text(page, 'main'));
  await shot(page, 'cc-dashboard.png', { fullPage: true });

  await page.goto(`${URL_BASE}/cases/pending`);
  await shot(page, 'cc-pending.png', { fullPage: true });
  await check('the pending list has the case, and opening it from there shows it', async () => {
    // a new unscheduled case comes last: after the other tests' cases, maybe pages on
    for (let n = 2; !(await page.$(`a[href="/cases/${kase.id}"]`)) && n <= 40; n++) {
      await page.goto(`${URL_BASE}/cases/pending?page=${n}`);
    }
    await Promise.all([page.waitForNavigation(), page.click(`a[href="/cases/${kase.id}"]`)]);
    return path(page) === `/cases/${kase.id}` || path(page);
  });
  await check('the agent is EN GESTIÓN on the case (header)', async () => {
    const badge = await text(page, 'a.presence');
    return (badge.includes('EN GESTIÓN') && badge.includes(kase.number)) || badge;
  });
  await check('the supervisor sees the agent EN GESTIÓN on that case', async () => {
    const row = await agentRow(sup.page);
    return (row.includes('EN GESTIÓN') && row.includes(kase.number)) || row;
  });
  await shot(sup.page, 'cc-agents-working.png', { fullPage: true });

  for (const tab of TABS) {
    await page.click(`nav.tabs a[href="#${tab}"]`);
    await check(`the ${tab} tab shows its panel alone`, async () => {
      const shown = await page.$$eval('.tab-panel', (ps) => ps.filter((p) => !p.hidden).map((p) => p.id));
      return (shown.length === 1 && shown[0] === tab) || shown.join(',');
    });
    await shot(page, `cc-tab-${tab}.png`, { fullPage: true });
  }
  await page.click('nav.tabs a[href="#script"]');
  await check('the script tab shows the campaign\'s script, rendered', async () => {
    const html = await page.innerHTML('#script .script');
    return (/<(p|h[1-3]|li|strong)>/.test(html) && !html.includes('**')) || html.slice(0, 200);
  });
  await page.click('nav.tabs a[href="#contact"]');
  await check('the contact tab offers the mobile as a click-to-call link', async () =>
    (await page.$('#contact a[href="tel:3105550101"]')) !== null);

  // The management form, typed while moving between tabs: an outcome that
  // needs a next date, sent without one (the browser's own check set aside),
  // is refused next to the date and keeps what was typed.
  const levels = '#manage .cascade select';
  await page.selectOption(`${levels} >> nth=0`, { label: 'No contactado ›' });
  await page.selectOption(`${levels} >> nth=1`, { label: 'Buzón de voz (requiere fecha)' }).catch(async () =>
    page.selectOption(`${levels} >> nth=1`, { index: 1 }));
  await page.fill('#manage-observations', `Buzón de voz; se dejó mensaje ${tag}`);
  await page.click('nav.tabs a[href="#history"]');
  await check('what was typed in the management form stays while the tabs change', async () =>
    (await page.inputValue('#manage-observations')).includes(tag));
  await page.$eval('#manage-next', (el) => { el.required = false; });
  await Promise.all([page.waitForNavigation(), page.click('#manage button[type="submit"]')]);
  await check('an outcome that needs a next date is refused without one, next to the date', async () => {
    const err = await text(page, '#manage');
    return (err.includes('fecha') && (await page.inputValue('#manage-observations')).includes(tag)) || err;
  });
  await shot(page, 'cc-manage-refused.png', { fullPage: true });

  const tomorrow = new Date(Date.now() + 86400000).toISOString().slice(0, 10);
  if (!(await page.$(`${levels} >> nth=1`))) {
    await page.selectOption(`${levels} >> nth=0`, { label: 'No contactado ›' });
  }
  await page.selectOption(`${levels} >> nth=1`, { index: 1 });
  await page.fill('#manage-next', `${tomorrow}T10:30`);
  await Promise.all([page.waitForNavigation(), page.click('#manage button[type="submit"]')]);
  await check('the management is saved and shows in the history tab, with its path, author and next date', async () => {
    const hist = await text(page, '#managements');
    const shown = await page.$$eval('.tab-panel', (ps) => ps.filter((p) => !p.hidden).map((p) => p.id));
    return (hist.includes('No contactado') && hist.includes(tag) && hist.includes('Alicia Agente') &&
      hist.includes('10:30') && shown[0] === 'history') || `${shown}: ${hist}`;
  });
  await check('the header shows the next management', async () => (await text(page, '.case-facts')).includes('10:30'));
  await shot(page, 'cc-managed.png', { fullPage: true });

  await check('"Salir del caso" goes to the dashboard, EN ESPERA', async () => {
    await Promise.all([page.waitForNavigation(), page.click('.case-actions form.exit button')]);
    const badge = await text(page, 'a.presence');
    return (path(page) === '/' && badge.includes('EN ESPERA')) || `${path(page)} ${badge}`;
  });
  await check('the supervisor now sees the agent EN ESPERA', async () => {
    const row = await agentRow(sup.page);
    return row.includes('EN ESPERA') || row;
  });
  await shot(sup.page, 'cc-agents-waiting.png', { fullPage: true });
  await check('the pending list shows the case with its next management', async () => {
    await page.goto(`${URL_BASE}/cases/pending?format=json`);
    const body = JSON.parse(await page.textContent('body'));
    const row = (body.Cases || body.Pending || []).find((c) => String(c.id) === String(kase.id));
    return (row && String(row.next_at).startsWith(tomorrow)) || JSON.stringify(row || Object.keys(body));
  });
  await check('no script errors on the contact-center screens', async () => scriptErrors(page));
  await ag.context.close();
  await sup.context.close();
});
