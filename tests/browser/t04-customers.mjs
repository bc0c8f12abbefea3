// t04-customers.mjs: an agent creates an organization and a person with the
// forms (the person's organization picked with the type-ahead), adds contact
// data and an account, and searches; screenshots of the customer screens.
import { URL_BASE, check, shot, freshPage, signIn, ensureSignedIn, path, run, scriptErrors } from './lib.mjs';


const text = async (page, sel) => ((await page.textContent(sel)) || '').replace(/\s+/g, ' ').trim();
// Documents unique to this run, so the test does not depend on what ran before.
const tag = String(Date.now()).slice(-6);
const submit = (page, form) =>
  Promise.all([page.waitForNavigation(), page.click(`${form} button[type="submit"].primary`)]);

await run('the customers browser test', async (browser) => {
  const { context, page } = await freshPage(browser);
  await signIn(page, 'agente', 'agente-demo');
  await ensureSignedIn(page, 'agente', 'agente-demo');

  await check('the new-customer form shows only the person fields at first', async () => {
    await page.goto(`${URL_BASE}/customers/new`);
    const legal = await page.isVisible('#legal_name');
    const first = await page.isVisible('#first_name');
    return (first && !legal) || `first_name visible ${first}, legal_name visible ${legal}`;
  });

  await check('choosing "Organización" shows the legal name instead', async () => {
    await page.check('input[name="kind"][value="organization"]');
    return (await page.isVisible('#legal_name')) && !(await page.isVisible('#first_name'));
  });
  await page.selectOption('#doc_type', { label: 'NIT · NIT' });
  await page.fill('#doc_number', `900.${tag}-7`);
  await page.fill('#legal_name', `Acme Andina ${tag} S.A.S.`);
  await check('an organization is created with the form', async () => {
    await submit(page, 'form[data-kind-form]');
    return /^\/customers\/\d+$/.test(path(page)) || path(page);
  });

  await page.goto(`${URL_BASE}/customers/new`);
  await page.selectOption('#doc_type', { label: 'CC · Cédula de ciudadanía' });
  await page.fill('#doc_number', `1.020.${tag}`);
  await page.fill('#first_name', 'María');
  await page.fill('#second_name', 'José');
  await page.fill('#first_surname', 'Pérez');
  await page.fill('#second_surname', 'Gómez');
  await page.fill('#birth_date', '2090-01-01');
  await check('a future birth date is refused with the message next to the field', async () => {
    await submit(page, 'form[data-kind-form]');
    const err = await text(page, '#err-birth_date');
    return err.includes('no puede ser futura') || `error: "${err}"`;
  });
  await page.fill('#birth_date', '1985-03-14');
  await page.selectOption('#sex', 'F');
  await check('the type-ahead finds the organization and fills the field', async () => {
    await page.fill('#organization-q', `acme andina ${tag}`);
    await page.waitForSelector('.lookup-list li', { timeout: 5000 });
    await page.click('.lookup-list li >> nth=0');
    const id = await page.inputValue('input[name="organization"]');
    return /^\d+$/.test(id) || `organization field "${id}"`;
  });
  await check('the person is created and belongs to the organization', async () => {
    await submit(page, 'form[data-kind-form]');
    const facts = await text(page, '.facts');
    return (/^\/customers\/\d+$/.test(path(page)) && facts.includes('Acme Andina')) || `${path(page)}: ${facts}`;
  });
  const customerPath = path(page);

  await page.click('#contact-data summary');
  await page.selectOption('#contact-data select[name="type"]', 'phone');
  await page.fill('#contact-data input[name="value"]', '345 6789');
  await check('a fixed phone without an area code is refused', async () => {
    await submit(page, '#contact-data form');
    const err = await text(page, '#err-area_code');
    return err.includes('indicativo') || `error: "${err}"`;
  });
  await page.fill('#contact-data input[name="area_code"]', '601');
  await check('with its area code the phone is saved as a tel: link', async () => {
    await submit(page, '#contact-data form');
    await page.goto(`${URL_BASE}${customerPath}`);
    const href = await page.getAttribute('#contact-data a[href^="tel:"]', 'href');
    return href === 'tel:6013456789' || href;
  });
  await page.click('#contact-data summary');
  await page.selectOption('#contact-data select[name="type"]', 'email');
  await page.fill('#contact-data input[name="value"]', 'maria.perez@example.com');
  await page.check('#contact-data input[type="checkbox"][name="preferred"]');
  await submit(page, '#contact-data form');

  await page.goto(`${URL_BASE}${customerPath}`);
  await page.click('#accounts summary');
  await page.fill('#accounts input[name="number"]', `CTA-${tag}`);
  await page.fill('#accounts input[name="product"]', 'Internet hogar 300 Mb');
  await page.fill('#accounts input[name="opened_at"]', '2023-06-01');
  await check('an account is added', async () => {
    await submit(page, '#accounts form');
    await page.goto(`${URL_BASE}${customerPath}`);
    return (await text(page, '#accounts')).includes(`CTA-${tag}`);
  });
  await shot(page, 'customer.png', { fullPage: true });

  await check('searching "perez" finds María José Pérez Gómez', async () => {
    await page.goto(`${URL_BASE}/customers?q=perez`);
    return (await text(page, 'table.grid')).includes('María José Pérez Gómez');
  });
  await shot(page, 'customers.png', { fullPage: true });

  await check('the search assistant page works without JavaScript and returns the choice', async () => {
    await page.goto(`${URL_BASE}/lookup/customers?kind=organization&field=organization&back=%2Fcustomers%2Fnew&q=acme+andina+${tag}`);
    const href = await page.getAttribute('.results a', 'href');
    return /^\/customers\/new\?organization=\d+$/.test(href || '') || href;
  });
  await shot(page, 'lookup.png');

  await check('no script errors on the customer screens', async () => scriptErrors(page));
  await context.close();
});
