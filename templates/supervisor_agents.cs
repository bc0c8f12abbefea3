<?cs include:"macros.cs" ?><?cs include:"duration.cs" ?><?cs set:title = Lang.Presence.title ?><?cs include:"header.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.Presence.title ?> <span class="muted count"><?cs var:subcount(Agents) ?></span></h1>
  <a class="button" href="/supervisor/agents"><?cs var:Lang.Presence.refresh ?></a>
</div>
<p class="muted lead"><?cs var:Page.intro ?></p>
<div id="agents-live" data-refresh="15">
<ul class="presence-counts">
  <?cs each:st = Counts ?><li><span class="badge presence-badge presence-<?cs name:st ?>"><?cs var:Lang.Presence.State[name(st)] ?></span> <strong class="num" data-count="<?cs name:st ?>"><?cs var:st ?></strong></li>
  <?cs /each ?>
</ul>
<div class="table-wrap">
<table class="grid agents">
  <thead><tr>
    <th scope="col"><?cs var:Lang.Presence.agent ?></th>
    <th scope="col"><?cs var:Lang.Presence.role ?></th>
    <th scope="col"><?cs var:Lang.Presence.state ?></th>
    <th scope="col"><?cs var:Lang.Presence.since ?></th>
    <th scope="col"><?cs var:Lang.Presence.case ?></th>
    <th scope="col"><?cs var:Lang.Presence.seen ?></th>
  </tr></thead>
  <tbody>
  <?cs each:a = Agents ?>
    <tr data-agent="<?cs var:a.id ?>" data-state="<?cs var:a.state ?>"<?cs if:a.state == "offline" ?> class="inactive"<?cs /if ?>>
      <td><?cs var:a.name ?> <span class="muted small"><?cs var:a.login ?></span></td>
      <td><span class="badge badge-role-<?cs var:a.role ?>"><?cs var:Lang.Role[a.role] ?></span></td>
      <td><span class="badge presence-badge presence-<?cs var:a.state ?>"><?cs var:Lang.Presence.State[a.state] ?></span></td>
      <td class="nowrap"><?cs if:a.state != "offline" && a.since ?><?cs var:datetime(a.since) ?> <span class="muted small">· <?cs call:duration(a.for_seconds) ?></span><?cs else ?><span class="muted">—</span><?cs /if ?></td>
      <td><?cs if:a.case_id ?><a href="/cases/<?cs var:a.case_id ?>"><span class="case-number"><?cs var:a.case_number ?></span> <?cs var:a.case_subject ?></a><?cs else ?><span class="muted">—</span><?cs /if ?></td>
      <td class="nowrap"><?cs if:a.seen_at ?><?cs var:datetime(a.seen_at) ?><?cs else ?><span class="muted"><?cs var:Lang.Presence.never ?></span><?cs /if ?></td>
    </tr>
  <?cs /each ?>
  <?cs if:!subcount(Agents) ?><tr><td colspan="6" class="empty"><?cs var:Lang.Presence.none ?></td></tr><?cs /if ?>
  </tbody>
</table>
</div>
</div>
<p class="muted small"><?cs var:Lang.Presence.auto ?></p>
<?cs include:"footer.cs" ?>
