<?cs include:"macros.cs" ?><?cs set:title = Lang.Quarantine.title ?><?cs include:"header.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.Quarantine.title ?> <span class="muted count"><?cs var:Pager.total ?></span></h1>
</div>
<p class="muted lead"><?cs var:Lang.Quarantine.intro ?></p>
<?cs if:Released.id ?><p class="notice" role="status"><?cs var:Lang.Quarantine.released ?><?cs if:Released.number ?> <a href="/cases/<?cs var:Released.case_id ?>"><?cs var:Released.number ?></a><?cs /if ?></p><?cs /if ?>
<?cs if:Page.deleted ?><p class="notice" role="status"><?cs var:Lang.Quarantine.deleted ?></p><?cs /if ?>
<div class="table-wrap">
<table class="grid">
  <thead><tr>
    <th scope="col"><?cs var:Lang.Quarantine.received ?></th>
    <th scope="col"><?cs var:Lang.Quarantine.from ?></th>
    <th scope="col"><?cs var:Lang.Quarantine.subject ?></th>
    <th scope="col" class="num"><?cs var:Lang.Quarantine.size ?></th>
    <th scope="col"><?cs var:Lang.Quarantine.reason ?></th>
    <th scope="col"><?cs var:Lang.Common.actions ?></th>
  </tr></thead>
  <tbody>
  <?cs each:m = Quarantine ?>
    <tr>
      <td class="nowrap"><?cs var:datetime(m.received_at) ?></td>
      <td><?cs var:m.from_addr ?></td>
      <td><a href="/admin/quarantine/<?cs var:m.id ?>"><?cs alt:m.subject ?><?cs var:Lang.Quarantine.no_subject ?><?cs /alt ?></a></td>
      <td class="num nowrap"><?cs var:m.size ?> B</td>
      <td><?cs var:Lang.Quarantine.Reason[m.kind] ?> <span class="muted small">(<?cs var:m.reason ?>)</span><?cs if:m.truncated == "1" ?> <span class="badge badge-warn"><?cs var:Lang.Quarantine.truncated_badge ?></span><?cs /if ?></td>
      <td class="nowrap">
        <?cs if:m.truncated != "1" ?><form method="post" action="/admin/quarantine/<?cs var:m.id ?>/release" class="inline">
          <?cs call:csrf_field() ?><button type="submit"><?cs var:Lang.Quarantine.release ?></button>
        </form><?cs /if ?>
        <form method="post" action="/admin/quarantine/<?cs var:m.id ?>/delete" class="inline" data-confirm="<?cs var:Lang.Quarantine.confirm_delete ?>">
          <?cs call:csrf_field() ?><button type="submit" class="link danger"><?cs var:Lang.Common.delete ?></button>
        </form>
      </td>
    </tr>
  <?cs /each ?>
  <?cs if:!subcount(Quarantine) ?><tr><td colspan="6" class="empty"><?cs var:Lang.Quarantine.none ?></td></tr><?cs /if ?>
  </tbody>
</table>
</div>
<?cs call:pager("/admin/quarantine?") ?>
<?cs include:"footer.cs" ?>
