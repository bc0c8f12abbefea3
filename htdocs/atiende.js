/* atiende.js: small enhancements only; every page works without it.
 *
 * data-confirm="message" on a form, or on a submit button, asks
 * window.confirm(message) before the form is sent; "Cancel" keeps the page as
 * it is. Without JavaScript the form is simply sent (the server side never
 * relies on this question).
 *
 * data-kind-form on a customer form: shows the person or the organization
 * fields (blocks with data-kind) after the kind radio buttons.
 *
 * data-role-form on a user form: blocks with data-role-only="customer" show
 * (and send their fields) only while that role is chosen.
 *
 * nav[data-tabs]: the case view's tabs, switched in the page (see below).
 *
 * .lookup[data-lookup="/lookup/customers?..."]: a type-ahead over the search
 * assistant's JSON. The visible input searches; picking a result fills the
 * hidden input (the form field) with its id. Without JavaScript the
 * magnifier link opens the assistant's page instead.
 *
 * data-presence-case="ID" (the case view): the page tells /presence every
 * 30 s that the user still works on the case, and says goodbye when it goes
 * away, so the user is EN ESPERA again (manual 003).
 *
 * data-refresh="SECONDS" on a block with an id: the block is replaced by the
 * same block of a fresh copy of the page every SECONDS while it is visible.
 *
 * form[data-manage] (the case's management form): its typification select
 * (data-cascade, the final outcomes grouped by parent, each option's
 * data-path "Contactado › Promesa de pago") becomes one select per level,
 * as the manual shows the path; the next-management time turns required
 * for an outcome with data-requires-next, and data-closes shows a warning.
 *
 * form[data-message-form] (the conversation's outbound message): the
 * contact data offered follow the chosen channel (its option's data-types),
 * and the subject (e-mail) or the agent's note (data-manual="1": sent by
 * hand) shows with the hint that says what will happen. The server checks
 * the pair again.
 */
(function () {
  'use strict';

  // The button that submitted the form: SubmitEvent.submitter where the
  // browser has it, else the last submit button clicked in that form.
  var lastClicked = null;

  document.addEventListener('click', function (e) {
    var b = e.target && e.target.closest ? e.target.closest('button, input[type="submit"], input[type="image"]') : null;
    lastClicked = b && b.form ? b : null;
  }, true);

  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (!(form instanceof HTMLFormElement)) return;
    var submitter = e.submitter || (lastClicked && lastClicked.form === form ? lastClicked : null);
    lastClicked = null;
    var message = (submitter && submitter.getAttribute('data-confirm')) ||
                  form.getAttribute('data-confirm');
    if (message && !window.confirm(message)) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  }, true);

  // Customer forms: only the fields of the chosen kind.
  function showKind(form) {
    var checked = form.querySelector('input[name="kind"]:checked');
    var kind = checked ? checked.value : 'person';
    form.querySelectorAll('[data-kind]').forEach(function (block) {
      var on = block.getAttribute('data-kind') === kind;
      block.hidden = !on;
      block.querySelectorAll('input, select, textarea').forEach(function (el) { el.disabled = !on; });
    });
  }
  document.querySelectorAll('form[data-kind-form]').forEach(function (form) {
    showKind(form);
    form.addEventListener('change', function (e) {
      if (e.target.name === 'kind') showKind(form);
    });
  });

  // User forms: the portal fields only for the customer role.
  function showRoleFields(form) {
    var role = form.querySelector('select[name="role"]');
    if (!role) return;
    form.querySelectorAll('[data-role-only]').forEach(function (block) {
      var on = block.getAttribute('data-role-only') === role.value;
      block.hidden = !on;
      block.querySelectorAll('input, select, textarea').forEach(function (el) { el.disabled = !on; });
    });
  }
  document.querySelectorAll('form[data-role-form]').forEach(function (form) {
    showRoleFields(form);
    form.addEventListener('change', function (e) {
      if (e.target.name === 'role') showRoleFields(form);
    });
  });

  // Type-ahead on the search assistant.
  function setupLookup(box) {
    var hidden = box.querySelector('input[type="hidden"]');
    var input = box.querySelector('input:not([type="hidden"])');
    if (!hidden || !input) return;
    var list = document.createElement('ul');
    list.className = 'lookup-list';
    list.id = input.id + '-list';
    list.setAttribute('role', 'listbox');
    list.hidden = true;
    box.appendChild(list);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('aria-expanded', 'false');
    var timer = null, seq = 0, active = -1;

    function close() { list.hidden = true; input.setAttribute('aria-expanded', 'false'); active = -1; }
    function pick(li) {
      hidden.value = li.getAttribute('data-id');
      input.value = li.getAttribute('data-label');
      close();
      hidden.dispatchEvent(new Event('change', { bubbles: true }));
    }
    function mark(i) {
      var items = list.children;
      if (!items.length) return;
      active = (i + items.length) % items.length;
      for (var k = 0; k < items.length; k++) items[k].setAttribute('aria-selected', k === active ? 'true' : 'false');
      input.setAttribute('aria-activedescendant', items[active].id);
    }
    function search() {
      var q = input.value.trim();
      if (q === '') { hidden.value = ''; close(); return; }
      var url = box.getAttribute('data-lookup');
      url += (url.indexOf('?') < 0 ? '?' : '&') + 'q=' + encodeURIComponent(q);
      var mine = ++seq;
      fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (res) { return res.ok ? res.json() : { Results: [] }; })
        .then(function (data) {
          if (mine !== seq) return;
          list.textContent = '';
          (data.Results || []).forEach(function (r, i) {
            var li = document.createElement('li');
            li.id = list.id + '-' + i;
            li.setAttribute('role', 'option');
            li.setAttribute('data-id', r.id);
            li.setAttribute('data-label', r.label);
            li.textContent = r.label;
            if (r.detail) {
              var small = document.createElement('span');
              small.className = 'muted small';
              small.textContent = ' ' + r.detail;
              li.appendChild(small);
            }
            li.addEventListener('mousedown', function (e) { e.preventDefault(); pick(li); });
            list.appendChild(li);
          });
          list.hidden = list.children.length === 0;
          input.setAttribute('aria-expanded', list.hidden ? 'false' : 'true');
          active = -1;
        })
        .catch(function () { close(); });
    }
    input.addEventListener('input', function () {
      hidden.value = '';
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });
    input.addEventListener('keydown', function (e) {
      if (list.hidden) return;
      if (e.key === 'ArrowDown') { e.preventDefault(); mark(active + 1); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); mark(active - 1); }
      else if (e.key === 'Enter' && active >= 0) { e.preventDefault(); pick(list.children[active]); }
      else if (e.key === 'Escape') { close(); }
    });
    input.addEventListener('blur', function () { setTimeout(close, 150); });
  }
  document.querySelectorAll('.lookup[data-lookup]').forEach(setupLookup);

  // The new-case form: the best-matching solutions for what was typed.
  var similar = document.querySelector('[data-similar]');
  if (similar) {
    var subject = document.getElementById('subject'), description = document.getElementById('description');
    var list = similar.querySelector('.similar-list'), wait = null;
    var look = function () {
      var q = '&subject=' + encodeURIComponent(subject.value) + '&description=' + encodeURIComponent(description.value);
      if ((subject.value + description.value).trim().length < 4) return;
      fetch(similar.getAttribute('data-similar') + q, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (res) { return res.ok ? res.json() : { Solutions: [] }; })
        .then(function (data) {
          list.textContent = '';
          (data.Solutions || []).forEach(function (s) {
            if (!(s.score > 0)) return;
            var li = document.createElement('li'), a = document.createElement('a');
            a.href = '/cases/' + s.id;
            a.target = '_blank';
            a.textContent = s.number + ' ' + s.subject;
            li.appendChild(a);
            list.appendChild(li);
          });
        })
        .catch(function () {});
    };
    [subject, description].forEach(function (el) {
      if (el) el.addEventListener('input', function () { clearTimeout(wait); wait = setTimeout(look, 400); });
    });
  }

  /* Tabs (nav[data-tabs] whose links point at .tab-panel ids): one panel at a
     time, switched in the page so unsaved forms (the management form) keep
     what was typed. A link to anything inside a hidden panel (the case
     header's actions) opens that panel and any <details> it targets.
     Without JavaScript every panel shows, one under the other. */
  document.querySelectorAll('nav[data-tabs]').forEach(function (nav) {
    var links = Array.prototype.slice.call(nav.querySelectorAll('a[href^="#"]'));
    var panels = links.map(function (a) { return document.getElementById(a.getAttribute('href').slice(1)); });
    function panelOf(el) {
      for (var i = 0; i < panels.length; i++) if (panels[i] && panels[i].contains(el)) return i;
      return -1;
    }
    function show(i) {
      panels.forEach(function (p, k) { if (p) p.hidden = k !== i; });
      links.forEach(function (a, k) {
        if (k === i) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
      });
    }
    function go(id, scroll) {
      var el = id && document.getElementById(id);
      var i = el ? panelOf(el) : -1;
      if (i < 0 && !(el && el.tagName === 'DETAILS')) return false;
      if (i >= 0) show(i);
      if (el.tagName === 'DETAILS') el.open = true;     // an action's panel (the side column's too)
      if (scroll && el !== panels[i]) el.scrollIntoView({ block: 'start' });
      return true;
    }
    nav.classList.add('tabs-live');
    // the first tab, or the one holding a refused form's marked field, or
    // the part the server names (data-tabs), or the address's #target
    var bad = document.querySelector('.tab-panel [aria-invalid="true"]');
    show(bad ? panelOf(bad) : 0);
    go(nav.getAttribute('data-tabs'), !location.hash);
    go(location.hash.slice(1), true);
    window.addEventListener('hashchange', function () { go(location.hash.slice(1), true); });
    document.addEventListener('click', function (e) {
      var a = e.target.closest && e.target.closest('a[href^="#"]');
      if (!a || !go(a.getAttribute('href').slice(1), nav.contains(a) ? false : true)) return;
      e.preventDefault();
      history.replaceState(null, '', a.getAttribute('href'));
    });
  });

  /* Presence: heartbeats while the case page is open, a goodbye beacon when
     it goes. The CSRF token is the one every form of the page carries; the
     header badge's data-presence-page names this page, so the goodbye of a
     page that a newer view of the case replaced (a save that comes back, a
     reload) is ignored by the server. */
  var presence = document.querySelector('[data-presence-case]');
  var csrfField = document.querySelector('input[name="csrf"]');
  if (presence && csrfField && window.fetch && window.URLSearchParams) {
    var pageBadge = document.querySelector('[data-presence-page]');
    var presenceBody = function (state, beacon) {
      var b = new URLSearchParams();
      b.append('state', state);
      b.append('case', presence.getAttribute('data-presence-case'));
      b.append('csrf', csrfField.value);
      if (pageBadge) b.append('page', pageBadge.getAttribute('data-presence-page'));
      if (beacon) b.append('beacon', '1');
      return b;
    };
    var beating = null;
    var beat = function () {
      fetch('/presence', { method: 'POST', body: presenceBody('working'), credentials: 'same-origin',
                           headers: { Accept: 'application/json' } })
        .then(function (res) {
          // signed out, or the case is no longer this user's to see: stop
          if (res.status === 401 || res.status === 403 || res.status === 404) {
            clearInterval(beating);
            beating = null;
          }
        })
        .catch(function () {});
    };
    beating = setInterval(beat, 30000);
    window.addEventListener('pagehide', function () {
      if (navigator.sendBeacon) navigator.sendBeacon('/presence', presenceBody('waiting', true));
    });
    // back from the browser's page cache: the goodbye was sent, work again
    window.addEventListener('pageshow', function (e) {
      if (e.persisted && beating) beat();
    });
  }

  /* Blocks that refresh themselves (data-refresh): the supervisors' list of
     agents. The server renders the fresh copy, so it reads like the page. */
  document.querySelectorAll('[data-refresh][id]').forEach(function (block) {
    var every = (+block.getAttribute('data-refresh') || 15) * 1000;
    setInterval(function () {
      if (document.visibilityState === 'hidden') return;
      fetch(location.pathname + location.search, { headers: { Accept: 'text/html' }, credentials: 'same-origin' })
        .then(function (res) { return res.ok ? res.text() : null; })
        .then(function (html) {
          var fresh = html && new DOMParser().parseFromString(html, 'text/html').getElementById(block.id);
          if (fresh) {
            block.replaceWith(fresh);
            block = fresh;
          }
        })
        .catch(function () {});
    }, every);
  });

  /* The management form: the typification path one level at a time. The
     original select stays the form field (hidden); the levels only set it. */
  function setupManage(form) {
    var select = form.querySelector('select[data-cascade]');
    var next = form.querySelector('input[name="next_at"]');
    var warning = form.querySelector('[data-closes-warning]');
    if (!select) return;
    var root = { children: [] };
    Array.prototype.forEach.call(select.querySelectorAll('option[data-path]'), function (o) {
      var node = root;
      o.getAttribute('data-path').split(' \u203a ').forEach(function (name) {
        var child = node.children.filter(function (c) { return c.name === name; })[0];
        if (!child) node.children.push(child = { name: name, children: [] });
        node = child;
      });
      node.option = o;
    });
    var box = document.createElement('div');
    box.className = 'cascade';
    select.parentNode.insertBefore(box, select);
    select.hidden = true;
    select.required = false;
    function sync() {
      var o = select.options[select.selectedIndex];
      var needs = !!(o && o.hasAttribute('data-requires-next'));
      if (next) next.required = needs;
      if (warning) warning.hidden = !(o && o.hasAttribute('data-closes'));
    }
    // Shows the levels below node, the path chosen so far in path (option nodes).
    function levels(node, depth, path) {
      while (box.children.length > depth) box.removeChild(box.lastChild);
      if (node.option) { select.value = node.option.value; sync(); return; }
      select.value = '';
      sync();
      var level = document.createElement('select');
      level.required = true;
      level.setAttribute('aria-label', (select.getAttribute('data-level') || '{1}').replace('{1}', depth + 1));
      level.add(new Option(select.options[0].text, ''));
      node.children.forEach(function (c, i) {
        var text = c.option ? c.option.text : c.name + ' \u203a';
        level.add(new Option(text, String(i), false, path[depth] === c));
      });
      level.addEventListener('change', function () {
        while (box.children.length > depth + 1) box.removeChild(box.lastChild);
        if (level.value === '') { select.value = ''; sync(); return; }
        levels(node.children[+level.value], depth + 1, []);
      });
      box.appendChild(level);
      var picked = path[depth];
      if (picked) levels(picked, depth + 1, path);
    }
    // A refused form comes back with its outcome chosen: open its path.
    var path = [], chosen = select.options[select.selectedIndex];
    if (chosen && chosen.value) {
      var node = root;
      chosen.getAttribute('data-path').split(' \u203a ').forEach(function (name) {
        node = node && node.children.filter(function (c) { return c.name === name; })[0];
        if (node) path.push(node);
      });
    }
    levels(root, 0, path);
  }
  document.querySelectorAll('form[data-manage]').forEach(setupManage);

  /* The outbound message: contact data and fields of the chosen channel. */
  function setupMessage(form) {
    var channel = form.querySelector('select[name="channel"]');
    var to = form.querySelector('select[name="to"]');
    if (!channel || !to) return;
    function sync() {
      var o = channel.options[channel.selectedIndex];
      var types = ((o && o.getAttribute('data-types')) || '').split(',');
      var kind = o && o.getAttribute('data-manual') === '1' ? 'manual' : 'email';
      var first = null;
      Array.prototype.forEach.call(to.options, function (d) {
        var fits = types.indexOf(d.getAttribute('data-type')) >= 0;
        d.hidden = d.disabled = !fits;
        if (fits && !first) first = d;
      });
      var picked = to.options[to.selectedIndex];
      if (!picked || picked.disabled) to.value = first ? first.value : '';
      form.querySelectorAll('[data-channel-only], [data-channel-hint]').forEach(function (el) {
        el.hidden = (el.getAttribute('data-channel-only') || el.getAttribute('data-channel-hint')) !== kind;
      });
      var name = form.querySelector('[data-channel-hint="manual"] strong');
      if (name && kind === 'manual' && o) name.textContent = o.text + ':';
    }
    channel.addEventListener('change', sync);
    sync();
  }
  document.querySelectorAll('form[data-message-form]').forEach(setupMessage);

  /* Print buttons (data-print) on printable pages: no inline script under the CSP. */
  document.querySelectorAll('[data-print]').forEach(function (b) {
    b.addEventListener('click', function () { window.print(); });
  });

  /* A file input with data-max (bytes) refuses a larger file before the
     upload starts; the server checks it again and saves nothing. */
  document.querySelectorAll('input[type=file][data-max]').forEach(function (input) {
    input.addEventListener('change', function () {
      var max = +input.getAttribute('data-max'), big = false;
      Array.prototype.forEach.call(input.files || [], function (f) { big = big || f.size > max; });
      input.setCustomValidity(big ? input.getAttribute('data-max-msg') || 'Too large' : '');
      input.reportValidity();
    });
  });
}());
