<?cs include:"macros.cs" ?><?cs set:title = Lang.Teams.title ?><?cs include:"header.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.Teams.title ?> <span class="muted count"><?cs var:subcount(Teams) ?></span></h1>
</div>
<?cs if:Form.error ?><p class="alert" role="alert"><?cs var:Lang.Err.invalid ?></p><?cs /if ?>
<div class="table-wrap">
<table class="grid">
  <thead><tr>
    <th scope="col"><?cs var:Lang.Teams.name ?></th>
    <th scope="col"><?cs var:Lang.Teams.description ?></th>
    <th scope="col" class="num"><?cs var:Lang.Teams.member_count ?></th>
  </tr></thead>
  <tbody>
  <?cs each:t = Teams ?>
    <tr>
      <td><a href="/admin/teams/<?cs var:t.id ?>"><?cs var:t.name ?></a></td>
      <td><?cs var:t.description ?></td>
      <td class="num"><?cs var:t.members ?></td>
    </tr>
  <?cs /each ?>
  <?cs if:!subcount(Teams) ?><tr><td colspan="3" class="empty"><?cs var:Lang.Common.none ?></td></tr><?cs /if ?>
  </tbody>
</table>
</div>
<?cs if:Page.editable ?>
<section class="panel">
  <h2><?cs var:Lang.Teams.new ?></h2>
  <form method="post" action="/admin/teams" class="form grid-form">
    <?cs call:csrf_field() ?>
    <?cs call:team_fields(Form.name, Form.description) ?>
    <div class="actions"><button type="submit" class="primary"><?cs var:Lang.Common.create ?></button></div>
  </form>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
