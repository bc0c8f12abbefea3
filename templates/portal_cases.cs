<?cs include:"macros.cs" ?><?cs if:Portal.org_wide ?><?cs set:title = Lang.Portal.title_org ?><?cs else ?><?cs set:title = Lang.Portal.title ?><?cs /if ?><?cs include:"header.cs" ?>
<div class="page-head">
  <h1><?cs var:title ?> <span class="muted count"><?cs var:Pager.total ?></span></h1>
  <a class="button primary" href="/portal/cases/new"><?cs var:Lang.Portal.new ?></a>
</div>
<p class="muted"><?cs if:Portal.org_wide ?><?cs var:Lang.Portal.org_wide_hint ?><?cs else ?><?cs var:Lang.Portal.own_hint ?><?cs /if ?></p>
<nav class="views" aria-label="<?cs var:Lang.Portal.Field.state ?>">
  <a href="/portal/cases<?cs if:Filter.q ?>?q=<?cs var:url_escape(Filter.q) ?><?cs /if ?>"<?cs if:!Filter.state ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Common.all ?></a>
  <?cs each:s = Lang.PortalState ?><a href="/portal/cases?state=<?cs name:s ?><?cs if:Filter.q ?>&amp;q=<?cs var:url_escape(Filter.q) ?><?cs /if ?>"<?cs if:Filter.state == name(s) ?> aria-current="page"<?cs /if ?>><?cs var:s ?></a><?cs /each ?>
</nav>
<form method="get" action="/portal/cases" class="filters" role="search">
  <?cs if:Filter.state ?><input type="hidden" name="state" value="<?cs var:Filter.state ?>"><?cs /if ?>
  <div class="field grow"><label for="q"><?cs var:Lang.Common.search ?></label><input id="q" name="q" type="search" value="<?cs var:Filter.q ?>" placeholder="<?cs var:Lang.Portal.search_hint ?>"></div>
  <div class="actions"><button type="submit"><?cs var:Lang.Common.search ?></button><?cs if:Filter.q ?> <a href="/portal/cases"><?cs var:Lang.Cases.clear ?></a><?cs /if ?></div>
</form>
<div class="table-wrap">
<table class="grid portal-cases">
  <thead><tr>
    <th scope="col"><?cs var:Lang.Portal.Field.number ?></th>
    <th scope="col"><?cs var:Lang.Portal.Field.opened_at ?></th>
    <th scope="col"><?cs var:Lang.Portal.Field.title ?></th>
    <th scope="col"><?cs var:Lang.Portal.Field.state ?></th>
    <th scope="col"><?cs var:Lang.Portal.Field.user ?></th>
  </tr></thead>
  <tbody>
  <?cs each:c = Cases ?>
    <tr>
      <td class="nowrap" data-label="<?cs var:Lang.Portal.Field.number ?>"><a href="/portal/cases/<?cs var:c.id ?>"><?cs var:c.number ?></a></td>
      <td class="nowrap" data-label="<?cs var:Lang.Portal.Field.opened_at ?>"><?cs var:datetime(c.opened_at) ?></td>
      <td class="title" data-label="<?cs var:Lang.Portal.Field.title ?>"><a href="/portal/cases/<?cs var:c.id ?>"><?cs var:c.title ?></a></td>
      <td data-label="<?cs var:Lang.Portal.Field.state ?>"><span class="badge badge-portal-<?cs var:c.state ?>"><?cs var:Lang.PortalState[c.state] ?></span></td>
      <td data-label="<?cs var:Lang.Portal.Field.user ?>"><?cs var:c.user ?></td>
    </tr>
  <?cs /each ?>
  <?cs if:!subcount(Cases) ?><tr><td colspan="5" class="empty"><?cs if:Filter.q || Filter.state ?><?cs var:Lang.Common.none ?><?cs else ?><?cs var:Lang.Portal.empty ?> <a href="/portal/cases/new"><?cs var:Lang.Portal.new ?></a><?cs /if ?></td></tr><?cs /if ?>
  </tbody>
</table>
</div>
<?cs call:pager("/portal/cases?q=" + url_escape(Filter.q) + "&state=" + Filter.state + "&") ?>
<?cs include:"footer.cs" ?>
