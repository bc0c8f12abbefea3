<?cs # What the customer sees of a case, shared by the view and the printable page. ?>
<?cs def:portal_case_body() ?>
<section class="panel">
  <p><span class="badge badge-portal-<?cs var:Case.state ?>"><?cs var:Lang.PortalState[Case.state] ?></span> <span class="muted"><?cs var:Lang.Portal.StateHint[Case.state] ?></span></p>
  <dl class="portal-facts">
    <div><dt><?cs var:Lang.Portal.Field.number ?></dt><dd><?cs var:Case.number ?></dd></div>
    <div><dt><?cs var:Lang.Portal.Field.opened_at ?></dt><dd><?cs var:datetime(Case.opened_at) ?></dd></div>
    <div><dt><?cs var:Lang.Portal.Field.user ?></dt><dd><?cs var:Case.user ?></dd></div>
    <?cs if:Case.organization ?><div><dt><?cs var:Lang.Portal.Field.organization ?></dt><dd><?cs var:Case.organization ?></dd></div><?cs /if ?>
    <?cs if:Case.space ?><div><dt><?cs var:Lang.Portal.Field.space ?></dt><dd><?cs var:Case.space ?></dd></div><?cs /if ?>
    <?cs if:Case.finished_at ?><div><dt><?cs var:Lang.Portal.finished_at ?></dt><dd><?cs var:datetime(Case.finished_at) ?></dd></div><?cs /if ?>
  </dl>
  <h2><?cs var:Lang.Portal.Field.description ?></h2>
  <div class="note"><?cs var:Case.description ?></div>
  <?cs if:Case.resolution ?><h2><?cs var:Lang.Portal.resolution ?></h2><div class="note resolution"><?cs var:Case.resolution ?></div><?cs /if ?>
</section>
<section class="panel" id="notes">
  <h2><?cs var:Lang.Portal.conversation ?></h2>
  <?cs if:!subcount(Notes) ?><p class="muted"><?cs var:Lang.Portal.no_notes ?></p><?cs /if ?>
  <ol class="portal-notes">
  <?cs each:n = Notes ?>
    <li class="<?cs if:n.from_customer == "1" ?>from-customer<?cs else ?>from-staff<?cs /if ?>">
      <p class="small muted"><strong><?cs if:n.from_customer == "1" ?><?cs var:n.author ?><?cs else ?><?cs var:Lang.Portal.staff ?><?cs /if ?></strong> · <?cs var:datetime(n.created_at) ?></p>
      <?cs if:n.from_customer != "1" ?><p class="note-title"><?cs var:n.title ?></p><?cs /if ?>
      <?cs if:n.body ?><div class="note"><?cs var:n.body ?></div><?cs /if ?>
      <?cs set:files = 0 ?><?cs each:f = Files ?><?cs if:f.note_id == n.id ?><?cs if:files == 0 ?><ul class="files"><?cs /if ?><?cs set:files = #files + #1 ?><li><a href="/attachments/<?cs var:f.id ?>"><?cs var:f.name ?></a> <span class="muted small">(<?cs var:f.size_label ?>)</span></li><?cs /if ?><?cs /each ?><?cs if:files > 0 ?></ul><?cs /if ?>
    </li>
  <?cs /each ?>
  </ol>
</section>
<?cs /def ?>
