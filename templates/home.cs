<?cs set:title = Lang.Home.title ?><?cs include:"header.cs" ?>
<section class="intro">
  <h1><?cs var:Lang.Home.hello ?>, <?cs var:User.name ?></h1>
  <p class="muted"><?cs var:Lang.Home.role_is ?> <strong><?cs var:Lang.Role[User.role] ?></strong><?cs if:subcount(Teams) ?> · <?cs var:Lang.Home.teams ?>: <?cs each:t = Teams ?><span class="chip"><?cs var:t.name ?></span> <?cs /each ?><?cs /if ?></p>
</section>
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
