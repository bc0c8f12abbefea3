<?cs include:"macros.cs" ?><?cs set:title = Lang.Catalogs.Kind[Catalog.kind] ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/admin/catalogs"><?cs var:Lang.Catalogs.back ?></a> /</p>
<div class="page-head"><h1><?cs var:title ?> <span class="muted count"><?cs var:subcount(Items) ?></span></h1></div>
<?cs call:notices() ?>
<div class="table-wrap">
<table class="grid">
  <thead><tr>
    <th scope="col" class="num"><?cs var:Lang.Catalogs.position ?></th>
    <th scope="col"><?cs var:Lang.Catalogs.code ?></th>
    <th scope="col"><?cs var:Lang.Catalogs.name_es ?></th>
    <th scope="col"><?cs var:Lang.Catalogs.name_en ?></th>
    <?cs if:Catalog.shape == "status" ?>
    <th scope="col"><?cs var:Lang.Catalogs.closed ?></th>
    <th scope="col"><?cs var:Lang.Catalogs.portal_state ?></th>
    <th scope="col"><?cs var:Lang.Catalogs.initial ?></th>
    <?cs elif:Catalog.shape == "priority" ?>
    <th scope="col" class="num"><?cs var:Lang.Catalogs.weight ?></th>
    <?cs /if ?>
    <th scope="col"><?cs var:Lang.Common.status ?></th>
  </tr></thead>
  <tbody>
  <?cs each:i = Items ?>
    <tr<?cs if:i.active != "1" ?> class="inactive"<?cs /if ?>>
      <td class="num"><?cs var:i.position ?></td>
      <td><code><?cs var:i.code ?></code></td>
      <td><a href="/admin/catalogs/<?cs var:Catalog.kind ?>/<?cs var:i.id ?>"><?cs var:i.name_es ?></a></td>
      <td><?cs var:i.name_en ?></td>
      <?cs if:Catalog.shape == "status" ?>
      <td><?cs call:yes_no(i.closed) ?></td>
      <td><span class="badge badge-portal-<?cs var:i.portal_state ?>"><?cs var:Lang.PortalState[i.portal_state] ?></span></td>
      <td><?cs call:yes_no(i.is_initial) ?></td>
      <?cs elif:Catalog.shape == "priority" ?>
      <td class="num"><?cs var:i.weight ?></td>
      <?cs /if ?>
      <td><?cs call:active_badge(i.active) ?></td>
    </tr>
  <?cs /each ?>
  </tbody>
</table>
</div>
<?cs if:Page.editable ?>
<section class="panel">
  <h2><?cs var:Lang.Catalogs.new ?></h2>
  <form method="post" action="/admin/catalogs/<?cs var:Catalog.kind ?>" class="form grid-form">
    <?cs call:csrf_field() ?>
    <?cs if:!Form.error ?><?cs set:Form.active = "1" ?><?cs set:Form.portal_state = "investigating" ?><?cs /if ?>
    <?cs call:catalog_fields(Form) ?>
    <div class="actions"><button type="submit" class="primary"><?cs var:Lang.Common.create ?></button></div>
  </form>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
