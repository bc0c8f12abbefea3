<?cs include:"macros.cs" ?><?cs set:title = Case.number ?><?cs include:"header.cs" ?>
<?cs include:"portal_case_parts.cs" ?>
<p class="crumbs"><a href="/portal/cases"><?cs var:Lang.Portal.title ?></a> /</p>
<?cs if:Page.created ?><p class="notice" role="status"><?cs var:Lang.Portal.created ?> <strong><?cs var:Case.number ?></strong>.</p><?cs /if ?>
<?cs if:Page.saved ?><p class="notice" role="status"><?cs var:Lang.Portal.info_saved ?></p><?cs /if ?>
<div class="page-head">
  <h1><span class="muted"><?cs var:Case.number ?></span> <?cs var:Case.title ?></h1>
  <?cs if:Case.can_print == "1" ?><a class="button" href="/portal/cases/<?cs var:Case.id ?>/print"><?cs var:Lang.Portal.print ?></a><?cs /if ?>
</div>
<?cs call:portal_case_body() ?>
<?cs if:Case.can_add == "1" ?>
<section class="panel" id="add">
  <h2><?cs var:Lang.Portal.add_info ?></h2>
  <form method="post" action="/portal/cases/<?cs var:Case.id ?>/notes" enctype="multipart/form-data" class="form">
    <?cs call:csrf_field() ?>
    <div class="field">
      <label for="body"><?cs var:Lang.Portal.info_body ?></label>
      <textarea id="body" name="body" rows="4" maxlength="20000"<?cs call:invalid_attr("body") ?>><?cs var:Form.body ?></textarea>
      <?cs call:field_error("body") ?>
    </div>
    <div class="field">
      <label for="file"><?cs var:Lang.Portal.Field.files ?></label>
      <input id="file" name="file" type="file" multiple data-max="<?cs var:Page.max_file ?>" data-max-msg="<?cs var:Lang.Err.file_too_large ?>" aria-describedby="file-hint">
      <p class="hint" id="file-hint"><?cs var:Lang.Portal.files_hint ?> <?cs var:Page.max_file_label ?>.</p>
    </div>
    <div class="actions"><button type="submit" class="primary"><?cs var:Lang.Portal.info_send ?></button></div>
  </form>
</section>
<?cs else ?>
<p class="muted"><?cs var:Lang.Portal.finished_no_add ?> <a href="/portal/cases/new"><?cs var:Lang.Portal.new ?></a></p>
<?cs /if ?>
<?cs include:"footer.cs" ?>
