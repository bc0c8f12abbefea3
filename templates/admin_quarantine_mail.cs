<?cs include:"macros.cs" ?><?cs set:title = Lang.Quarantine.mail ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/admin/quarantine"><?cs var:Lang.Quarantine.back ?></a> /</p>
<div class="page-head"><h1><?cs alt:Mail.subject ?><?cs var:Lang.Quarantine.no_subject ?><?cs /alt ?></h1></div>
<section class="panel">
<dl class="details">
  <dt><?cs var:Lang.Quarantine.received ?></dt><dd><?cs var:datetime(Mail.received_at) ?></dd>
  <dt><?cs var:Lang.Quarantine.from ?></dt><dd><?cs var:Mail.from_addr ?></dd>
  <dt><?cs var:Lang.Quarantine.size ?></dt><dd><?cs var:Mail.size ?> B</dd>
  <dt><?cs var:Lang.Common.status ?></dt><dd><?cs var:Lang.Quarantine.Status[Mail.status] ?><?cs if:Mail.case_id ?> · <a href="/cases/<?cs var:Mail.case_id ?>"><?cs var:Lang.Quarantine.case ?></a><?cs /if ?></dd>
  <dt><?cs var:Lang.Quarantine.reason ?></dt><dd><?cs var:Lang.Quarantine.Reason[Mail.kind] ?> <span class="muted small">(<?cs var:Mail.reason ?>)</span></dd>
</dl>
<?cs if:Mail.truncated == "1" ?><p class="notice muted"><?cs var:Lang.Quarantine.truncated ?></p><?cs /if ?>
<?cs if:Mail.status == "quarantined" ?>
<div class="actions">
  <?cs if:Mail.truncated != "1" ?><form method="post" action="/admin/quarantine/<?cs var:Mail.id ?>/release" class="inline">
    <?cs call:csrf_field() ?><button type="submit" class="primary"><?cs var:Lang.Quarantine.release ?></button>
  </form><?cs /if ?>
  <form method="post" action="/admin/quarantine/<?cs var:Mail.id ?>/delete" class="inline" data-confirm="<?cs var:Lang.Quarantine.confirm_delete ?>">
    <?cs call:csrf_field() ?><button type="submit" class="link danger"><?cs var:Lang.Common.delete ?></button>
  </form>
</div>
<?cs /if ?>
</section>
<?cs if:Mail.headers ?>
<section class="panel">
  <h2><?cs var:Lang.Quarantine.headers ?></h2>
  <pre class="description"><?cs var:Mail.headers ?></pre>
  <h2><?cs var:Lang.Quarantine.body_start ?></h2>
  <pre class="description"><?cs var:Mail.body_start ?></pre>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
