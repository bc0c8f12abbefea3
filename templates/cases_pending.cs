<?cs include:"macros.cs" ?><?cs include:"duration.cs" ?><?cs set:title = Lang.Pending.title ?><?cs include:"header.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.Pending.title ?><?cs if:Who.id != User.id ?> · <?cs var:Who.name ?><?cs /if ?> <span class="muted count"><?cs var:Pager.total ?></span><?cs if:Pending.due > 0 ?> <span class="badge badge-danger due-count"><?cs var:Pending.due ?> <?cs var:Lang.Pending.due_count ?></span><?cs /if ?></h1>
  <?cs if:subcount(Users) ?>
  <form method="get" action="/cases/pending" class="toolbar">
    <label for="user" class="sr"><?cs var:Lang.Pending.of ?></label>
    <select id="user" name="user"><?cs each:u = Users ?><option value="<?cs var:u.id ?>"<?cs if:u.id == Who.id ?> selected<?cs /if ?>><?cs var:u.name ?></option><?cs /each ?></select>
    <button type="submit"><?cs var:Lang.Pending.show ?></button>
  </form>
  <?cs /if ?>
</div>
<p class="muted lead"><?cs var:Lang.Pending.intro ?></p>
<div class="table-wrap">
<table class="grid pending">
  <thead><tr>
    <th scope="col"><?cs var:Lang.Cases.Field.number ?></th>
    <th scope="col"><?cs var:Lang.Cases.Field.subject ?></th>
    <th scope="col"><?cs var:Lang.Cases.Field.customer ?></th>
    <th scope="col"><?cs var:Lang.Cases.Field.status ?></th>
    <th scope="col"><?cs var:Lang.Cases.Field.priority ?></th>
    <th scope="col"><?cs var:Lang.Pending.next_at ?></th>
    <th scope="col" class="num"><?cs var:Lang.Pending.age ?></th>
    <th scope="col"><?cs var:Lang.Pending.campaign ?></th>
  </tr></thead>
  <tbody>
  <?cs each:c = Cases ?>
    <tr data-case="<?cs var:c.id ?>"<?cs if:c.due == "1" ?> class="due"<?cs /if ?>>
      <td class="nowrap"><a href="/cases/<?cs var:c.id ?>"><?cs var:c.number ?></a></td>
      <td><a href="/cases/<?cs var:c.id ?>"><?cs var:c.subject ?></a></td>
      <td><?cs var:c.customer ?></td>
      <td><span class="badge badge-portal-<?cs var:c.portal_state ?>" title="<?cs var:c.status ?>"><?cs var:c.status_code ?></span> <span class="small"><?cs var:c.status ?></span></td>
      <td><span class="badge badge-prio-<?cs var:c.priority_code ?>"><?cs var:c.priority ?></span></td>
      <td class="nowrap<?cs if:c.due == "1" ?> overdue<?cs /if ?>"><?cs if:c.next_at ?><?cs var:datetime(c.next_at) ?><?cs if:c.due == "1" ?> <span class="badge badge-danger"><?cs var:Lang.Pending.due ?></span><?cs /if ?><?cs else ?><span class="muted">—</span><?cs /if ?></td>
      <td class="num nowrap"><?cs call:duration(c.age_seconds) ?></td>
      <td><?cs if:c.campaign ?><?cs var:c.campaign ?><?cs else ?><span class="muted">—</span><?cs /if ?></td>
    </tr>
  <?cs /each ?>
  <?cs if:!subcount(Cases) ?><tr><td colspan="8" class="empty"><?cs var:Lang.Pending.none ?></td></tr><?cs /if ?>
  </tbody>
</table>
</div>
<?cs call:pager("/cases/pending?" + Filter.query) ?>
<?cs include:"footer.cs" ?>
