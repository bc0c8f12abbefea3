// t03-config.mjs: the service configuration in headless Chromium — an admin
// fills the escalation rule form (a refused one first), saves it and sees it
// in words; screenshots of the areas, roles, rules and catalog screens.
import { URL_BASE, check, shot, freshPage, signIn, ensureSignedIn, path, run, scriptErrors } from './lib.mjs';


const text = async (page, sel) => ((await page.textContent(sel)) || '').replace(/\s+/g, ' ').trim();

await run('the configuration browser test', async (browser) => {
  const { context, page } = await freshPage(browser);
  await signIn(page, 'admin', 'admin-demo');
  await ensureSignedIn(page, 'admin', 'admin-demo');

  await check('the areas screen lists the demo areas', async () => {
    await page.goto(`${URL_BASE}/admin/areas`);
    const t = await text(page, 'table.grid');
    return (t.includes('Reclamos') && t.includes('Soporte técnico')) || t;
  });
  await shot(page, 'admin-areas.png', { fullPage: true });

  await check("an area's page shows its notification subscriptions with Sí/No flags", async () => {
    await page.click('text=Reclamos');
    const t = await text(page, '#subscriptions');
    return (t.includes('Notificaciones para el área') && t.includes('Sergio Supervisor')) || t;
  });
  await shot(page, 'admin-area.png', { fullPage: true });

  await check('the roles screen lists Supervisores with its participant count', async () => {
    await page.goto(`${URL_BASE}/admin/roles`);
    const t = await text(page, 'table.grid');
    return t.includes('Supervisores') || t;
  });
  await shot(page, 'admin-roles.png', { fullPage: true });

  await page.goto(`${URL_BASE}/admin/rules/new`);
  await page.selectOption('#area', { label: 'Reclamos' });
  await page.selectOption('#priority', { label: 'Alta' });
  await page.fill('#hours_open', '12');

  await check('a rule without an action is refused with the message next to the field', async () => {
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"].primary')]);
    const err = await text(page, '#err-role');
    return err.includes('al menos una acción') || `error text: "${err}"`;
  });

  await check('the refused form keeps what was chosen', async () => {
    const area = await page.$eval('#area', (s) => s.selectedOptions[0].textContent);
    const hours = await page.inputValue('#hours_open');
    return (area === 'Reclamos' && hours === '12') || `area "${area}", hours "${hours}"`;
  });
  await shot(page, 'admin-rule-invalid.png', { fullPage: true });

  await page.selectOption('#role', { label: 'Supervisores' });
  await page.check('input[type="checkbox"][name="email"]');
  await page.selectOption('#set_status', { value: await page.$eval('#set_status', (s) =>
    [...s.options].find((o) => o.textContent.startsWith('TRA')).value) });

  await check('saving the filled rule form opens the new rule', async () => {
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"].primary')]);
    return /^\/admin\/rules\/\d+$/.test(path(page)) || path(page);
  });

  const words = 'Casos del área Reclamos con prioridad Alta abiertos más de 12 h: ' +
    'avisar por e-mail al rol Supervisores y cambiar el estado a TRA';
  await check('the saved rule is shown in words', async () => {
    const t = await text(page, '.rule-words');
    return t.includes(words) || t;
  });
  await shot(page, 'admin-rule.png', { fullPage: true });

  await check('the rules list shows the new rule in words, in order', async () => {
    await page.goto(`${URL_BASE}/admin/rules`);
    const rows = await page.$$eval('table.rules tbody tr', (trs) => trs.map((tr) => tr.textContent.replace(/\s+/g, ' ')));
    return rows.some((r) => r.includes(words)) || rows.join(' | ');
  });
  await shot(page, 'admin-rules.png', { fullPage: true });

  await check('moving the last rule up puts it before the one above it', async () => {
    const before = await page.$$eval('table.rules tbody tr td:nth-child(2)', (tds) => tds.map((t) => t.textContent.trim()));
    const forms = await page.$$('table.rules tbody tr:last-child form[action$="/up"]');
    if (forms.length !== 1) return `no up button on the last row (${forms.length})`;
    await Promise.all([page.waitForNavigation(), page.click('table.rules tbody tr:last-child form[action$="/up"] button')]);
    const after = await page.$$eval('table.rules tbody tr td:nth-child(2)', (tds) => tds.map((t) => t.textContent.trim()));
    const n = before.length;
    return (after[n - 2] === before[n - 1] && after[n - 1] === before[n - 2]) || after.join(' | ');
  });

  await check('the statuses catalog shows the manual codes and their portal states', async () => {
    await page.goto(`${URL_BASE}/admin/catalogs/statuses`);
    const t = await text(page, 'table.grid');
    return ['WRC', 'RIT', 'PRO', 'REJ', 'WCE', 'REA', 'TRA', 'CLO', 'En investigación', 'Finalizado']
      .every((c) => t.includes(c)) || t;
  });
  await shot(page, 'admin-catalog-statuses.png', { fullPage: true });
  await page.goto(`${URL_BASE}/admin/catalogs`);
  await shot(page, 'admin-catalogs.png', { fullPage: true });

  await check('no script errors on the configuration screens', async () => scriptErrors(page));
  await context.close();
});
