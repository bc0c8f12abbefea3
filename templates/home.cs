<?cs set:title = Lang.Home.title ?><?cs include:"header.cs" ?>
<section class="intro">
  <h1><?cs var:Lang.Home.hello ?>, <?cs var:User.name ?></h1>
  <p class="muted"><?cs var:Lang.Home.role_is ?> <strong><?cs var:Lang.Role[User.role] ?></strong><?cs if:subcount(Teams) ?> · <?cs var:Lang.Home.teams ?>: <?cs each:t = Teams ?><span class="chip"><?cs var:t.name ?></span> <?cs /each ?><?cs /if ?></p>
</section>
<?cs if:User.is_staff ?>
<section class="dashboard" aria-label="<?cs var:Lang.Dashboard.title ?>">
  <div class="panel next-work">
    <h2><?cs var:Lang.Dashboard.next ?></h2>
    <?cs if:Dashboard.next.id ?><?cs with:n = Dashboard.next ?>
    <p class="next-case"><a href="/cases/<?cs var:n.id ?>"><span class="case-number"><?cs var:n.number ?></span> <?cs var:n.subject ?></a></p>
    <p class="small"><?cs if:n.customer ?><?cs var:n.customer ?> · <?cs /if ?><span class="badge badge-prio-<?cs var:n.priority_code ?>"><?cs var:n.priority ?></span><?cs if:n.next_at ?> · <span class="<?cs if:n.due == "1" ?>overdue<?cs /if ?>"><?cs var:Lang.Pending.next_at ?>: <?cs var:datetime(n.next_at) ?><?cs if:n.due == "1" ?> <span class="badge badge-danger"><?cs var:Lang.Pending.due ?></span><?cs /if ?></span><?cs /if ?></p>
    <p><a class="button primary big work" href="/cases/<?cs var:n.id ?>"><?cs var:Lang.Dashboard.work ?></a> <a class="small" href="/cases/pending"><?cs var:Lang.Dashboard.all_pending ?></a></p>
    <?cs /with ?><?cs else ?><p class="muted"><?cs var:Lang.Dashboard.nothing ?></p><?cs /if ?>
  </div>
  <a class="panel due-now<?cs if:Dashboard.due > 0 ?> has-due<?cs /if ?>" href="/cases/pending" title="<?cs var:Lang.Dashboard.due_hint ?>">
    <span class="due-number"><?cs var:Dashboard.due ?></span>
    <span class="due-label"><?cs var:Lang.Dashboard.due_now ?></span>
    <span class="muted small"><?cs var:Dashboard.open ?> <?cs var:Lang.Dashboard.open ?></span>
  </a>
  <div class="panel by-status">
    <h2><?cs var:Lang.Dashboard.by_status ?></h2>
    <?cs if:subcount(Dashboard.by_status) ?>
    <svg class="bars" width="100%" height="<?cs var:subcount(Dashboard.by_status) * 40 ?>" role="img" aria-labelledby="chart-title">
      <title id="chart-title"><?cs var:Lang.Dashboard.chart ?></title>
      <?cs set:y = 0 ?><?cs each:s = Dashboard.by_status ?>
      <a href="/cases?status=<?cs var:s.id ?>&amp;assignee=me">
        <title><?cs var:s.name ?>: <?cs var:s.count ?></title>
        <text class="bar-label" x="0" y="<?cs var:#y + 13 ?>"><?cs var:s.name ?></text>
        <rect class="bar bar-<?cs var:s.portal_state ?>" x="0" y="<?cs var:#y + 18 ?>" width="<?cs var:#s.pct * 88 / 100 ?>%" height="16" rx="3"></rect>
        <text class="bar-value" x="<?cs var:#s.pct * 88 / 100 + 1 ?>%" y="<?cs var:#y + 31 ?>"><?cs var:s.count ?></text>
      </a><?cs set:y = #y + 40 ?><?cs /each ?>
    </svg>
    <?cs else ?><p class="muted"><?cs var:Lang.Dashboard.nothing ?></p><?cs /if ?>
  </div>
</section>
<?cs /if ?>
<?cs if:subcount(Next) ?>
<section class="panel next-cases">
  <h2><?cs var:Lang.Home.next ?> <a class="small" href="/cases?view=next"><?cs var:Lang.Home.all_next ?></a></h2>
  <ol class="next">
    <?cs each:c = Next ?><li><a href="/cases/<?cs var:c.id ?>"><span class="case-number"><?cs var:c.number ?></span> <?cs var:c.subject ?></a>
      <span class="badge badge-prio-<?cs var:c.priority_code ?>"><?cs var:c.priority ?></span>
      <?cs if:c.due_at ?><span class="small<?cs if:c.overdue == "1" ?> overdue<?cs /if ?>"><?cs var:Lang.Cases.Field.due_at ?>: <?cs var:date(c.due_at) ?></span><?cs /if ?>
      <span class="muted small score" title="<?cs var:Lang.Cases.score_hint ?>"><?cs var:Lang.Cases.score ?> <?cs var:c.score ?></span></li><?cs /each ?>
  </ol>
</section>
<?cs /if ?>
<section class="cards" aria-label="<?cs var:Lang.Home.reach ?>">
  <?cs each:l = Links ?>
  <a class="card" href="<?cs var:l.href ?>">
    <span class="card-title"><?cs var:Lang.Home.Link[l.key].title ?></span>
    <span class="card-text"><?cs var:Lang.Home.Link[l.key].text ?></span>
    <?cs if:l.count ?><span class="card-count"><?cs var:l.count ?></span><?cs /if ?>
  </a>
  <?cs /each ?>
  <?cs if:!subcount(Links) ?><p class="muted"><?cs var:Lang.Home.nothing ?></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
