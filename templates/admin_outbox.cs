<?cs include:"macros.cs" ?><?cs set:title = Lang.Outbox.title ?><?cs include:"header.cs" ?>
<?cs def:outbox_badge(s) ?><span class="badge <?cs if:s == "sent" ?>badge-ok<?cs elif:s == "failed" ?>badge-danger<?cs elif:s == "sending" ?>badge-info<?cs else ?>badge-warn<?cs /if ?>"><?cs var:Lang.Outbox.Status[s] ?></span><?cs /def ?>
<div class="page-head">
  <h1><?cs var:Lang.Outbox.title ?> <span class="muted count"><?cs var:Pager.total ?></span></h1>
</div>
<p class="muted lead"><?cs var:Lang.Outbox.intro ?></p>
<?cs if:Page.retried ?><p class="notice" role="status"><?cs var:Lang.Outbox.retried ?></p><?cs /if ?>
<?cs if:!Page.editable ?><p class="notice muted"><?cs var:Lang.Common.readonly ?></p><?cs /if ?>
<form class="toolbar" method="get" action="/admin/outbox" role="search">
  <label class="sr" for="status"><?cs var:Lang.Outbox.status ?></label>
  <select id="status" name="status">
    <option value=""><?cs var:Lang.Outbox.status ?>: <?cs var:Lang.Common.all ?></option>
    <?cs each:item = Lang.Outbox.Status ?><option value="<?cs name:item ?>"<?cs if:Filter.status == name(item) ?> selected<?cs /if ?>><?cs var:item ?> (<?cs var:Counts[name(item)] ?>)</option><?cs /each ?>
  </select>
  <button type="submit"><?cs var:Lang.Common.filter ?></button>
</form>
<div class="table-wrap">
<table class="grid">
  <thead><tr>
    <th scope="col"><?cs var:Lang.Outbox.created ?></th>
    <th scope="col"><?cs var:Lang.Outbox.to ?></th>
    <th scope="col"><?cs var:Lang.Outbox.subject ?></th>
    <th scope="col"><?cs var:Lang.Outbox.status ?></th>
    <th scope="col" class="num"><?cs var:Lang.Outbox.attempts ?></th>
    <th scope="col"><?cs var:Lang.Outbox.last_error ?></th>
    <th scope="col"><?cs var:Lang.Outbox.when ?></th>
    <?cs if:Page.editable ?><th scope="col"><?cs var:Lang.Common.actions ?></th><?cs /if ?>
  </tr></thead>
  <tbody>
  <?cs each:m = Outbox ?>
    <tr>
      <td><?cs var:datetime(m.created_at) ?></td>
      <td><?cs if:m.to_name ?><?cs var:m.to_name ?> <?cs /if ?><span class="muted">&lt;<?cs var:m.to_addr ?>&gt;</span></td>
      <td><?cs if:m.case_id ?><a href="/cases/<?cs var:m.case_id ?>"><?cs var:m.subject ?></a><?cs else ?><?cs var:m.subject ?><?cs /if ?></td>
      <td><?cs call:outbox_badge(m.status) ?></td>
      <td class="num"><?cs var:m.attempts ?></td>
      <td><?cs var:m.last_error ?></td>
      <td><?cs if:m.status == "sent" ?><?cs var:Lang.Outbox.sent_at ?> <?cs var:datetime(m.sent_at) ?><?cs elif:m.status == "pending" ?><?cs var:Lang.Outbox.next_at ?> <?cs var:datetime(m.next_attempt_at) ?><?cs /if ?></td>
      <?cs if:Page.editable ?><td><?cs if:m.status == "failed" ?>
        <form method="post" action="/admin/outbox/<?cs var:m.id ?>/retry" class="inline">
          <?cs call:csrf_field() ?>
          <button type="submit"><?cs var:Lang.Outbox.retry ?></button>
        </form><?cs /if ?></td><?cs /if ?>
    </tr>
  <?cs /each ?>
  <?cs if:!subcount(Outbox) ?><tr><td colspan="8" class="empty"><?cs var:Lang.Common.none ?></td></tr><?cs /if ?>
  </tbody>
</table>
</div>
<?cs call:pager("/admin/outbox?status=" + url_escape(Filter.status) + "&") ?>
<?cs include:"footer.cs" ?>
