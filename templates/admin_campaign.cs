<?cs include:"macros.cs" ?><?cs include:"admin_campaign_fields.cs" ?><?cs set:title = Campaign.name ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/admin/campaigns"><?cs var:Lang.Campaigns.back ?></a> /</p>
<div class="page-head">
  <h1><?cs var:Campaign.name ?> <?cs if:Campaign.active != "1" ?><?cs call:active_badge(Campaign.active) ?><?cs /if ?></h1>
  <a class="button" href="/admin/typifications/<?cs var:Campaign.id ?>"><?cs var:Lang.Campaigns.tree ?> (<?cs var:Campaign.typifications ?>)</a>
</div>
<?cs call:notices() ?>
<div class="columns">
<section class="panel">
<form method="post" action="/admin/campaigns/<?cs var:Campaign.id ?>" class="form grid-form">
  <?cs call:csrf_field() ?>
  <input type="hidden" name="version" value="<?cs var:Campaign.version ?>">
  <?cs call:campaign_fields(Campaign) ?>
  <div class="actions"><button type="submit" class="primary"><?cs var:Lang.Common.save ?></button></div>
</form>
<form method="post" action="/admin/campaigns/<?cs var:Campaign.id ?>/delete" class="inline delete-form" data-confirm="<?cs var:Lang.Common.confirm ?>">
  <?cs call:csrf_field() ?><button type="submit" class="link danger"><?cs var:Lang.Common.delete ?></button>
  <span class="hint"><?cs var:Lang.Campaigns.delete_hint ?></span>
</form>
</section>
<section class="panel" aria-labelledby="preview-title">
  <h2 id="preview-title"><?cs var:Lang.Campaigns.preview ?></h2>
  <?cs # Printed unescaped on purpose: libcmark rendered it with its safe default
       (lib/campaigns.c), which drops raw HTML and javascript: links. ?>
  <?cs if:Campaign.script_html ?><div class="script"><?cs escape:"none" ?><?cs var:Campaign.script_html ?><?cs /escape ?></div>
  <?cs else ?><p class="muted"><?cs var:Lang.Campaigns.no_script ?></p><?cs /if ?>
  <p class="muted small"><?cs var:Lang.Campaigns.open_cases ?>: <a href="/cases?campaign=<?cs var:Campaign.id ?>&amp;status=open"><?cs var:Campaign.open_cases ?></a></p>
</section>
</div>
<?cs include:"footer.cs" ?>
