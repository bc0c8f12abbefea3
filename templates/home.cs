<?cs set:title = Lang.Home.title ?><?cs include:"header.cs" ?>
<section class="intro">
  <h1><?cs var:Lang.Home.hello ?>, <?cs var:User.name ?></h1>
  <p class="muted"><?cs var:Lang.Home.role_is ?> <strong><?cs var:Lang.Role[User.role] ?></strong><?cs if:subcount(Teams) ?> · <?cs var:Lang.Home.teams ?>: <?cs each:t = Teams ?><span class="chip"><?cs var:t.name ?></span> <?cs /each ?><?cs /if ?></p>
</section>
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
