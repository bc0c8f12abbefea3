<?cs include:"macros.cs" ?><?cs set:title = Lang.Cases.title ?><?cs include:"header.cs" ?>
<?cs def:sort_link(col, label) ?><a href="/cases?<?cs var:Filter.query ?>sort=<?cs var:col ?>&amp;dir=<?cs if:Sort.by == col && Sort.dir == "asc" ?>desc<?cs else ?>asc<?cs /if ?>"<?cs if:Sort.by == col ?> aria-sort="<?cs if:Sort.dir == "asc" ?>ascending<?cs else ?>descending<?cs /if ?>" class="sorted"<?cs /if ?>><?cs var:label ?><?cs if:Sort.by == col ?> <span aria-hidden="true"><?cs if:Sort.dir == "asc" ?>▲<?cs else ?>▼<?cs /if ?></span><?cs /if ?></a><?cs /def ?>
<div class="page-head">
  <h1><?cs var:Lang.Cases.title ?> <span class="muted count"><?cs var:Pager.total ?><?cs if:Pager.more ?>+<?cs /if ?></span></h1>
  <a class="button primary" href="/cases/new"><?cs var:Lang.Cases.new ?></a>
</div>
<nav class="views" aria-label="<?cs var:Lang.Cases.views ?>">
  <a href="/cases"<?cs if:!Filter.view && !Filter.query ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Cases.View.all ?></a>
  <?cs each:v = Lang.Cases.View ?><?cs if:name(v) != "all" ?><a href="/cases?view=<?cs name:v ?>"<?cs if:Filter.view == name(v) ?> aria-current="page"<?cs /if ?>><?cs var:v ?></a><?cs /if ?><?cs /each ?>
</nav>
<form method="get" action="/cases" class="filters" role="search">
  <?cs if:Filter.view ?><input type="hidden" name="view" value="<?cs var:Filter.view ?>"><?cs /if ?>
  <div class="field grow"><label for="q"><?cs var:Lang.Common.search ?></label><input id="q" name="q" type="search" value="<?cs var:Filter.q ?>" placeholder="<?cs var:Lang.Cases.search_hint ?>"></div>
  <div class="field"><label for="status"><?cs var:Lang.Cases.Field.status ?></label>
    <select id="status" name="status">
      <option value=""><?cs var:Lang.Common.all ?></option>
      <option value="open"<?cs if:Filter.status.0 == "open" ?> selected<?cs /if ?>><?cs var:Lang.Cases.open ?></option>
      <option value="closed"<?cs if:Filter.status.0 == "closed" ?> selected<?cs /if ?>><?cs var:Lang.Cases.closed ?></option>
      <?cs each:o = Options.statuses ?><option value="<?cs var:o.id ?>"<?cs if:Filter.status.0 == o.id ?> selected<?cs /if ?>><?cs var:o.code ?> · <?cs var:o.name ?></option><?cs /each ?>
    </select></div>
  <?cs call:select_filter("area", Lang.Cases.Field.area, Options.areas, Filter.area) ?>
  <?cs call:select_filter("priority", Lang.Cases.Field.priority, Options.priorities, Filter.priority) ?>
  <?cs call:select_filter("type", Lang.Cases.Field.type, Options.types, Filter.type) ?>
  <div class="field"><label for="assignee"><?cs var:Lang.Cases.Field.assignee ?></label>
    <select id="assignee" name="assignee">
      <option value=""><?cs var:Lang.Common.all ?></option>
      <option value="me"<?cs if:Filter.assignee == "me" ?> selected<?cs /if ?>><?cs var:Lang.Cases.me ?></option>
      <option value="none"<?cs if:Filter.assignee == "none" ?> selected<?cs /if ?>><?cs var:Lang.Cases.nobody ?></option>
      <?cs each:o = Options.users ?><option value="<?cs var:o.id ?>"<?cs if:Filter.assignee == o.id ?> selected<?cs /if ?>><?cs var:o.name ?></option><?cs /each ?>
    </select></div>
  <?cs call:select_filter("stage", Lang.Cases.Field.stage, Options.stages, Filter.stage) ?>
  <?cs call:select_filter("team", Lang.Cases.Field.team, Options.teams, Filter.team) ?>
  <?cs if:subcount(Options.campaigns) ?><?cs call:select_filter("campaign", Lang.Cases.Field.campaign, Options.campaigns, Filter.campaign) ?><?cs /if ?>
  <div class="field"><label for="created_from"><?cs var:Lang.Cases.created_from ?></label><input id="created_from" name="created_from" type="date" value="<?cs var:Filter.created_from ?>"></div>
  <div class="field"><label for="created_to"><?cs var:Lang.Cases.created_to ?></label><input id="created_to" name="created_to" type="date" value="<?cs var:Filter.created_to ?>"></div>
  <?cs if:Filter.customer ?><input type="hidden" name="customer" value="<?cs var:Filter.customer ?>"><?cs /if ?>
  <div class="actions"><button type="submit"><?cs var:Lang.Common.filter ?></button> <a href="/cases"><?cs var:Lang.Cases.clear ?></a></div>
</form>
<div class="table-wrap">
<table class="grid cases">
  <thead><tr>
    <th scope="col"><?cs call:sort_link("number", Lang.Cases.Field.number) ?></th>
    <th scope="col"><?cs call:sort_link("subject", Lang.Cases.Field.subject) ?></th>
    <th scope="col"><?cs call:sort_link("status", Lang.Cases.Field.status) ?></th>
    <th scope="col"><?cs call:sort_link("priority", Lang.Cases.Field.priority) ?></th>
    <th scope="col"><?cs call:sort_link("customer", Lang.Cases.Field.customer) ?></th>
    <th scope="col"><?cs call:sort_link("area", Lang.Cases.Field.area) ?></th>
    <th scope="col"><?cs call:sort_link("assignee", Lang.Cases.Field.assignee) ?></th>
    <th scope="col"><?cs call:sort_link("due", Lang.Cases.Field.due_at) ?></th>
    <th scope="col"><?cs call:sort_link("updated", Lang.Cases.updated) ?></th>
    <?cs if:Filter.view == "next" ?><th scope="col" class="num"><abbr title="<?cs var:Lang.Cases.score_hint ?>"><?cs var:Lang.Cases.score ?></abbr></th><?cs /if ?>
  </tr></thead>
  <tbody>
  <?cs each:c = Cases ?>
    <tr<?cs if:c.closed == "1" ?> class="inactive"<?cs /if ?>>
      <td class="nowrap"><a href="/cases/<?cs var:c.id ?>"><?cs var:c.number ?></a></td>
      <td><a href="/cases/<?cs var:c.id ?>"><?cs var:c.subject ?></a></td>
      <td><span class="badge badge-portal-<?cs var:c.portal_state ?>" title="<?cs var:c.status ?>"><?cs var:c.status_code ?></span> <span class="small"><?cs var:c.status ?></span></td>
      <td><span class="badge badge-prio-<?cs var:c.priority_code ?>"><?cs var:c.priority ?></span></td>
      <td><?cs var:c.customer ?></td>
      <td><?cs var:c.area ?></td>
      <td><?cs if:c.assignee ?><?cs var:c.assignee ?><?cs else ?><span class="muted"><?cs var:Lang.Cases.nobody ?></span><?cs /if ?></td>
      <td class="nowrap<?cs if:c.overdue == "1" ?> overdue<?cs /if ?>"><?cs var:date(c.due_at) ?></td>
      <td class="nowrap"><?cs var:datetime(c.updated_at) ?></td>
      <?cs if:Filter.view == "next" ?><td class="num" title="<?cs var:Lang.Cases.score_hint ?>"><?cs var:c.score ?></td><?cs /if ?>
    </tr>
  <?cs /each ?>
  <?cs if:!subcount(Cases) ?><tr><td colspan="9" class="empty"><?cs var:Lang.Common.none ?></td></tr><?cs /if ?>
  </tbody>
</table>
</div>
<?cs call:pager("/cases?" + Filter.query + "sort=" + Sort.by + "&dir=" + Sort.dir + "&") ?>
<?cs include:"footer.cs" ?>
