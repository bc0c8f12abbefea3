<?cs include:"macros.cs" ?><?cs include:"admin_campaign_fields.cs" ?><?cs set:title = Lang.Campaigns.title ?><?cs include:"header.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.Campaigns.title ?> <span class="muted count"><?cs var:subcount(Campaigns) ?></span></h1>
  <a class="button" href="/admin/typifications"><?cs var:Lang.Typifications.title ?></a>
</div>
<p class="muted lead"><?cs var:Lang.Campaigns.intro ?></p>
<?cs call:notices() ?>
<div class="table-wrap">
<table class="grid">
  <thead><tr>
    <th scope="col"><?cs var:Lang.Campaigns.name ?></th>
    <th scope="col"><?cs var:Lang.Campaigns.channels ?></th>
    <th scope="col" class="num"><?cs var:Lang.Campaigns.typifications ?></th>
    <th scope="col" class="num"><?cs var:Lang.Campaigns.open_cases ?></th>
    <th scope="col"><?cs var:Lang.Common.status ?></th>
  </tr></thead>
  <tbody>
  <?cs each:c = Campaigns ?>
    <tr<?cs if:c.active != "1" ?> class="inactive"<?cs /if ?>>
      <td><a href="/admin/campaigns/<?cs var:c.id ?>"><?cs var:c.name ?></a><?cs if:c.description ?><div class="muted small"><?cs var:c.description ?></div><?cs /if ?></td>
      <td><?cs var:c.channels ?></td>
      <td class="num"><a href="/admin/typifications/<?cs var:c.id ?>"><?cs var:c.typifications ?></a></td>
      <td class="num"><a href="/cases?campaign=<?cs var:c.id ?>&amp;status=open"><?cs var:c.open_cases ?></a></td>
      <td><?cs call:active_badge(c.active) ?></td>
    </tr>
  <?cs /each ?>
  <?cs if:!subcount(Campaigns) ?><tr><td colspan="5" class="empty"><?cs var:Lang.Campaigns.none ?></td></tr><?cs /if ?>
  </tbody>
</table>
</div>
<section class="panel" id="new">
  <h2><?cs var:Lang.Campaigns.new ?></h2>
  <form method="post" action="/admin/campaigns" class="form grid-form">
    <?cs call:csrf_field() ?>
    <?cs if:!Form.error ?><?cs set:Form.active = "1" ?><?cs /if ?>
    <?cs call:campaign_fields(Form) ?>
    <div class="actions"><button type="submit" class="primary"><?cs var:Lang.Common.create ?></button></div>
  </form>
</section>
<?cs include:"footer.cs" ?>
