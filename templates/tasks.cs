<?cs include:"macros.cs" ?><?cs set:title = Lang.Tasks.title ?><?cs include:"header.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.Tasks.title ?><?cs if:Who.id != User.id ?> · <?cs var:Who.name ?><?cs /if ?> <span class="muted count"><?cs var:subcount(Tasks) ?></span></h1>
  <?cs if:subcount(Users) ?>
  <form method="get" action="/tasks" class="toolbar">
    <label for="user" class="sr"><?cs var:Lang.Tasks.of ?></label>
    <select id="user" name="user"><?cs each:u = Users ?><option value="<?cs var:u.id ?>"<?cs if:u.id == Who.id ?> selected<?cs /if ?>><?cs var:u.name ?></option><?cs /each ?></select>
    <button type="submit"><?cs var:Lang.Tasks.show ?></button>
  </form>
  <?cs /if ?>
</div>
<?cs if:Page.saved ?><p class="notice" role="status"><?cs var:Lang.Common.saved ?></p><?cs /if ?>
<div class="table-wrap">
<table class="grid">
  <thead><tr>
    <th scope="col"><?cs var:Lang.Activities.due_at ?></th>
    <th scope="col"><?cs var:Lang.Activities.description ?></th>
    <th scope="col"><?cs var:Lang.Tasks.case ?></th>
    <th scope="col"><?cs var:Lang.Cases.Field.priority ?></th>
    <th scope="col"><?cs var:Lang.Activities.status ?></th>
    <th scope="col"><span class="sr"><?cs var:Lang.Common.actions ?></span></th>
  </tr></thead>
  <tbody>
  <?cs each:t = Tasks ?>
    <tr>
      <td class="nowrap<?cs if:t.overdue == "1" ?> overdue<?cs /if ?>"><?cs if:t.due_at ?><?cs var:date(t.due_at) ?><?cs if:t.overdue == "1" ?> · <?cs var:Lang.Cases.overdue ?><?cs /if ?><?cs else ?><span class="muted">—</span><?cs /if ?></td>
      <td><?cs var:t.description ?></td>
      <td><a href="/cases/<?cs var:t.case_id ?>#activities"><?cs var:t.number ?></a> <span class="muted small"><?cs var:t.subject ?></span></td>
      <td><?cs if:t.priority ?><span class="badge badge-prio-<?cs var:t.priority_code ?>"><?cs var:t.priority ?></span><?cs /if ?></td>
      <td><span class="badge badge-act-<?cs var:t.status ?>"><?cs var:Lang.Activities.Status[t.status] ?></span><?cs if:t.percent > 0 ?> <span class="small"><?cs var:t.percent ?> %</span><?cs /if ?></td>
      <td class="row-actions">
        <form method="post" action="/tasks/<?cs var:t.id ?>/done" class="inline"><?cs call:csrf_field() ?><button type="submit" class="link"><?cs var:Lang.Tasks.done ?></button></form>
      </td>
    </tr>
  <?cs /each ?>
  <?cs if:!subcount(Tasks) ?><tr><td colspan="6" class="empty"><?cs var:Lang.Tasks.none ?></td></tr><?cs /if ?>
  </tbody>
</table>
</div>
<?cs include:"footer.cs" ?>
