<?cs include:"macros.cs" ?><?cs set:title = Lang.Catalogs.title ?><?cs include:"header.cs" ?>
<div class="page-head"><h1><?cs var:Lang.Catalogs.title ?></h1></div>
<p class="muted lead"><?cs var:Lang.Catalogs.intro ?></p>
<section class="cards">
  <?cs each:c = Catalogs ?>
  <a class="card" href="/admin/catalogs/<?cs var:c.kind ?>">
    <span class="card-title"><?cs var:Lang.Catalogs.Kind[c.kind] ?></span>
    <span class="card-count"><?cs var:c.items ?></span>
  </a>
  <?cs /each ?>
</section>
<?cs include:"footer.cs" ?>
