<?cs include:"macros.cs" ?><?cs set:title = Item.name ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/admin/catalogs"><?cs var:Lang.Catalogs.back ?></a> / <a href="/admin/catalogs/<?cs var:Catalog.kind ?>"><?cs var:Lang.Catalogs.Kind[Catalog.kind] ?></a> /</p>
<div class="page-head"><h1><?cs var:Item.name_es ?> <?cs if:Item.active != "1" ?><?cs call:active_badge(Item.active) ?><?cs /if ?></h1></div>
<?cs call:notices() ?>
<section class="panel">
<form method="post" action="/admin/catalogs/<?cs var:Catalog.kind ?>/<?cs var:Item.id ?>" class="form grid-form">
  <?cs call:csrf_field() ?>
  <input type="hidden" name="version" value="<?cs var:Item.version ?>">
  <fieldset<?cs if:!Page.editable ?> disabled<?cs /if ?>>
<?cs call:catalog_fields(Item) ?>
  </fieldset>
  <?cs if:Page.editable ?><div class="actions"><button type="submit" class="primary"><?cs var:Lang.Common.save ?></button></div><?cs /if ?>
</form>
<?cs if:Page.editable ?>
<form method="post" action="/admin/catalogs/<?cs var:Catalog.kind ?>/<?cs var:Item.id ?>/delete" class="inline delete-form" data-confirm="<?cs var:Lang.Common.confirm ?>">
  <?cs call:csrf_field() ?><button type="submit" class="link danger"><?cs var:Lang.Common.delete ?></button>
</form>
<?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
