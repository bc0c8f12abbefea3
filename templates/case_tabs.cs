<?cs # case_tabs.cs: the contact-center tabs of the case view (manual 003):
   customer, contact data, the managements of the history tab, script and
   attachments, and the side panels other parts fill (the conversation is
   case_conversation.cs). Each is a macro, so case.cs keeps the tabs in the
   order the manual lists them. ?>
<?cs # The customer's data, editable here (saved by /customers, which comes back
   to this tab), the search for matches, and the accounts with their detail. ?>
<?cs def:tab_customer() ?>
<div class="tab-panel" id="customer">
<section class="panel">
  <h2><?cs var:Lang.Cases.Tab.customer ?>
    <?cs if:Customer.id ?> <a class="small" href="/customers/<?cs var:Customer.id ?>"><?cs var:Lang.Cases.customer_record ?></a><?cs /if ?></h2>
  <p><a class="button" href="/customers/match?case=<?cs var:Case.id ?>"><?cs var:Lang.Cases.find_matches ?></a>
    <span class="muted small"><?cs var:Lang.Cases.find_matches_hint ?></span></p>
  <?cs if:Customer.id ?>
  <?cs set:CustomerForm.kind = Customer.kind ?><?cs set:CustomerForm.doc_type = Customer.doc_type_id ?>
  <?cs set:CustomerForm.doc_number = Customer.doc_number ?><?cs set:CustomerForm.first_name = Customer.first_name ?>
  <?cs set:CustomerForm.second_name = Customer.second_name ?><?cs set:CustomerForm.first_surname = Customer.first_surname ?>
  <?cs set:CustomerForm.second_surname = Customer.second_surname ?><?cs set:CustomerForm.legal_name = Customer.legal_name ?>
  <?cs set:CustomerForm.birth_date = Customer.birth_date ?><?cs set:CustomerForm.sex = Customer.sex ?>
  <?cs set:CustomerForm.organization = Customer.organization_id ?><?cs set:CustomerForm.organization_name = Customer.organization ?>
  <form method="post" action="/customers/<?cs var:Customer.id ?>" class="form grid-form" data-kind-form>
    <?cs call:csrf_field() ?>
    <input type="hidden" name="version" value="<?cs var:Customer.version ?>">
    <input type="hidden" name="return" value="/cases/<?cs var:Case.id ?>#customer">
    <?cs call:customer_fields(CustomerForm) ?>
    <div class="actions"><button type="submit" class="primary"><?cs var:Lang.Common.save ?></button></div>
  </form>
  <h3 id="accounts"><?cs var:Lang.Customers.accounts ?> <span class="muted count"><?cs var:subcount(Options.accounts) ?></span></h3>
  <?cs if:subcount(Options.accounts) ?>
  <ul class="plain accounts">
    <?cs each:a = Options.accounts ?>
    <li><details><summary><strong><?cs var:a.number ?></strong> <?cs var:a.product ?>
        <?cs if:a.id == Form.account ?><span class="badge badge-info"><?cs var:Lang.Cases.this_case ?></span><?cs /if ?>
        <span class="small"><?cs var:Lang.Cases.account_detail ?></span></summary>
      <dl class="summary">
        <div><dt><?cs var:Lang.Customers.account_status ?></dt><dd><span class="badge badge-account-<?cs var:a.status ?>"><?cs var:Lang.Customers.AccountStatus[a.status] ?></span></dd></div>
        <?cs if:a.opened_at ?><div><dt><?cs var:Lang.Customers.opened_at ?></dt><dd><?cs var:date(a.opened_at) ?></dd></div><?cs /if ?>
        <?cs if:a.detail ?><div><dt><?cs var:Lang.Customers.detail ?></dt><dd><?cs var:a.detail ?></dd></div><?cs /if ?>
      </dl></details></li>
    <?cs /each ?>
  </ul>
  <?cs else ?><p class="muted"><?cs var:Lang.Customers.no_accounts ?></p><?cs /if ?>
  <details id="account-add"<?cs if:Page.open == "account" ?> open<?cs /if ?>>
    <summary><?cs var:Lang.Cases.Action.account ?></summary>
    <form method="post" action="/cases/<?cs var:Case.id ?>/accounts" class="form grid-form">
      <?cs call:csrf_field() ?>
      <div class="field"><label for="acc-number"><?cs var:Lang.Customers.account_number ?></label>
        <input id="acc-number" name="number" value="<?cs var:NewAccount.number ?>" required maxlength="40"<?cs call:invalid_attr("number") ?>><?cs call:field_error("number") ?></div>
      <div class="field"><label for="acc-product"><?cs var:Lang.Customers.product ?></label>
        <input id="acc-product" name="product" value="<?cs var:NewAccount.product ?>" maxlength="100"<?cs call:invalid_attr("product") ?>><?cs call:field_error("product") ?></div>
      <div class="field"><label for="acc-opened"><?cs var:Lang.Customers.opened_at ?></label>
        <input id="acc-opened" name="opened_at" type="date" value="<?cs var:NewAccount.opened_at ?>"<?cs call:invalid_attr("opened_at") ?>><?cs call:field_error("opened_at") ?></div>
      <div class="field wide"><label for="acc-detail"><?cs var:Lang.Customers.detail ?></label>
        <textarea id="acc-detail" name="detail" rows="2" maxlength="4000"><?cs var:NewAccount.detail ?></textarea><?cs call:field_error("detail") ?></div>
      <p class="hint wide"><?cs var:Lang.Cases.account_add_hint ?></p>
      <div class="actions"><button type="submit" class="primary"><?cs var:Lang.Common.save ?></button></div>
    </form>
  </details>
  <?cs else ?>
  <p class="muted"><?cs var:Lang.Cases.no_customer ?><?cs if:Case.requester_first_name ?>: <?cs var:Case.requester_first_name ?> <?cs var:Case.requester_last_name ?><?cs /if ?></p>
  <?cs /if ?>
</section>
</div>
<?cs /def ?>

<?cs # The customer's contact data: phones are tel: links (click to call);
   edit and delete go through /customers and come back to this tab. ?>
<?cs def:tab_contact() ?>
<div class="tab-panel" id="contact">
<section class="panel">
  <h2><?cs var:Lang.Customers.contact_data ?> <span class="muted count"><?cs var:subcount(ContactData) ?></span></h2>
  <?cs if:subcount(ContactData) ?>
  <div class="table-wrap">
  <table class="grid compact">
    <thead><tr><th scope="col"><?cs var:Lang.Customers.datum_type ?></th><th scope="col"><?cs var:Lang.Customers.value ?></th><th scope="col"><?cs var:Lang.Customers.label ?></th><th scope="col"><span class="sr"><?cs var:Lang.Common.actions ?></span></th></tr></thead>
    <tbody>
    <?cs each:d = ContactData ?>
      <tr>
        <?cs call:datum_cells(d) ?>
        <td class="row-actions"><a href="/customers/<?cs var:Case.customer_id ?>/contact-data/<?cs var:d.id ?>?return=<?cs var:url_escape("/cases/" + Case.id + "#contact") ?>"><?cs var:Lang.Common.edit ?></a>
          <form method="post" action="/customers/<?cs var:Case.customer_id ?>/contact-data/<?cs var:d.id ?>/delete" class="inline" data-confirm="<?cs var:Lang.Common.confirm ?>">
            <?cs call:csrf_field() ?><input type="hidden" name="return" value="/cases/<?cs var:Case.id ?>#contact"><button type="submit" class="link danger"><?cs var:Lang.Common.delete ?></button></form></td>
      </tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs elif:Case.customer_id ?><p class="muted"><?cs var:Lang.Customers.no_data ?></p><?cs /if ?>
  <?cs if:Case.customer_id ?>
  <details id="contact-add"<?cs if:Page.open == "contact" ?> open<?cs /if ?>>
    <summary><?cs var:Lang.Cases.Action.contact ?></summary>
    <form method="post" action="/cases/<?cs var:Case.id ?>/contact-data" class="form grid-form">
      <?cs call:csrf_field() ?>
      <div class="field"><label for="cd-type"><?cs var:Lang.Customers.datum_type ?></label>
        <select id="cd-type" name="type"<?cs call:invalid_attr("type") ?>>
          <?cs each:o = Lang.Customers.Datum ?><option value="<?cs name:o ?>"<?cs if:NewDatum.type == name(o) ?> selected<?cs /if ?>><?cs var:o ?></option><?cs /each ?>
        </select><?cs call:field_error("type") ?></div>
      <div class="field"><label for="cd-area"><?cs var:Lang.Customers.area_code ?></label>
        <input id="cd-area" name="area_code" value="<?cs var:NewDatum.area_code ?>" maxlength="5" inputmode="numeric" size="5"<?cs call:invalid_attr("area_code") ?>><?cs call:field_error("area_code") ?></div>
      <div class="field"><label for="cd-value"><?cs var:Lang.Customers.value ?></label>
        <input id="cd-value" name="value" value="<?cs var:NewDatum.value ?>" required maxlength="300"<?cs call:invalid_attr("value") ?>><?cs call:field_error("value") ?></div>
      <div class="field"><label for="cd-label"><?cs var:Lang.Customers.label ?></label>
        <input id="cd-label" name="label" value="<?cs var:NewDatum.label ?>" maxlength="60"<?cs call:invalid_attr("label") ?>><?cs call:field_error("label") ?></div>
      <?cs call:flag_box("preferred", Lang.Customers.preferred, NewDatum.preferred) ?>
      <div class="actions"><button type="submit" class="primary"><?cs var:Lang.Common.save ?></button></div>
    </form>
  </details>
  <?cs else ?><p class="muted"><?cs var:Lang.Cases.no_customer ?></p><?cs /if ?>
</section>
</div>
<?cs /def ?>

<?cs # Every earlier management of the case, by anyone, newest first. ?>
<?cs def:managements() ?>
<section class="panel" id="managements">
  <h2><?cs var:Lang.Cases.managements ?> <span class="muted count"><?cs var:subcount(Managements) ?></span></h2>
  <?cs if:subcount(Managements) ?>
  <ol class="timeline managements">
    <?cs each:m = Managements ?><li><strong><?cs var:m.path ?></strong>
      <span class="muted small"><?cs var:datetime(m.created_at) ?> · <?cs var:m.user ?><?cs if:m.campaign ?> · <?cs var:m.campaign ?><?cs /if ?></span>
      <?cs if:m.next_at ?><div class="small"><?cs var:Lang.Cases.Field.next_at ?>: <?cs var:datetime(m.next_at) ?></div><?cs /if ?>
      <?cs if:m.observations ?><div class="note"><?cs var:m.observations ?></div><?cs /if ?></li><?cs /each ?>
  </ol>
  <?cs else ?><p class="muted"><?cs var:Lang.Cases.no_managements ?></p><?cs /if ?>
</section>
<?cs /def ?>

<?cs def:tab_script() ?>
<div class="tab-panel" id="script">
<section class="panel">
  <h2><?cs var:Lang.Cases.Tab.script ?><?cs if:Campaign.name ?> <span class="muted small"><?cs var:Campaign.name ?></span><?cs /if ?></h2>
  <?cs if:Campaign.script_html ?>
  <?cs # Raw on purpose: the script is Markdown rendered by libcmark in safe
     mode (lib/campaigns.c), which drops raw HTML and unsafe links. ?>
  <div class="script"><?cs escape:"none" ?><?cs var:Campaign.script_html ?><?cs /escape ?></div>
  <?cs elif:Case.campaign_id ?><p class="muted"><?cs var:Lang.Cases.no_script ?></p>
  <?cs else ?><p class="muted"><?cs var:Lang.Cases.no_campaign ?></p><?cs /if ?>
</section>
</div>
<?cs /def ?>

<?cs # Every file of the case (those of its notes), and adding one. ?>
<?cs def:tab_attachments() ?>
<div class="tab-panel" id="attachments">
<section class="panel">
  <h2><?cs var:Lang.Cases.Tab.attachments ?> <span class="muted count"><?cs var:subcount(Attachments) ?></span></h2>
  <?cs if:subcount(Attachments) ?>
  <div class="table-wrap">
  <table class="grid compact">
    <thead><tr><th scope="col"><?cs var:Lang.Cases.file ?></th><th scope="col" class="num"><?cs var:Lang.Cases.size ?></th><th scope="col"><?cs var:Lang.Cases.when ?></th><th scope="col"><?cs var:Lang.Notes.title ?></th></tr></thead>
    <tbody>
    <?cs each:f = Attachments ?>
      <tr><td><a href="/attachments/<?cs var:f.id ?>" download><?cs var:f.name ?></a> <span class="muted small"><?cs var:f.content_type ?></span></td>
        <td class="num nowrap"><?cs var:f.size ?> B</td>
        <td class="nowrap"><?cs var:datetime(f.created_at) ?></td>
        <td><?cs each:n = Notes ?><?cs if:n.id == f.note_id ?><?cs var:n.title ?><?cs if:n.public == "1" ?> <span class="badge badge-info"><?cs var:Lang.Notes.public ?></span><?cs /if ?><?cs /if ?><?cs /each ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs else ?><p class="muted"><?cs var:Lang.Cases.no_files ?></p><?cs /if ?>
  <?cs if:Page.can_edit ?>
  <details id="attachment-add"<?cs if:Page.open == "attachment" ?> open<?cs /if ?>>
    <summary><?cs var:Lang.Cases.Action.attachment ?></summary>
    <form method="post" action="/cases/<?cs var:Case.id ?>/notes" enctype="multipart/form-data" class="form grid-form">
      <?cs call:csrf_field() ?>
      <div class="field"><label for="att-file"><?cs var:Lang.Notes.files ?></label>
        <input id="att-file" name="file" type="file" multiple required><span class="hint"><?cs var:Lang.Notes.files_hint ?></span></div>
      <div class="field"><label for="att-title"><?cs var:Lang.Notes.note_title ?></label>
        <input id="att-title" name="title" value="<?cs var:Lang.Cases.attachment_title ?>" required maxlength="200"></div>
      <?cs call:flag_box("public", Lang.Notes.public_label, "0") ?>
      <div class="actions"><button type="submit" class="primary"><?cs var:Lang.Cases.attach ?></button></div>
    </form>
  </details>
  <?cs /if ?>
</section>
</div>
<?cs /def ?>

