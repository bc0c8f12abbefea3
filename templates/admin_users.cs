<?cs include:"macros.cs" ?><?cs set:title = Lang.Users.title ?><?cs include:"header.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.Users.title ?> <span class="muted count"><?cs var:Pager.total ?></span></h1>
  <?cs if:User.is_admin ?><a class="button primary" href="/admin/users/new"><?cs var:Lang.Users.new ?></a><?cs /if ?>
</div>
<form class="toolbar" method="get" action="/admin/users" role="search">
  <label class="sr" for="q"><?cs var:Lang.Common.search ?></label>
  <input id="q" name="q" type="search" value="<?cs var:Filter.q ?>" placeholder="<?cs var:Lang.Users.search_hint ?>">
  <label class="sr" for="role"><?cs var:Lang.Users.role ?></label>
  <select id="role" name="role">
    <option value=""><?cs var:Lang.Users.role ?>: <?cs var:Lang.Common.all ?></option>
    <?cs each:item = Lang.Role ?><option value="<?cs name:item ?>"<?cs if:Filter.role == name(item) ?> selected<?cs /if ?>><?cs var:item ?></option><?cs /each ?>
  </select>
  <label class="sr" for="active"><?cs var:Lang.Users.status ?></label>
  <select id="active" name="active">
    <option value=""><?cs var:Lang.Users.status ?>: <?cs var:Lang.Common.all ?></option>
    <option value="1"<?cs if:Filter.active == "1" ?> selected<?cs /if ?>><?cs var:Lang.Common.active ?></option>
    <option value="0"<?cs if:Filter.active == "0" ?> selected<?cs /if ?>><?cs var:Lang.Common.inactive ?></option>
  </select>
  <button type="submit"><?cs var:Lang.Common.filter ?></button>
</form>
<div class="table-wrap">
<table class="grid">
  <thead><tr>
    <th scope="col"><?cs var:Lang.Users.login ?></th>
    <th scope="col"><?cs var:Lang.Users.name ?></th>
    <th scope="col"><?cs var:Lang.Users.email ?></th>
    <th scope="col"><?cs var:Lang.Users.role ?></th>
    <th scope="col" class="num"><?cs var:Lang.Users.teams ?></th>
    <th scope="col"><?cs var:Lang.Users.status ?></th>
    <th scope="col"><?cs var:Lang.Users.created ?></th>
  </tr></thead>
  <tbody>
  <?cs each:u = Users ?>
    <tr>
      <td><a href="/admin/users/<?cs var:u.id ?>"><?cs var:u.login ?></a></td>
      <td><?cs var:u.name ?><?cs if:u.customer ?><br><span class="muted small"><?cs var:Lang.Role.customer ?>: <a href="/customers/<?cs var:u.customer ?>"><?cs var:u.customer_name ?></a></span><?cs /if ?></td>
      <td><?cs var:u.email ?></td>
      <td><span class="badge badge-role-<?cs var:u.role ?>"><?cs var:Lang.Role[u.role] ?></span><?cs if:u.portal_admin == "1" ?> <span class="badge badge-info"><?cs var:Lang.Users.portal_admin_badge ?></span><?cs /if ?></td>
      <td class="num"><?cs var:u.teams ?></td>
      <td><?cs if:u.active == "1" ?><span class="badge badge-ok"><?cs var:Lang.Common.active ?></span><?cs else ?><span class="badge badge-muted"><?cs var:Lang.Common.inactive ?></span><?cs /if ?></td>
      <td><?cs var:datetime(u.created_at) ?></td>
    </tr>
  <?cs /each ?>
  <?cs if:!subcount(Users) ?><tr><td colspan="7" class="empty"><?cs var:Lang.Common.none ?></td></tr><?cs /if ?>
  </tbody>
</table>
</div>
<?cs call:pager("/admin/users?q=" + url_escape(Filter.q) + "&role=" + url_escape(Filter.role) + "&active=" + url_escape(Filter.active) + "&") ?>
<?cs include:"footer.cs" ?>
