<?cs include:"macros.cs" ?><?cs include:"case_tabs.cs" ?><?cs include:"case_conversation.cs" ?><?cs include:"case_merge.cs" ?><?cs set:title = Case.number + " · " + Case.subject ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/cases"><?cs var:Lang.Cases.back ?></a> /</p>
<header class="case-head" data-presence-case="<?cs var:Case.id ?>">
  <div class="case-title">
    <h1><span class="case-number"><?cs var:Case.number ?></span> <?cs var:Case.subject ?></h1>
    <span class="badge badge-portal-<?cs var:Case.portal_state ?>"><?cs var:Case.status_code ?> · <?cs var:Case.status ?></span>
    <span class="badge badge-prio-<?cs var:Case.priority_code ?>"><?cs var:Case.priority ?></span>
    <?cs if:Case.overdue == "1" ?><span class="badge badge-danger"><?cs var:Lang.Cases.overdue ?></span><?cs /if ?>
    <?cs if:Case.merged_into ?><span class="badge badge-muted"><?cs var:Lang.Cases.merged_into ?> <a href="/cases/<?cs var:Case.merged_into_id ?>"><?cs var:Case.merged_into ?></a></span><?cs /if ?>
  </div>
  <dl class="case-facts">
    <div><dt><?cs var:Lang.Cases.created ?></dt><dd><?cs var:datetime(Case.created_at) ?><?cs if:Case.created_by ?> · <?cs var:Case.created_by ?><?cs /if ?></dd></div>
    <div><dt><?cs var:Lang.Cases.Field.assignee ?></dt><dd><?cs if:Case.assignee ?><?cs var:Case.assignee ?><?cs else ?><span class="muted"><?cs var:Lang.Cases.nobody ?></span><?cs /if ?></dd></div>
    <div><dt><?cs var:Lang.Cases.Field.customer ?></dt><dd><?cs if:Case.customer ?><a href="/customers/<?cs var:Case.customer_id ?>"><?cs var:Case.customer ?></a><?cs else ?><?cs var:Case.requester_first_name ?> <?cs var:Case.requester_last_name ?><?cs /if ?></dd></div>
    <?cs if:Case.doc_number ?><div><dt><?cs var:Lang.Customers.document ?></dt><dd><?cs var:Case.doc_type ?> <?cs var:Case.doc_number ?></dd></div><?cs /if ?>
    <?cs if:Case.account ?><div><dt><?cs var:Lang.Cases.Field.account ?></dt><dd><?cs var:Case.account ?> <span class="muted small"><?cs var:Case.account_product ?></span></dd></div><?cs /if ?>
    <div><dt><?cs var:Lang.Cases.Field.area ?></dt><dd><?cs var:Case.area ?></dd></div>
    <?cs if:Case.campaign ?><div><dt><?cs var:Lang.Cases.Field.campaign ?></dt><dd><?cs var:Case.campaign ?></dd></div><?cs /if ?>
    <?cs if:Case.next_at ?><div><dt><?cs var:Lang.Cases.Field.next_at ?></dt><dd<?cs if:Case.next_due == "1" && Case.closed != "1" ?> class="overdue"<?cs /if ?>><?cs var:datetime(Case.next_at) ?></dd></div><?cs /if ?>
  </dl>
  <nav class="case-actions" aria-label="<?cs var:Lang.Cases.actions ?>">
    <?cs if:Case.customer_id ?><a class="button" href="#contact-add"><?cs var:Lang.Cases.Action.contact ?></a>
    <a class="button" href="#account-add"><?cs var:Lang.Cases.Action.account ?></a><?cs /if ?>
    <?cs if:Page.can_edit ?><a class="button" href="#attachment-add"><?cs var:Lang.Cases.Action.attachment ?></a><?cs /if ?>
    <?cs if:Case.closed != "1" ?><a class="button" href="#reassign"><?cs var:Lang.Cases.Action.reassign ?></a>
    <a class="button" href="#merge"><?cs var:Lang.Cases.Action.merge ?></a>
    <a class="button danger" href="#close"><?cs var:Lang.Cases.Action.close ?></a><?cs /if ?>
    <form method="post" action="/presence" class="inline exit">
      <?cs call:csrf_field() ?><input type="hidden" name="state" value="waiting"><input type="hidden" name="case" value="<?cs var:Case.id ?>">
      <button type="submit"><?cs var:Lang.Cases.Action.exit ?></button>
    </form>
  </nav>
</header>
<?cs if:Page.saved ?><p class="notice" role="status"><?cs var:Lang.Common.saved ?></p><?cs /if ?>
<?cs if:Form.error ?><p class="alert" role="alert"><?cs var:Lang.Err.invalid ?></p><?cs /if ?>
<?cs if:subcount(Conflict) ?>
<section class="alert conflict" role="alert">
  <p><strong><?cs var:Lang.Err.conflict_case ?></strong></p>
  <ul><?cs each:h = Conflict ?><li><?cs var:datetime(h.at) ?> · <?cs var:h.user ?>: <?cs if:h.field ?><?cs var:Lang.Cases.Field[h.field] ?>: <?cs /if ?><?cs var:h.old_value ?> → <?cs var:h.new_value ?><?cs if:h.note ?> — <?cs var:h.note ?><?cs /if ?></li><?cs /each ?></ul>
</section>
<?cs /if ?>
<nav class="tabs" aria-label="<?cs var:Lang.Cases.sections ?>" data-tabs="<?cs if:Page.open == "account" ?>account-add<?cs elif:Page.open == "contact" ?>contact-add<?cs elif:Page.open == "attachment" ?>attachment-add<?cs else ?><?cs var:Page.open ?><?cs /if ?>">
  <a href="#summary"><?cs var:Lang.Cases.Tab.summary ?></a>
  <a href="#conversation"><?cs var:Lang.Cases.Tab.conversation ?> <span class="count"><?cs var:subcount(Messages) ?></span></a>
  <a href="#customer"><?cs var:Lang.Cases.Tab.customer ?></a>
  <a href="#contact"><?cs var:Lang.Cases.Tab.contact ?> <span class="count"><?cs var:subcount(ContactData) ?></span></a>
  <a href="#history"><?cs var:Lang.Cases.Tab.history ?></a>
  <a href="#script"><?cs var:Lang.Cases.Tab.script ?></a>
  <a href="#attachments"><?cs var:Lang.Cases.Tab.attachments ?> <span class="count"><?cs var:subcount(Attachments) ?></span></a>
  <a href="#activities"><?cs var:Lang.Cases.Tab.activities ?> <span class="count"><?cs var:subcount(Activities) ?></span></a>
  <a href="#notes"><?cs var:Lang.Notes.title ?> <span class="count"><?cs var:subcount(Notes) ?></span></a>
</nav>
<div class="case-body">
<div class="case-main">
<div class="tab-panel" id="summary">
<section class="panel">
  <h2><?cs var:Lang.Cases.Tab.summary ?></h2>
  <div class="description"><?cs var:Case.description ?></div>
  <dl class="summary">
    <?cs each:k = Summary ?><div><dt><?cs var:Lang.Cases.Field[k.field] ?></dt><dd><?cs if:k.format == "date" ?><?cs var:date(k.value) ?><?cs elif:k.format == "datetime" ?><?cs var:datetime(k.value) ?><?cs elif:k.format == "complexity" ?><?cs var:Lang.Cases.Complexity[k.value] ?><?cs elif:k.format == "flag" ?><?cs var:Lang.Common.yes ?><?cs elif:k.format == "percent" ?><?cs var:k.value ?> %<?cs else ?><?cs var:k.value ?><?cs /if ?></dd></div><?cs /each ?>
  </dl>
  <?cs if:Case.requester_first_name || Case.requester_email ?>
  <h3><?cs var:Lang.Cases.requester ?></h3>
  <p><?cs var:Case.requester_first_name ?> <?cs var:Case.requester_last_name ?><?cs if:Case.requester_title ?> · <?cs var:Case.requester_title ?><?cs /if ?><?cs if:Case.requester_phone ?> · <a href="tel:<?cs var:Case.requester_phone ?>"><?cs var:Case.requester_phone ?></a><?cs /if ?><?cs if:Case.requester_email ?> · <a href="mailto:<?cs var:Case.requester_email ?>"><?cs var:Case.requester_email ?></a><?cs /if ?></p>
  <?cs /if ?>
  <?cs if:Case.resolution ?><h3><?cs var:Lang.Cases.resolution ?></h3><div class="description"><?cs var:Case.resolution ?></div><p class="muted small"><?cs var:datetime(Case.closed_at) ?> · <?cs var:Case.closed_by ?></p><?cs /if ?>
</section>
<?cs if:Page.can_edit ?>
<form method="post" action="/cases/<?cs var:Case.id ?>" class="form case-form" id="update">
  <?cs call:csrf_field() ?>
  <input type="hidden" name="version" value="<?cs var:Case.version ?>">
  <?cs if:Case.closed != "1" ?>
  <fieldset class="panel grid-form">
    <legend><?cs var:Lang.Cases.Section.status ?></legend>
    <div class="field">
      <label for="status"><?cs var:Lang.Cases.Field.status ?></label>
      <select id="status" name="status"<?cs call:invalid_attr("status") ?>>
        <?cs each:o = Options.statuses ?><option value="<?cs var:o.id ?>"<?cs if:o.id == Form.status ?> selected<?cs /if ?>><?cs var:o.code ?> · <?cs var:o.name ?></option><?cs /each ?>
      </select>
      <?cs call:field_error("status") ?>
    </div>
    <div class="field wide">
      <label for="note"><?cs var:Lang.Cases.status_note ?></label>
      <textarea id="note" name="note" rows="2"<?cs call:invalid_attr("note") ?>><?cs var:Form.note ?></textarea>
      <?cs call:field_error("note") ?>
    </div>
  </fieldset>
  <?cs /if ?>
  <details class="edit-fields"<?cs if:(Form.error && !Page.open && !Merge.open) || Form.subject != Case.subject ?> open<?cs /if ?>>
    <summary><?cs var:Lang.Cases.edit_fields ?></summary>
    <?cs call:case_fields(Form, "/cases/" + Case.id) ?>
  </details>
  <div class="actions"><button type="submit" class="primary"><?cs var:Lang.Common.save ?></button></div>
</form>
<?cs /if ?>
<section class="panel" id="status-history">
  <h2><?cs var:Lang.Cases.Tab.status ?></h2>
  <ol class="timeline">
    <?cs each:h = StatusHistory ?><li><span class="badge badge-muted"><?cs var:h.new_value ?></span> <span class="muted small"><?cs var:datetime(h.at) ?> · <?cs var:h.user ?><?cs if:h.episode > 1 ?> · <?cs var:Lang.Cases.episode ?> <?cs var:h.episode ?><?cs /if ?></span><?cs if:h.note ?><div class="note"><?cs var:h.note ?></div><?cs /if ?></li><?cs /each ?>
  </ol>
</section>
</div>
<?cs call:tab_conversation() ?>
<?cs call:tab_customer() ?>
<?cs call:tab_contact() ?>
<div class="tab-panel" id="history">
<?cs call:managements() ?>
<section class="panel">
  <h2><?cs var:Lang.Cases.Tab.history ?> <span class="muted count"><?cs var:subcount(History) ?></span></h2>
  <div class="table-wrap">
  <table class="grid compact">
    <thead><tr><th scope="col"><?cs var:Lang.Cases.when ?></th><th scope="col"><?cs var:Lang.Cases.who ?></th><th scope="col"><?cs var:Lang.Cases.what ?></th><th scope="col"><?cs var:Lang.Cases.change ?></th></tr></thead>
    <tbody>
    <?cs each:h = History ?>
      <tr>
        <td class="nowrap"><?cs var:datetime(h.at) ?></td>
        <td><?cs var:h.user ?><?cs if:h.from_case ?> <span class="chip small" title="<?cs var:Lang.Cases.from_case ?>"><?cs var:h.from_case ?></span><?cs /if ?></td>
        <td><?cs var:Lang.Cases.Kind[h.kind] ?><?cs if:h.field && h.kind == "change" ?>: <?cs var:Lang.Cases.Field[h.field] ?><?cs elif:h.kind == "activity" ?>: <?cs var:Lang.Activities.Change[h.field] ?><?cs elif:h.kind == "note" && h.field ?>: <?cs var:Lang.Notes.Change[h.field] ?><?cs /if ?></td>
        <td><?cs if:h.old_value || h.new_value ?><span class="old"><?cs var:h.old_value ?></span> → <span class="new"><?cs var:h.new_value ?></span><?cs /if ?><?cs if:h.note ?><div class="note"><?cs var:h.note ?></div><?cs /if ?></td>
      </tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
</section>
<?cs if:subcount(Escalations) ?>
<section class="panel" id="escalations">
  <h2><?cs var:Lang.Rules.escalations ?></h2>
  <ul class="plain"><?cs each:e = Escalations ?><li><?cs if:User.is_supervisor ?><a href="/admin/rules/<?cs var:e.rule_id ?>"><?cs /if ?><?cs var:Lang.Rules.rule ?> <?cs var:e.rule_id ?><?cs if:User.is_supervisor ?></a><?cs /if ?> · <?cs var:datetime(e.fired_at) ?><?cs if:e.episode > 1 ?> · <?cs var:Lang.Cases.episode ?> <?cs var:e.episode ?><?cs /if ?></li><?cs /each ?></ul>
</section>
<?cs /if ?>
</div>
<?cs call:tab_script() ?>
<?cs call:tab_attachments() ?>
<div class="tab-panel" id="activities">
<section class="panel">
  <h2><?cs var:Lang.Cases.Tab.activities ?> <span class="muted count"><?cs var:subcount(Activities) ?></span></h2>
  <p class="totals">
    <span><?cs var:Lang.Activities.hours ?>: <strong><?cs var:ActivityTotals.hours ?></strong></span>
    <span><?cs var:Lang.Activities.billable_hours ?>: <strong><?cs var:ActivityTotals.billable_hours ?></strong></span>
    <span><?cs var:Lang.Activities.done_of ?>: <strong><?cs alt:ActivityTotals.done ?>0<?cs /alt ?> / <?cs var:ActivityTotals.count ?></strong></span>
    <span class="progress-label"><?cs var:Lang.Cases.Field.progress ?>: <strong><?cs var:Case.progress ?> %</strong>
      <progress max="100" value="<?cs var:Case.progress ?>" aria-hidden="true"></progress></span>
  </p>
  <?cs if:subcount(Activities) ?>
  <div class="table-wrap">
  <table class="grid compact activities">
    <thead><tr>
      <th scope="col"><?cs var:Lang.Activities.date ?></th>
      <th scope="col"><?cs var:Lang.Activities.time ?></th>
      <th scope="col"><?cs var:Lang.Activities.description ?></th>
      <th scope="col"><?cs var:Lang.Activities.executor ?></th>
      <th scope="col"><?cs var:Lang.Activities.status ?></th>
      <th scope="col" class="num"><?cs var:Lang.Activities.hours_short ?></th>
      <th scope="col"><?cs var:Lang.Activities.billable_short ?></th>
      <th scope="col"><span class="sr"><?cs var:Lang.Common.actions ?></span></th>
    </tr></thead>
    <tbody>
    <?cs each:a = Activities ?>
      <tr<?cs if:a.status == "cancelled" ?> class="inactive"<?cs /if ?>>
        <td class="nowrap"><?cs var:date(a.date) ?></td>
        <td class="nowrap"><?cs if:a.start_time ?><?cs var:a.start_time ?>–<?cs var:a.end_time ?><?cs /if ?></td>
        <td><?cs if:a.type ?><span class="muted small"><?cs var:a.type ?>:</span> <?cs /if ?><?cs var:a.description ?><?cs if:a.article ?> <span class="chip"><?cs var:a.article ?></span><?cs /if ?><?cs if:a.due_at ?><div class="muted small<?cs if:a.overdue == "1" ?> overdue<?cs /if ?>"><?cs var:Lang.Activities.due_at ?>: <?cs var:date(a.due_at) ?></div><?cs /if ?></td>
        <td><?cs var:a.executor ?></td>
        <td><span class="badge badge-act-<?cs var:a.status ?>"><?cs var:Lang.Activities.Status[a.status] ?></span><?cs if:a.status != "done" && a.percent > 0 ?> <span class="small"><?cs var:a.percent ?> %</span><?cs /if ?></td>
        <td class="num"><?cs var:a.hours ?></td>
        <td><?cs if:a.billable == "1" ?><?cs var:Lang.Common.yes ?><?cs /if ?></td>
        <td class="row-actions"><a href="/cases/<?cs var:Case.id ?>/activities/<?cs var:a.id ?>"><?cs var:Lang.Common.edit ?></a></td>
      </tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs else ?><p class="muted"><?cs var:Lang.Activities.none ?></p><?cs /if ?>
  <?cs if:Page.can_edit ?>
  <details<?cs if:Page.open == "activities" ?> open<?cs /if ?>>
    <summary><?cs var:Lang.Activities.add ?></summary>
    <form method="post" action="/cases/<?cs var:Case.id ?>/activities" class="form grid-form">
      <?cs call:csrf_field() ?>
      <?cs call:activity_fields(Activity) ?>
      <div class="actions"><button type="submit" class="primary"><?cs var:Lang.Activities.add ?></button></div>
    </form>
  </details>
  <?cs /if ?>
</section>
</div>
<div class="tab-panel" id="notes">
<section class="panel">
  <h2><?cs var:Lang.Notes.title ?> <span class="muted count"><?cs var:subcount(Notes) ?></span></h2>
  <?cs each:n = Notes ?>
  <article class="note-card">
    <header><strong><?cs var:n.title ?></strong> <?cs if:n.public == "1" ?><span class="badge badge-info"><?cs var:Lang.Notes.public ?></span><?cs else ?><span class="badge badge-muted"><?cs var:Lang.Notes.internal ?></span><?cs /if ?>
      <span class="muted small"><?cs var:datetime(n.created_at) ?> · <?cs var:n.author ?></span></header>
    <?cs if:n.body ?><div class="note"><?cs var:n.body ?></div><?cs /if ?>
    <?cs set:nfiles = 0 ?><?cs each:f = Attachments ?><?cs if:f.note_id == n.id ?><?cs set:nfiles = #nfiles + #1 ?><?cs /if ?><?cs /each ?>
    <?cs if:nfiles > 0 ?><ul class="files"><?cs each:f = Attachments ?><?cs if:f.note_id == n.id ?><li><a href="/attachments/<?cs var:f.id ?>" download><?cs var:f.name ?></a> <span class="muted small"><?cs var:f.size ?> B</span></li><?cs /if ?><?cs /each ?></ul><?cs /if ?>
    <p class="small muted"><?cs set:others = 0 ?><?cs each:o = NoteCases ?><?cs if:o.note_id == n.id ?><?cs if:others == 0 ?><?cs var:Lang.Notes.also_in ?>: <?cs /if ?><?cs set:others = #others + #1 ?><a href="/cases/<?cs var:o.id ?>#notes"><?cs var:o.number ?></a> <?cs /if ?><?cs /each ?></p>
    <?cs if:Page.can_edit ?>
    <form method="post" action="/cases/<?cs var:Case.id ?>/notes/<?cs var:n.id ?>/<?cs if:others > 0 ?>unlink<?cs else ?>delete<?cs /if ?>" class="inline" data-confirm="<?cs var:Lang.Common.confirm ?>">
      <?cs call:csrf_field() ?><button type="submit" class="link danger"><?cs if:others > 0 ?><?cs var:Lang.Notes.unlink ?><?cs else ?><?cs var:Lang.Common.delete ?><?cs /if ?></button>
    </form>
    <?cs /if ?>
  </article>
  <?cs /each ?>
  <?cs if:!subcount(Notes) ?><p class="muted"><?cs var:Lang.Notes.none ?></p><?cs /if ?>
  <?cs if:Page.can_edit ?>
  <details<?cs if:Page.open == "notes" && !subcount(NoteSearch) && !NoteQuery.q ?> open<?cs /if ?>>
    <summary><?cs var:Lang.Notes.add ?></summary>
    <form method="post" action="/cases/<?cs var:Case.id ?>/notes" enctype="multipart/form-data" class="form grid-form">
      <?cs call:csrf_field() ?>
      <div class="field wide"><label for="note-title"><?cs var:Lang.Notes.note_title ?></label>
        <input id="note-title" name="title" value="<?cs var:Note.title ?>" required maxlength="200"<?cs call:invalid_attr("title") ?>><?cs call:field_error("title") ?></div>
      <div class="field wide"><label for="note-body"><?cs var:Lang.Notes.body ?></label>
        <textarea id="note-body" name="body" rows="3"><?cs var:Note.body ?></textarea></div>
      <div class="field"><label for="note-file"><?cs var:Lang.Notes.files ?></label>
        <input id="note-file" name="file" type="file" multiple><span class="hint"><?cs var:Lang.Notes.files_hint ?></span></div>
      <?cs call:flag_box("public", Lang.Notes.public_label, Note.public) ?>
      <div class="actions"><button type="submit" class="primary"><?cs var:Lang.Notes.add ?></button></div>
    </form>
  </details>
  <details<?cs if:subcount(NoteSearch) || NoteQuery.q || NoteQuery.date ?> open<?cs /if ?>>
    <summary><?cs var:Lang.Notes.link ?></summary>
    <form method="get" action="/cases/<?cs var:Case.id ?>/notes#notes" class="toolbar">
      <label for="note-q" class="sr"><?cs var:Lang.Notes.note_title ?></label>
      <input id="note-q" name="q" type="search" value="<?cs var:NoteQuery.q ?>" placeholder="<?cs var:Lang.Notes.note_title ?>">
      <label for="note-date" class="sr"><?cs var:Lang.Notes.date ?></label>
      <input id="note-date" name="date" type="date" value="<?cs var:NoteQuery.date ?>">
      <button type="submit"><?cs var:Lang.Common.search ?></button>
    </form>
    <?cs if:subcount(NoteSearch) ?>
    <ul class="results">
      <?cs each:x = NoteSearch ?><li>
        <form method="post" action="/cases/<?cs var:Case.id ?>/notes" class="inline"><?cs call:csrf_field() ?><input type="hidden" name="note" value="<?cs var:x.id ?>"><button type="submit" class="link"><?cs var:Lang.Notes.link_this ?></button></form>
        <strong><?cs var:x.title ?></strong> <span class="muted small"><?cs var:datetime(x.created_at) ?> · <?cs var:x.author ?> · <?cs var:x.cases ?></span></li><?cs /each ?>
    </ul>
    <?cs elif:NoteQuery.q || NoteQuery.date ?><p class="muted"><?cs var:Lang.Common.none ?></p><?cs /if ?>
    <?cs call:field_error("note") ?>
  </details>
  <?cs /if ?>
</section>
</div>
</div>
<aside class="case-side">
  <?cs include:"case_manage.cs" ?>
  <?cs if:Case.closed != "1" ?>
  <details class="panel action-panel" id="reassign"<?cs if:Page.open == "reassign" ?> open<?cs /if ?>>
    <summary><?cs var:Lang.Cases.reassign ?></summary>
    <form method="post" action="/cases/<?cs var:Case.id ?>/reassign" class="form">
      <?cs call:csrf_field() ?><input type="hidden" name="return" value="/">
      <div class="field"><label for="reassign-to"><?cs var:Lang.Cases.reassign_to ?></label>
        <select id="reassign-to" name="assignee"><?cs each:o = Options.users ?><option value="<?cs var:o.id ?>"<?cs if:o.id == Form.assignee ?> selected<?cs /if ?>><?cs var:o.name ?> (<?cs var:Lang.Role[o.role] ?>)</option><?cs /each ?></select></div>
      <div class="field"><label for="reassign-note"><?cs var:Lang.Cases.note ?></label><textarea id="reassign-note" name="note" rows="2"></textarea></div>
      <div class="actions"><button type="submit"><?cs var:Lang.Cases.reassign ?></button></div>
    </form>
  </details>
  <?cs call:merge_panel() ?>
  <details class="panel action-panel" id="close"<?cs if:Page.open == "close" || Errors.resolution ?> open<?cs /if ?>>
    <summary><?cs var:Lang.Cases.close ?></summary>
    <p class="small muted"><?cs var:Lang.Cases.close_final ?></p>
    <form method="post" action="/cases/<?cs var:Case.id ?>/close" class="form" data-confirm="<?cs var:Lang.Cases.close_confirm ?>">
      <?cs call:csrf_field() ?><input type="hidden" name="return" value="/">
      <div class="field"><label for="close-status"><?cs var:Lang.Cases.close_as ?></label>
        <select id="close-status" name="status"><option value="CLO"><?cs var:Lang.Cases.close_clo ?></option><option value="REJ"><?cs var:Lang.Cases.close_rej ?></option></select></div>
      <div class="field"><label for="resolution"><?cs var:Lang.Cases.resolution ?></label>
        <textarea id="resolution" name="resolution" rows="4" required<?cs call:invalid_attr("resolution") ?>><?cs var:Form.resolution ?></textarea>
        <?cs call:field_error("resolution") ?></div>
      <div class="actions"><button type="submit" class="danger"><?cs var:Lang.Cases.close ?></button></div>
    </form>
  </details>
  <?cs elif:Page.can_reactivate ?>
  <section class="panel" id="reactivate">
    <h2><?cs var:Lang.Cases.reactivate ?></h2>
    <form method="post" action="/cases/<?cs var:Case.id ?>/reactivate" class="form">
      <?cs call:csrf_field() ?>
      <div class="field"><label for="reactivate-note"><?cs var:Lang.Cases.note ?></label>
        <textarea id="reactivate-note" name="note" rows="3" required<?cs call:invalid_attr("note") ?>></textarea>
        <?cs call:field_error("note") ?></div>
      <div class="actions"><button type="submit"><?cs var:Lang.Cases.reactivate ?></button></div>
    </form>
  </section>
  <?cs elif:Case.merged_into ?>
  <p class="notice muted"><?cs var:Lang.Err.case_merged ?> <a href="/cases/<?cs var:Case.merged_into_id ?>"><?cs var:Case.merged_into ?></a></p>
  <?cs else ?>
  <p class="notice muted"><?cs var:Lang.Err.case_closed ?></p>
  <?cs /if ?>
</aside>
</div>
<?cs include:"footer.cs" ?>
