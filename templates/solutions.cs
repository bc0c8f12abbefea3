<?cs include:"macros.cs" ?><?cs set:title = Lang.Solutions.title ?><?cs include:"header.cs" ?>
<div class="page-head"><h1><?cs var:Lang.Solutions.title ?> <span class="muted count"><?cs var:Pager.total ?></span></h1></div>
<p class="muted lead"><?cs var:Lang.Solutions.intro ?></p>
<form method="get" action="/solutions" class="filters" role="search">
  <div class="field grow"><label for="q"><?cs var:Lang.Common.search ?></label><input id="q" name="q" type="search" value="<?cs var:Search.q ?>" placeholder="<?cs var:Lang.Solutions.hint ?>" autofocus></div>
  <?cs call:select_filter("area", Lang.Cases.Field.area, Options.areas, Search.area) ?>
  <?cs call:select_filter("type", Lang.Cases.Field.type, Options.types, Search.type) ?>
  <?cs call:select_filter("article", Lang.Cases.Field.article, Options.articles, Search.article) ?>
  <div class="field"><label for="closed_from"><?cs var:Lang.Solutions.closed_from ?></label><input id="closed_from" name="closed_from" type="date" value="<?cs var:Search.closed_from ?>"></div>
  <div class="field"><label for="closed_to"><?cs var:Lang.Solutions.closed_to ?></label><input id="closed_to" name="closed_to" type="date" value="<?cs var:Search.closed_to ?>"></div>
  <div class="actions"><button type="submit"><?cs var:Lang.Common.search ?></button></div>
</form>
<ol class="solutions">
  <?cs each:s = Solutions ?>
  <li class="panel">
    <h2><a href="/cases/<?cs var:s.id ?>"><span class="case-number"><?cs var:s.number ?></span> <?cs var:s.subject ?></a></h2>
    <div class="description"><?cs var:s.resolution ?></div>
    <p class="muted small"><?cs var:s.area ?> · <?cs var:Lang.Solutions.closed ?> <?cs var:date(s.closed_at) ?><?cs if:s.closed_by ?> · <?cs var:s.closed_by ?><?cs /if ?></p>
  </li>
  <?cs /each ?>
  <?cs if:!subcount(Solutions) ?><li class="muted"><?cs var:Lang.Common.none ?></li><?cs /if ?>
</ol>
<?cs call:pager("/solutions?q=" + url_escape(Search.q) + "&area=" + Search.area + "&type=" + Search.type + "&article=" + Search.article + "&closed_from=" + Search.closed_from + "&closed_to=" + Search.closed_to + "&") ?>
<?cs include:"footer.cs" ?>
