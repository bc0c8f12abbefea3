<?cs include:"macros.cs" ?><?cs set:title = Lang.Lookup.Title[Lookup.what] ?><?cs include:"header.cs" ?>
<?cs if:Lookup.back ?><p class="crumbs"><a href="<?cs var:Lookup.back ?>"><?cs var:Lang.Lookup.back ?></a></p><?cs /if ?>
<div class="page-head"><h1><?cs var:title ?></h1></div>
<form method="get" action="/lookup/<?cs var:Lookup.what ?>" class="toolbar" role="search">
  <input type="hidden" name="back" value="<?cs var:Lookup.back ?>">
  <input type="hidden" name="field" value="<?cs var:Lookup.field ?>">
  <?cs if:Lookup.kind ?><input type="hidden" name="kind" value="<?cs var:Lookup.kind ?>"><?cs /if ?>
  <?cs if:Lookup.customer ?><input type="hidden" name="customer" value="<?cs var:Lookup.customer ?>"><?cs /if ?>
  <label for="q" class="sr"><?cs var:Lang.Common.search ?></label>
  <input id="q" name="q" type="search" value="<?cs var:Lookup.q ?>" placeholder="<?cs var:Lang.Lookup.placeholder ?>" autofocus>
  <button type="submit"><?cs var:Lang.Common.search ?></button>
</form>
<ul class="results">
  <?cs each:x = Results ?>
  <li><?cs if:x.pick ?><a href="<?cs var:x.pick ?>"><?cs var:x.label ?></a><?cs else ?><?cs var:x.label ?><?cs /if ?> <span class="muted small"><?cs var:x.detail ?></span></li>
  <?cs /each ?>
  <?cs if:!subcount(Results) ?><li class="muted"><?cs var:Lang.Common.none ?></li><?cs /if ?>
</ul>
<?cs if:Lookup.more ?><p class="muted small"><?cs var:Lang.Lookup.more ?></p><?cs /if ?>
<?cs include:"footer.cs" ?>
