<?cs include:"macros.cs" ?><?cs set:title = Lang.Typifications.title ?><?cs include:"header.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.Typifications.title ?></h1>
  <a class="button" href="/admin/campaigns"><?cs var:Lang.Campaigns.title ?></a>
</div>
<p class="muted lead"><?cs var:Lang.Typifications.intro ?></p>
<p><?cs var:Lang.Typifications.choose ?></p>
<div class="table-wrap">
<table class="grid">
  <thead><tr>
    <th scope="col"><?cs var:Lang.Typifications.campaign ?></th>
    <th scope="col" class="num"><?cs var:Lang.Typifications.outcomes ?></th>
    <th scope="col"><?cs var:Lang.Common.status ?></th>
  </tr></thead>
  <tbody>
  <?cs each:c = Campaigns ?>
    <tr<?cs if:c.active != "1" ?> class="inactive"<?cs /if ?>>
      <td><a href="/admin/typifications/<?cs var:c.id ?>"><?cs var:c.name ?></a></td>
      <td class="num"><?cs var:c.typifications ?></td>
      <td><?cs call:active_badge(c.active) ?></td>
    </tr>
  <?cs /each ?>
  <?cs if:!subcount(Campaigns) ?><tr><td colspan="3" class="empty"><?cs var:Lang.Campaigns.none ?></td></tr><?cs /if ?>
  </tbody>
</table>
</div>
<?cs include:"footer.cs" ?>
