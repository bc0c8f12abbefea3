<?cs # Shared template macros: included by pages that need them. ?>
<?cs # What happened to the form: saved, refused, or read-only for this user. ?>
<?cs def:notices() ?><?cs if:Page.saved ?><p class="notice" role="status"><?cs var:Lang.Common.saved ?></p><?cs /if ?>
<?cs if:Form.error ?><p class="alert" role="alert"><?cs var:Lang.Err.invalid ?></p><?cs /if ?>
<?cs if:!Page.editable ?><p class="notice muted"><?cs var:Lang.Common.readonly ?></p><?cs /if ?><?cs /def ?>
<?cs def:field_error(name) ?><?cs if:Errors[name] ?><p class="field-error" id="err-<?cs var:name ?>"><?cs var:Lang.Err[Errors[name]] ?></p><?cs /if ?><?cs /def ?>
<?cs def:invalid_attr(name) ?><?cs if:Errors[name] ?> aria-invalid="true" aria-describedby="err-<?cs var:name ?>"<?cs /if ?><?cs /def ?>
<?cs def:csrf_field() ?><input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>"><?cs /def ?>
<?cs def:pager(base) ?><?cs if:Pager.pages > 1 ?>
<nav class="pager" aria-label="<?cs var:Lang.Common.page ?>">
  <?cs if:Pager.prev ?><a href="<?cs var:base ?>page=<?cs var:Pager.prev ?>" rel="prev">← <?cs var:Lang.Common.previous ?></a><?cs /if ?>
  <span><?cs var:Lang.Common.page ?> <?cs var:Pager.page ?> <?cs var:Lang.Common.of ?> <?cs var:Pager.pages ?></span>
  <?cs if:Pager.next ?><a href="<?cs var:base ?>page=<?cs var:Pager.next ?>" rel="next"><?cs var:Lang.Common.next ?> →</a><?cs /if ?>
</nav><?cs /if ?><?cs /def ?>
<?cs def:active_badge(v) ?><?cs if:v == "1" ?><span class="badge badge-ok"><?cs var:Lang.Common.active ?></span><?cs else ?><span class="badge badge-muted"><?cs var:Lang.Common.inactive ?></span><?cs /if ?><?cs /def ?>
<?cs def:yes_no(v) ?><?cs if:v == "1" ?><span class="badge badge-info"><?cs var:Lang.Common.yes ?></span><?cs else ?><span class="muted"><?cs var:Lang.Common.no ?></span><?cs /if ?><?cs /def ?>
<?cs # A checkbox that also says "no": the hidden 0 goes when the box is unticked. ?>
<?cs def:flag_input(name, label, value) ?><input type="hidden" name="<?cs var:name ?>" value="0">
    <label class="check"><input type="checkbox" name="<?cs var:name ?>" value="1"<?cs if:value == "1" ?> checked<?cs /if ?><?cs call:invalid_attr(name) ?>> <?cs var:label ?></label><?cs /def ?>
<?cs def:flag_box(name, label, value) ?>
  <div class="field check">
    <?cs call:flag_input(name, label, value) ?>
    <?cs call:field_error(name) ?>
  </div><?cs /def ?>
<?cs # The alert / task / e-mail flags of a subscription or a rule (x), side by side. ?>
<?cs def:notify_flags(x) ?>
  <div class="field" role="group" aria-labelledby="notify-by">
    <span class="label" id="notify-by"><?cs var:Lang.Notify.by ?></span>
    <div class="checks">
      <?cs call:flag_input("alert", Lang.Notify.alert, x.alert) ?>
      <?cs call:flag_input("task", Lang.Notify.task, x.task) ?>
      <?cs call:flag_input("email", Lang.Notify.email, x.email) ?>
    </div>
    <?cs call:field_error("alert") ?><?cs call:field_error("task") ?><?cs call:field_error("email") ?>
  </div><?cs /def ?>
<?cs # Teams, roles and areas: a named group (g) with its texts (L) at path. ?>
<?cs def:group_fields(g, L) ?>
  <div class="field">
    <label for="name"><?cs var:L.name ?></label>
    <input id="name" name="name" value="<?cs var:g.name ?>" required maxlength="100"<?cs call:invalid_attr("name") ?>>
    <?cs call:field_error("name") ?>
  </div>
  <div class="field">
    <label for="description"><?cs var:Lang.Common.description ?></label>
    <input id="description" name="description" value="<?cs var:g.description ?>" maxlength="500"<?cs call:invalid_attr("description") ?>>
    <?cs call:field_error("description") ?>
  </div>
  <?cs call:flag_box("active", Lang.Common.active, g.active) ?><?cs /def ?>
<?cs def:group_list(items, path, L, count) ?>
<div class="page-head">
  <h1><?cs var:L.title ?> <span class="muted count"><?cs var:subcount(items) ?></span></h1>
</div>
<?cs if:L.intro ?><p class="muted lead"><?cs var:L.intro ?></p><?cs /if ?>
<?cs call:notices() ?>
<div class="table-wrap">
<table class="grid">
  <thead><tr>
    <th scope="col"><?cs var:L.name ?></th>
    <th scope="col"><?cs var:Lang.Common.description ?></th>
    <th scope="col" class="num"><?cs var:L.count ?></th>
    <th scope="col"><?cs var:Lang.Common.status ?></th>
  </tr></thead>
  <tbody>
  <?cs each:t = items ?>
    <tr<?cs if:t.active != "1" ?> class="inactive"<?cs /if ?>>
      <td><a href="<?cs var:path ?>/<?cs var:t.id ?>"><?cs var:t.name ?></a></td>
      <td><?cs var:t.description ?></td>
      <td class="num"><?cs var:t[count] ?></td>
      <td><?cs call:active_badge(t.active) ?></td>
    </tr>
  <?cs /each ?>
  <?cs if:!subcount(items) ?><tr><td colspan="4" class="empty"><?cs var:Lang.Common.none ?></td></tr><?cs /if ?>
  </tbody>
</table>
</div>
<?cs if:Page.editable ?>
<section class="panel">
  <h2><?cs var:L.new ?></h2>
  <form method="post" action="<?cs var:path ?>" class="form grid-form">
    <?cs call:csrf_field() ?>
    <?cs if:!Form.error ?><?cs set:Form.active = "1" ?><?cs /if ?>
    <?cs call:group_fields(Form, L) ?>
    <div class="actions"><button type="submit" class="primary"><?cs var:Lang.Common.create ?></button></div>
  </form>
</section>
<?cs /if ?><?cs /def ?>
<?cs def:group_head(g, path, L) ?>
<p class="crumbs"><a href="<?cs var:path ?>"><?cs var:L.back ?></a> /</p>
<div class="page-head"><h1><?cs var:g.name ?> <?cs if:g.active != "1" ?><?cs call:active_badge(g.active) ?><?cs /if ?></h1></div>
<?cs call:notices() ?>
<section class="panel">
<form method="post" action="<?cs var:path ?>/<?cs var:g.id ?>" class="form grid-form">
  <?cs call:csrf_field() ?>
  <input type="hidden" name="version" value="<?cs var:g.version ?>">
  <fieldset<?cs if:!Page.editable ?> disabled<?cs /if ?>>
<?cs call:group_fields(g, L) ?>
  </fieldset>
  <?cs if:Page.editable ?><div class="actions"><button type="submit" class="primary"><?cs var:Lang.Common.save ?></button></div><?cs /if ?>
</form>
<?cs if:Page.editable ?>
<form method="post" action="<?cs var:path ?>/<?cs var:g.id ?>/delete" class="inline delete-form" data-confirm="<?cs var:Lang.Common.confirm ?>">
  <?cs call:csrf_field() ?><button type="submit" class="link danger"><?cs var:Lang.Common.delete ?></button>
</form>
<?cs /if ?>
</section><?cs /def ?>
<?cs def:user_select(L) ?>
    <select id="user" name="user" required<?cs call:invalid_attr("user") ?>>
      <option value=""><?cs var:L.choose_user ?></option>
      <?cs each:c = Candidates ?><option value="<?cs var:c.id ?>"><?cs var:c.name ?> (<?cs var:c.login ?>)</option><?cs /each ?>
    </select><?cs /def ?>
<?cs def:group_members(members, g, path, L, part) ?>
<section class="panel">
  <h2><?cs var:L.members ?> <span class="muted count"><?cs var:subcount(members) ?></span></h2>
  <?cs if:subcount(members) ?>
  <div class="table-wrap">
  <table class="grid">
    <thead><tr>
      <th scope="col"><?cs var:Lang.Users.name ?></th>
      <th scope="col"><?cs var:Lang.Users.login ?></th>
      <th scope="col"><?cs var:Lang.Users.role ?></th>
      <th scope="col"><?cs var:Lang.Users.status ?></th>
      <?cs if:Page.editable ?><th scope="col"><span class="sr"><?cs var:Lang.Common.actions ?></span></th><?cs /if ?>
    </tr></thead>
    <tbody>
    <?cs each:m = members ?>
      <tr>
        <td><a href="/admin/users/<?cs var:m.id ?>"><?cs var:m.name ?></a></td>
        <td><?cs var:m.login ?></td>
        <td><span class="badge badge-role-<?cs var:m.role ?>"><?cs var:Lang.Role[m.role] ?></span></td>
        <td><?cs call:active_badge(m.active) ?></td>
        <?cs if:Page.editable ?><td class="row-actions">
          <form method="post" action="<?cs var:path ?>/<?cs var:g.id ?>/<?cs var:part ?>/<?cs var:m.id ?>/remove" class="inline" data-confirm="<?cs var:Lang.Common.confirm ?>">
            <?cs call:csrf_field() ?><button type="submit" class="link danger"><?cs var:L.remove ?></button>
          </form>
        </td><?cs /if ?>
      </tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs else ?><p class="muted"><?cs var:L.none ?></p><?cs /if ?>
  <?cs if:Page.editable && subcount(Candidates) ?>
  <form method="post" action="<?cs var:path ?>/<?cs var:g.id ?>/<?cs var:part ?>" class="toolbar">
    <?cs call:csrf_field() ?>
    <label for="user"><?cs var:L.add ?></label>
    <?cs call:user_select(L) ?>
    <button type="submit" class="primary"><?cs var:L.add ?></button>
    <?cs call:field_error("user") ?>
  </form>
  <?cs /if ?>
</section><?cs /def ?>
<?cs # The fields of a catalog item (i); statuses and priorities have more. ?>
<?cs def:text_field(name, label, value, attrs) ?>
  <div class="field">
    <label for="<?cs var:name ?>"><?cs var:label ?></label>
    <input id="<?cs var:name ?>" name="<?cs var:name ?>" value="<?cs var:value ?>"<?cs var:attrs ?><?cs call:invalid_attr(name) ?>>
    <?cs call:field_error(name) ?>
  </div><?cs /def ?>
<?cs def:catalog_fields(i) ?>
  <?cs call:text_field("code", Lang.Catalogs.code, i.code, " maxlength=16") ?>
  <?cs call:text_field("name_es", Lang.Catalogs.name_es, i.name_es, " required maxlength=100") ?>
  <?cs call:text_field("name_en", Lang.Catalogs.name_en, i.name_en, " maxlength=100") ?>
  <?cs call:text_field("position", Lang.Catalogs.position, i.position, " inputmode=numeric") ?>
  <?cs if:Catalog.shape == "status" ?>
  <div class="field">
    <label for="portal_state"><?cs var:Lang.Catalogs.portal_state ?></label>
    <select id="portal_state" name="portal_state"<?cs call:invalid_attr("portal_state") ?>>
      <?cs each:p = Lang.PortalState ?><option value="<?cs name:p ?>"<?cs if:i.portal_state == name(p) ?> selected<?cs /if ?>><?cs var:p ?></option><?cs /each ?>
    </select>
    <?cs call:field_error("portal_state") ?>
  </div>
  <?cs call:flag_box("closed", Lang.Catalogs.closed, i.closed) ?>
  <?cs call:flag_box("initial", Lang.Catalogs.initial, i.is_initial) ?>
  <?cs elif:Catalog.shape == "priority" ?>
  <?cs call:text_field("weight", Lang.Catalogs.weight, i.weight, " inputmode=numeric") ?>
  <?cs /if ?>
  <?cs call:flag_box("active", Lang.Common.active, i.active) ?><?cs /def ?>
<?cs # The customer form's fields (f: Form). Person and organization fields both
     show without JavaScript; atiende.js hides the ones of the other kind. ?>
<?cs def:customer_fields(f) ?>
  <div class="field wide" role="radiogroup" aria-labelledby="kind-label">
    <span class="label" id="kind-label"><?cs var:Lang.Customers.kind ?></span>
    <div class="checks">
      <label class="check"><input type="radio" name="kind" value="person"<?cs if:f.kind != "organization" ?> checked<?cs /if ?> data-kind-switch> <?cs var:Lang.Customers.Kind.person ?></label>
      <label class="check"><input type="radio" name="kind" value="organization"<?cs if:f.kind == "organization" ?> checked<?cs /if ?> data-kind-switch> <?cs var:Lang.Customers.Kind.organization ?></label>
    </div>
    <?cs call:field_error("kind") ?>
  </div>
  <div class="field">
    <label for="doc_type"><?cs var:Lang.Customers.doc_type ?></label>
    <select id="doc_type" name="doc_type"<?cs call:invalid_attr("doc_type") ?>>
      <option value="">—</option>
      <?cs each:o = Options.doc_types ?><option value="<?cs var:o.id ?>"<?cs if:o.id == f.doc_type ?> selected<?cs /if ?>><?cs var:o.code ?> · <?cs var:o.name ?></option><?cs /each ?>
    </select>
    <?cs call:field_error("doc_type") ?>
  </div>
  <?cs call:text_field("doc_number", Lang.Customers.doc_number, f.doc_number, " maxlength=40 autocomplete=off") ?>
  <div class="kind-person field-group" data-kind="person">
  <?cs call:text_field("first_name", Lang.Customers.first_name, f.first_name, " maxlength=60") ?>
  <?cs call:text_field("second_name", Lang.Customers.second_name, f.second_name, " maxlength=60") ?>
  <?cs call:text_field("first_surname", Lang.Customers.first_surname, f.first_surname, " maxlength=60") ?>
  <?cs call:text_field("second_surname", Lang.Customers.second_surname, f.second_surname, " maxlength=60") ?>
  <?cs call:text_field("birth_date", Lang.Customers.birth_date, f.birth_date, " type=date") ?>
  <div class="field">
    <label for="sex"><?cs var:Lang.Customers.sex ?></label>
    <select id="sex" name="sex"<?cs call:invalid_attr("sex") ?>>
      <option value="">—</option>
      <?cs each:o = Lang.Customers.Sex ?><option value="<?cs name:o ?>"<?cs if:f.sex == name(o) ?> selected<?cs /if ?>><?cs var:o ?></option><?cs /each ?>
    </select>
    <?cs call:field_error("sex") ?>
  </div>
  <div class="field">
    <label for="organization-q"><?cs var:Lang.Customers.organization ?></label>
    <div class="lookup" data-lookup="/lookup/customers?kind=organization">
      <input type="hidden" name="organization" value="<?cs if:f.organization > 0 ?><?cs var:f.organization ?><?cs /if ?>">
      <input id="organization-q" value="<?cs var:f.organization_name ?>" autocomplete="off" placeholder="<?cs var:Lang.Lookup.placeholder ?>"<?cs call:invalid_attr("organization") ?>>
      <a class="button lookup-open" href="/lookup/customers?kind=organization&amp;field=organization&amp;back=<?cs var:url_escape(Page.path) ?>" title="<?cs var:Lang.Lookup.open ?>"><svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" stroke-width="2"><circle cx="6.5" cy="6.5" r="4.5"/><path d="M10 10l4.5 4.5"/></svg><span class="sr"><?cs var:Lang.Lookup.open ?></span></a>
    </div>
    <?cs call:field_error("organization") ?>
  </div>
  </div>
  <div class="kind-organization field-group" data-kind="organization">
  <?cs call:text_field("legal_name", Lang.Customers.legal_name, f.legal_name, " maxlength=200") ?>
  </div><?cs /def ?>
<?cs # The fields of a customer's contact datum (d), account (a) and contact (c). ?>
<?cs def:datum_fields(d) ?>
  <div class="field">
    <label for="type"><?cs var:Lang.Customers.datum_type ?></label>
    <select id="type" name="type"<?cs call:invalid_attr("type") ?>>
      <?cs each:o = Lang.Customers.Datum ?><option value="<?cs name:o ?>"<?cs if:d.type == name(o) ?> selected<?cs /if ?>><?cs var:o ?></option><?cs /each ?>
    </select>
    <?cs call:field_error("type") ?>
  </div>
  <?cs call:text_field("area_code", Lang.Customers.area_code, d.area_code, " maxlength=5 inputmode=numeric size=5") ?>
  <?cs call:text_field("value", Lang.Customers.value, d.value, " required maxlength=300") ?>
  <?cs call:text_field("label", Lang.Customers.label, d.label, " maxlength=60") ?>
  <?cs call:flag_box("preferred", Lang.Customers.preferred, d.preferred) ?><?cs /def ?>
<?cs def:account_fields(a) ?>
  <?cs call:text_field("number", Lang.Customers.account_number, a.number, " required maxlength=40") ?>
  <?cs call:text_field("product", Lang.Customers.product, a.product, " maxlength=100") ?>
  <div class="field">
    <label for="status"><?cs var:Lang.Customers.account_status ?></label>
    <select id="status" name="status"<?cs call:invalid_attr("status") ?>>
      <?cs each:o = Lang.Customers.AccountStatus ?><option value="<?cs name:o ?>"<?cs if:a.status == name(o) ?> selected<?cs /if ?>><?cs var:o ?></option><?cs /each ?>
    </select>
    <?cs call:field_error("status") ?>
  </div>
  <?cs call:text_field("opened_at", Lang.Customers.opened_at, a.opened_at, " type=date") ?>
  <div class="field wide">
    <label for="detail"><?cs var:Lang.Customers.detail ?></label>
    <textarea id="detail" name="detail" rows="2" maxlength="4000"<?cs call:invalid_attr("detail") ?>><?cs var:a.detail ?></textarea>
    <?cs call:field_error("detail") ?>
  </div><?cs /def ?>
<?cs def:contact_fields(c) ?>
  <?cs call:text_field("name", Lang.Customers.contact_name, c.name, " required maxlength=200") ?>
  <?cs call:text_field("job_title", Lang.Customers.job_title, c.job_title, " maxlength=100") ?>
  <?cs call:text_field("email", Lang.Customers.email, c.email, " type=email maxlength=254") ?>
  <?cs call:text_field("phone", Lang.Customers.phone, c.phone, " type=tel maxlength=30") ?>
  <?cs call:text_field("mobile", Lang.Customers.mobile, c.mobile, " type=tel maxlength=30") ?><?cs /def ?>
<?cs def:datum_value(d) ?><?cs if:d.type == "email" ?><a href="mailto:<?cs var:d.value ?>"><?cs var:d.value ?></a><?cs elif:d.type == "mobile" || d.type == "phone" ?><a href="tel:<?cs var:d.area_code ?><?cs var:d.value ?>"><?cs if:d.area_code ?>(<?cs var:d.area_code ?>) <?cs /if ?><?cs var:d.value ?></a><?cs else ?><?cs var:d.value ?><?cs /if ?><?cs /def ?>
<?cs # A contact datum's row cells: type, value (a link), preferred, label. ?>
<?cs def:datum_cells(d) ?><td class="muted small"><?cs var:Lang.Customers.Datum[d.type] ?></td>
        <td><?cs call:datum_value(d) ?><?cs if:d.preferred == "1" ?> <span class="badge badge-info"><?cs var:Lang.Customers.preferred ?></span><?cs /if ?></td>
        <td class="muted small"><?cs var:d.label ?></td><?cs /def ?>
<?cs # A select over options (id, name[, code]); blank: the empty choice's text. ?>
<?cs def:select_field(name, label, options, current, blank) ?>
  <div class="field">
    <label for="<?cs var:name ?>"><?cs var:label ?></label>
    <select id="<?cs var:name ?>" name="<?cs var:name ?>"<?cs call:invalid_attr(name) ?>>
      <?cs if:blank ?><option value=""><?cs var:blank ?></option><?cs /if ?>
      <?cs each:o = options ?><option value="<?cs var:o.id ?>"<?cs if:o.id == current ?> selected<?cs /if ?>><?cs var:o.name ?></option><?cs /each ?>
    </select>
    <?cs call:field_error(name) ?>
  </div><?cs /def ?>
<?cs # A field picked with the search assistant: hidden id, visible search.
     what may carry a query of its own ("customers?kind=person"). ?>
<?cs def:lookup_field(name, label, what, value, shown, back) ?>
  <div class="field">
    <label for="<?cs var:name ?>-q"><?cs var:label ?></label>
    <div class="lookup" data-lookup="/lookup/<?cs var:what ?>">
      <input type="hidden" name="<?cs var:name ?>" value="<?cs var:value ?>">
      <input id="<?cs var:name ?>-q" value="<?cs var:shown ?>" autocomplete="off" placeholder="<?cs var:Lang.Lookup.placeholder ?>"<?cs call:invalid_attr(name) ?>>
      <a class="button lookup-open" href="/lookup/<?cs var:what ?><?cs if:string.find(what, "?") >= 0 ?>&amp;<?cs else ?>?<?cs /if ?>field=<?cs var:name ?>&amp;back=<?cs var:url_escape(back) ?>" title="<?cs var:Lang.Lookup.open ?>"><svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" stroke-width="2"><circle cx="6.5" cy="6.5" r="4.5"/><path d="M10 10l4.5 4.5"/></svg><span class="sr"><?cs var:Lang.Lookup.open ?></span></a>
    </div>
    <?cs call:field_error(name) ?>
  </div><?cs /def ?>
<?cs # The case form's fields (F: Form), in the manual's sections. ?>
<?cs def:case_fields(F, back) ?>
  <fieldset class="panel grid-form">
    <legend><?cs var:Lang.Cases.Section.general ?></legend>
    <div class="field wide">
      <label for="subject"><?cs var:Lang.Cases.Field.subject ?></label>
      <input id="subject" name="subject" value="<?cs var:F.subject ?>" required maxlength="200"<?cs call:invalid_attr("subject") ?>>
      <?cs call:field_error("subject") ?>
    </div>
    <div class="field wide">
      <label for="description"><?cs var:Lang.Cases.Field.description ?></label>
      <textarea id="description" name="description" rows="4" required maxlength="20000"<?cs call:invalid_attr("description") ?>><?cs var:F.description ?></textarea>
      <?cs call:field_error("description") ?>
    </div>
    <?cs call:select_field("area", Lang.Cases.Field.area, Options.areas, F.area, Lang.Cases.choose) ?>
    <?cs call:select_field("type", Lang.Cases.Field.type, Options.types, F.type, "—") ?>
    <?cs call:select_field("priority", Lang.Cases.Field.priority, Options.priorities, F.priority, "") ?>
    <?cs call:select_field("assignee", Lang.Cases.Field.assignee, Options.users, F.assignee, Lang.Cases.nobody) ?>
    <?cs call:text_field("received_at", Lang.Cases.Field.received_at, F.received_at, " type=datetime-local") ?>
    <?cs call:select_field("source", Lang.Cases.Field.source, Options.sources, F.source, "—") ?>
    <?cs # active campaigns and the case's own; no list (options not loaded): no field, so nothing is cleared ?>
    <?cs if:subcount(Options.campaigns) ?><div class="field">
      <label for="campaign"><?cs var:Lang.Cases.Field.campaign ?></label>
      <select id="campaign" name="campaign"<?cs call:invalid_attr("campaign") ?>>
        <option value="">—</option>
        <?cs each:o = Options.campaigns ?><?cs if:o.active == "1" || o.id == F.campaign ?><option value="<?cs var:o.id ?>"<?cs if:o.id == F.campaign ?> selected<?cs /if ?>><?cs var:o.name ?></option><?cs /if ?><?cs /each ?>
      </select>
      <?cs call:field_error("campaign") ?>
    </div><?cs /if ?>
  </fieldset>
  <fieldset class="panel grid-form">
    <legend><?cs var:Lang.Cases.Section.customer ?></legend>
    <?cs call:lookup_field("customer", Lang.Cases.Field.customer, "customers", F.customer, F.customer_name, back) ?>
    <?cs call:lookup_field("contact", Lang.Cases.Field.contact, "contacts", F.contact, F.contact_name, back) ?>
    <?cs if:subcount(Options.accounts) ?><?cs call:select_field("account", Lang.Cases.Field.account, Options.accounts, F.account, "—") ?><?cs /if ?>
    <p class="hint wide"><?cs var:Lang.Cases.requester_hint ?></p>
    <?cs call:text_field("requester_first_name", Lang.Cases.Field.requester_first_name, F.requester_first_name, " maxlength=60") ?>
    <?cs call:text_field("requester_last_name", Lang.Cases.Field.requester_last_name, F.requester_last_name, " maxlength=60") ?>
    <?cs call:text_field("requester_title", Lang.Cases.Field.requester_title, F.requester_title, " maxlength=100") ?>
    <?cs call:text_field("requester_phone", Lang.Cases.Field.requester_phone, F.requester_phone, " type=tel maxlength=30") ?>
    <?cs call:text_field("requester_email", Lang.Cases.Field.requester_email, F.requester_email, " type=email maxlength=254") ?>
    <?cs if:!F.id && !Case.id ?><?cs call:flag_box("save_requester", Lang.Cases.save_requester, F.save_requester) ?><?cs /if ?>
  </fieldset>
  <fieldset class="panel grid-form">
    <legend><?cs var:Lang.Cases.Section.planning ?></legend>
    <?cs call:text_field("due_at", Lang.Cases.Field.due_at, F.due_at, " type=date") ?>
    <?cs call:text_field("start_at", Lang.Cases.Field.start_at, F.start_at, " type=date") ?>
    <?cs call:text_field("close_at", Lang.Cases.Field.close_at, F.close_at, " type=date") ?>
    <?cs call:select_field("stage", Lang.Cases.Field.stage, Options.stages, F.stage, "—") ?>
    <?cs call:text_field("progress", Lang.Cases.Field.progress, F.progress, " type=number min=0 max=100") ?>
    <?cs call:select_field("team", Lang.Cases.Field.team, Options.teams, F.team, "—") ?>
    <?cs call:select_field("department", Lang.Cases.Field.department, Options.departments, F.department, "—") ?>
    <?cs call:select_field("coordinator", Lang.Cases.Field.coordinator, Options.users, F.coordinator, "—") ?>
  </fieldset>
  <fieldset class="panel grid-form">
    <legend><?cs var:Lang.Cases.Section.other ?></legend>
    <?cs call:select_field("article", Lang.Cases.Field.article, Options.articles, F.article, "—") ?>
    <?cs call:select_field("class", Lang.Cases.Field.class, Options.classes, F.class, "—") ?>
    <?cs call:text_field("estimate_hours", Lang.Cases.Field.estimate_hours, F.estimate_hours, " inputmode=decimal") ?>
    <div class="field">
      <label for="complexity"><?cs var:Lang.Cases.Field.complexity ?></label>
      <select id="complexity" name="complexity"<?cs call:invalid_attr("complexity") ?>>
        <option value="">—</option>
        <?cs each:o = Lang.Cases.Complexity ?><option value="<?cs name:o ?>"<?cs if:F.complexity == name(o) ?> selected<?cs /if ?>><?cs var:o ?></option><?cs /each ?>
      </select>
      <?cs call:field_error("complexity") ?>
    </div>
    <?cs call:text_field("level", Lang.Cases.Field.level, F.level, " type=number min=0 max=1000") ?>
    <?cs call:flag_box("internal", Lang.Cases.Field.internal, F.internal) ?>
    <?cs call:flag_box("billable", Lang.Cases.Field.billable, F.billable) ?>
    <div class="field wide">
      <label for="comment"><?cs var:Lang.Cases.Field.comment ?></label>
      <textarea id="comment" name="comment" rows="2" maxlength="20000"<?cs call:invalid_attr("comment") ?>><?cs var:F.comment ?></textarea>
      <?cs call:field_error("comment") ?>
    </div>
  </fieldset><?cs /def ?>
<?cs def:select_filter(name, label, options, current) ?><div class="field"><label for="<?cs var:name ?>"><?cs var:label ?></label>
    <select id="<?cs var:name ?>" name="<?cs var:name ?>">
      <option value=""><?cs var:Lang.Common.all ?></option>
      <?cs each:o = options ?><option value="<?cs var:o.id ?>"<?cs if:current == o.id ?> selected<?cs /if ?>><?cs var:o.name ?></option><?cs /each ?>
    </select></div><?cs /def ?>
<?cs # The fields of an activity (A). ?>
<?cs def:activity_fields(A) ?>
  <?cs call:select_field("type", Lang.Activities.type, Options.activity_types, A.type, "—") ?>
  <div class="field wide">
    <label for="a-description"><?cs var:Lang.Activities.description ?></label>
    <input id="a-description" name="description" value="<?cs var:A.description ?>" required maxlength="1000"<?cs call:invalid_attr("description") ?>>
    <?cs call:field_error("description") ?>
  </div>
  <?cs call:select_field("executor", Lang.Activities.executor, Options.users, A.executor, Lang.Activities.case_executor) ?>
  <?cs call:select_field("priority", Lang.Cases.Field.priority, Options.priorities, A.priority, "—") ?>
  <?cs call:text_field("date", Lang.Activities.date, A.date, " type=date") ?>
  <?cs call:text_field("start_time", Lang.Activities.start_time, A.start_time, " type=time") ?>
  <?cs call:text_field("end_time", Lang.Activities.end_time, A.end_time, " type=time") ?>
  <?cs call:text_field("start_at", Lang.Activities.start_at, A.start_at, " type=date") ?>
  <?cs call:text_field("due_at", Lang.Activities.due_at, A.due_at, " type=date") ?>
  <div class="field">
    <label for="a-status"><?cs var:Lang.Activities.status ?></label>
    <select id="a-status" name="status"<?cs call:invalid_attr("status") ?>>
      <?cs each:o = Lang.Activities.Status ?><option value="<?cs name:o ?>"<?cs if:A.status == name(o) ?> selected<?cs /if ?>><?cs var:o ?></option><?cs /each ?>
    </select>
    <?cs call:field_error("status") ?>
  </div>
  <?cs call:text_field("completed_at", Lang.Activities.completed_at, A.completed_at, " type=date") ?>
  <?cs call:text_field("percent", Lang.Activities.percent, A.percent, " type=number min=0 max=100") ?>
  <?cs call:select_field("article", Lang.Cases.Field.article, Options.articles, A.article, "—") ?>
  <?cs call:flag_box("billable", Lang.Activities.billable, A.billable) ?><?cs /def ?>
