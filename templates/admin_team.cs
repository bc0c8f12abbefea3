<?cs include:"macros.cs" ?><?cs set:title = Team.name ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/admin/teams"><?cs var:Lang.Teams.back ?></a> /</p>
<div class="page-head"><h1><?cs var:Team.name ?></h1></div>
<?cs if:Page.saved ?><p class="notice" role="status"><?cs var:Lang.Common.saved ?></p><?cs /if ?>
<?cs if:Form.error ?><p class="alert" role="alert"><?cs var:Lang.Err.invalid ?></p><?cs /if ?>
<?cs if:!Page.editable ?><p class="notice muted"><?cs var:Lang.Common.readonly ?></p><?cs /if ?>
<section class="panel">
<form method="post" action="/admin/teams/<?cs var:Team.id ?>" class="form grid-form">
  <?cs call:csrf_field() ?>
  <input type="hidden" name="version" value="<?cs var:Team.version ?>">
  <fieldset<?cs if:!Page.editable ?> disabled<?cs /if ?>>
<?cs call:team_fields(Team.name, Team.description) ?>
  </fieldset>
  <?cs if:Page.editable ?><div class="actions"><button type="submit" class="primary"><?cs var:Lang.Common.save ?></button></div><?cs /if ?>
</form>
</section>
<section class="panel">
  <h2><?cs var:Lang.Teams.members ?> <span class="muted count"><?cs var:subcount(Members) ?></span></h2>
  <?cs if:subcount(Members) ?>
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
    <?cs each:m = Members ?>
      <tr>
        <td><a href="/admin/users/<?cs var:m.id ?>"><?cs var:m.name ?></a></td>
        <td><?cs var:m.login ?></td>
        <td><span class="badge badge-role-<?cs var:m.role ?>"><?cs var:Lang.Role[m.role] ?></span></td>
        <td><?cs if:m.active == "1" ?><span class="badge badge-ok"><?cs var:Lang.Common.active ?></span><?cs else ?><span class="badge badge-muted"><?cs var:Lang.Common.inactive ?></span><?cs /if ?></td>
        <?cs if:Page.editable ?><td class="row-actions">
          <form method="post" action="/admin/teams/<?cs var:Team.id ?>/members/<?cs var:m.id ?>/remove" class="inline" data-confirm="<?cs var:Lang.Common.confirm ?>">
            <?cs call:csrf_field() ?><button type="submit" class="link danger"><?cs var:Lang.Teams.remove ?></button>
          </form>
        </td><?cs /if ?>
      </tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs else ?><p class="muted"><?cs var:Lang.Teams.no_members ?></p><?cs /if ?>
  <?cs if:Page.editable && subcount(Candidates) ?>
  <form method="post" action="/admin/teams/<?cs var:Team.id ?>/members" class="toolbar">
    <?cs call:csrf_field() ?>
    <label for="user"><?cs var:Lang.Teams.add_member ?></label>
    <select id="user" name="user" required<?cs call:invalid_attr("user") ?>>
      <option value=""><?cs var:Lang.Teams.choose_user ?></option>
      <?cs each:c = Candidates ?><option value="<?cs var:c.id ?>"><?cs var:c.name ?> (<?cs var:c.login ?>)</option><?cs /each ?>
    </select>
    <button type="submit" class="primary"><?cs var:Lang.Teams.add_member ?></button>
    <?cs call:field_error("user") ?>
  </form>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
