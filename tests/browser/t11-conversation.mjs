// t11-conversation.mjs: a case's conversation (manual 003, S4/S6). The agent
// writes to the customer by e-mail and records a WhatsApp sent by hand from the
// conversation tab (a refused send first); the customer's e-mail reply is then
// in the timeline on the left, ours on the right. Screenshots of the tab.
// The reply is written straight into the database: the IMAP path that brings
// real replies has its own test against dovecot (tests/http/t121-inbound.sh).
import { execFileSync } from 'node:child_process';
import { URL_BASE, jsonApi, check, shot, freshPage, signIn, ensureSignedIn, path, run, scriptErrors, PHONE, noHorizontalScroll } from './lib.mjs';

const text = async (page, sel) => ((await page.textContent(sel)) || '').replace(/\s+/g, ' ').trim();
const tag = String(Date.now()).slice(-6);
const sql = (q) => execFileSync('mariadb', [`--defaults-file=${process.env.ATIENDE_VAR}/my.cnf`, '-uroot', '-N', '-B',
  'atiende', '-e', q], { encoding: 'utf8' }).trim();

async function prepareCase(page) {
  const { get, post } = await jsonApi(page);
  const options = (await get('/cases/new')).Options;
  const campaign = options.campaigns.find((c) => c.name === 'Cobranza cartera vencida').id;
  const customer = (await post('/customers', { kind: 'person', first_name: 'Elena', first_surname: `Ruiz ${tag}` })).Customer.id;
  await post(`/customers/${customer}/contact-data`, { type: 'email', value: `elena.${tag}@cliente.example`, preferred: '1' });
  await post(`/customers/${customer}/contact-data`, { type: 'mobile', value: '3125550199' });
  return (await post('/cases', { subject: `Acuerdo de pago ${tag}`, description: 'Pide un acuerdo de pago en cuotas.',
    area: options.areas[0].id, campaign, customer })).Case;
}

await run('the conversation browser test', async (browser) => {
  const { context, page } = await freshPage(browser);
  await signIn(page, 'agente', 'agente-demo');
  await ensureSignedIn(page, 'agente', 'agente-demo');
  const kase = await prepareCase(page);
  await page.goto(`${URL_BASE}/cases/${kase.id}#conversation`);

  await check('the conversation tab offers the campaign\'s channels only', async () => {
    const names = await page.$$eval('#msg-channel option', (os) => os.map((o) => o.textContent.trim()));
    return (names.includes('WhatsApp') && names.includes('Correo electrónico') && !names.includes('Portal de clientes')) || names.join(',');
  });

  // A WhatsApp without its text is refused next to the text, on this tab.
  await page.selectOption('#msg-channel', { label: 'WhatsApp' });
  await page.$eval('#msg-body', (el) => { el.required = false; });
  await Promise.all([page.waitForNavigation(), page.click('#message-send button[type="submit"]')]);
  await check('a message without text is refused, next to the text, on the conversation tab', async () => {
    const shown = await page.$$eval('.tab-panel', (ps) => ps.filter((p) => !p.hidden).map((p) => p.id));
    return (shown[0] === 'conversation' && (await page.$('#msg-err-body')) !== null) || shown.join(',');
  });

  await page.selectOption('#msg-channel', { label: 'Correo electrónico' });
  await page.selectOption('#msg-to', { label: `Correo electrónico: elena.${tag}@cliente.example` }).catch(() => {});
  await page.fill('#msg-subject', 'Propuesta de acuerdo de pago');
  await page.fill('#msg-body', `Hola Elena:\nLe proponemos pagar en 3 cuotas sin intereses. ${tag}`);
  await Promise.all([page.waitForNavigation(), page.click('#message-send button[type="submit"]')]);
  await check('the e-mail is in the timeline on our side, queued for the mailer', async () => {
    const out = await text(page, '#conversation .message-out');
    return (out.includes('Propuesta de acuerdo de pago') && out.includes(tag)) || out;
  });

  await page.goto(`${URL_BASE}/cases/${kase.id}#conversation`);
  await page.selectOption('#msg-channel', { label: 'WhatsApp' });
  await page.selectOption('#msg-to', await page.$eval('#msg-to', (s) => [...s.options].find((o) => !o.disabled).value));
  await page.fill('#msg-body', 'Le envío el resumen del acuerdo por WhatsApp.');
  await page.fill('#msg-note', 'Enviado desde el celular de la campaña.');
  await Promise.all([page.waitForNavigation(), page.click('#message-send button[type="submit"]')]);
  await check('a WhatsApp is recorded as sent by hand, with the agent\'s note', async () => {
    const all = await text(page, '#conversation .conversation');
    return (all.includes('WhatsApp') && all.includes('Enviado por fuera del sistema') && all.includes('celular de la campaña')) || all;
  });

  // The customer's reply, as the fetcher stores it (see above).
  const key = sql(`SELECT message_key FROM messages WHERE case_id = ${kase.id} AND channel_id = (SELECT id FROM channels WHERE code = 'email')`);
  sql(`INSERT INTO messages (case_id, direction, channel_id, from_addr, to_addr, subject, body, at, state, message_key)
       SELECT ${kase.id}, 'in', id, 'elena.${tag}@cliente.example', 'atiende@localhost', 'Re: [${kase.number}] Propuesta de acuerdo de pago',
       'Acepto las 3 cuotas. ¿Me envían el primer recibo?\n<b>no es HTML</b>', UTC_TIMESTAMP() + INTERVAL 1 SECOND, 'received', 'reply-${tag}@cliente.example'
       FROM channels WHERE code = 'email'`);
  await page.goto(`${URL_BASE}/cases/${kase.id}#conversation`);
  await check('the reply is on the customer\'s side (left), ours on the right, in time order', async () => {
    const boxes = await page.$$eval('#conversation .conversation > li', (lis) => lis.map((li) => ({
      dir: li.classList.contains('message-in') ? 'in' : 'out', x: li.getBoundingClientRect().left,
      right: li.getBoundingClientRect().right })));
    const ins = boxes.filter((b) => b.dir === 'in'), outs = boxes.filter((b) => b.dir === 'out');
    return (boxes.length === 3 && boxes[2].dir === 'in' && ins[0].x < outs[0].x && outs[0].right >= ins[0].right) ||
      JSON.stringify(boxes);
  });
  await check('the reply\'s text is shown as text, never as markup', async () => {
    const html = await page.innerHTML('#conversation .message-in');
    return (html.includes('&lt;b&gt;no es HTML&lt;/b&gt;') && key.length > 0) || html.slice(0, 300);
  });
  await shot(page, 'conversation.png', { fullPage: true });

  const phone = await freshPage(browser, PHONE);
  await signIn(phone.page, 'agente', 'agente-demo');
  await ensureSignedIn(phone.page, 'agente', 'agente-demo');
  await phone.page.goto(`${URL_BASE}/cases/${kase.id}#conversation`);
  await check('the conversation reads on a phone without sideways scrolling', async () => noHorizontalScroll(phone.page, PHONE.width));
  await shot(phone.page, 'conversation-phone.png', { fullPage: true });
  await check('no script errors on the conversation', async () => scriptErrors(page));
  await phone.context.close();
  await context.close();
});
