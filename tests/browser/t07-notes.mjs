// t07-notes.mjs: an agent adds a note with a file to a case, links the note
// to a second case, closes the first as resolved and finds it in the
// solutions base; screenshots of each step.
import { URL_BASE, check, shot, freshPage, signIn, ensureSignedIn, path, run, scriptErrors } from './lib.mjs';

const text = async (page, sel) => ((await page.textContent(sel)) || '').replace(/\s+/g, ' ').trim();
const tag = String(Date.now()).slice(-6);

async function newCase(page, subject) {
  await page.goto(`${URL_BASE}/cases/new`);
  await page.fill('#subject', subject);
  await page.fill('#description', 'Facturación: la factura electrónica llega sin el detalle de los cobros.');
  await page.selectOption('#area', { label: 'Facturación' });
  await page.fill('#requester_first_name', 'Marta');
  await Promise.all([page.waitForNavigation(), page.click('form.case-form button[type="submit"].primary')]);
  return path(page);
}

await run('the notes browser test', async (browser) => {
  const { context, page } = await freshPage(browser);
  await signIn(page, 'agente', 'agente-demo');
  await ensureSignedIn(page, 'agente', 'agente-demo');
  const first = await newCase(page, `Factura sin detalle ${tag}`);
  const second = await newCase(page, `Factura sin detalle, otra sede ${tag}`);

  await page.goto(`${URL_BASE}${first}#notes`);
  await page.click('#notes details:first-of-type summary');
  await page.fill('#note-title', `Extracto de noviembre ${tag}`);
  await page.fill('#note-body', 'El cliente envió el extracto con los cobros marcados.');
  await page.setInputFiles('#note-file', { name: 'extracto-facturación.txt', mimeType: 'text/plain',
    buffer: Buffer.from('Cobro 1: 45.000\nCobro 2: 45.000\n') });
  await check('a note with a file is added to the case', async () => {
    await Promise.all([page.waitForNavigation(), page.click('#notes form[enctype] button[type="submit"]')]);
    const notes = await text(page, '#notes');
    return (notes.includes(`Extracto de noviembre ${tag}`) && notes.includes('extracto-facturación.txt')) || notes;
  });
  await shot(page, 'case-note.png', { fullPage: true });

  await check('the file downloads with the bytes that were uploaded', async () => {
    const href = await page.getAttribute('#notes a[href^="/attachments/"]', 'href');
    const res = await page.context().request.get(`${URL_BASE}${href}`);
    const body = await res.text();
    return (res.status() === 200 && body.startsWith('Cobro 1: 45.000') &&
      (res.headers()['content-disposition'] || '').startsWith('attachment')) || `${res.status()} ${body}`;
  });

  await page.goto(`${URL_BASE}${second}/notes?q=${tag}#notes`);
  await check('the second case finds the note by its short name and links it', async () => {
    await Promise.all([page.waitForNavigation(), page.click('#notes .results button')]);
    const notes = await text(page, '#notes');
    return (notes.includes(`Extracto de noviembre ${tag}`) && notes.includes('También en')) || notes;
  });
  await shot(page, 'case-linked-note.png', { fullPage: true });

  await page.goto(`${URL_BASE}${first}#close`);
  page.once('dialog', (d) => d.accept());
  await page.fill('#resolution', `Se reenvió la factura con el detalle de cobros ${tag}.`);
  await Promise.all([page.waitForNavigation(), page.click('#close button[type="submit"]')]);

  await check('the solutions base finds the resolved case without accents ("facturacion")', async () => {
    await page.goto(`${URL_BASE}/solutions?q=${encodeURIComponent(`facturacion detalle ${tag}`)}`);
    const t = await text(page, 'ol.solutions');
    return t.includes(`Factura sin detalle ${tag}`) || t;
  });
  await shot(page, 'solutions.png', { fullPage: true });
  await check('no script errors on the note screens', async () => scriptErrors(page));
  await context.close();
});
