<?cs include:"macros.cs" ?><?cs set:title = Lang.Portal.new ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/portal/cases"><?cs var:Lang.Portal.title ?></a> /</p>
<div class="page-head"><h1><?cs var:Lang.Portal.new ?></h1></div>
<section class="panel portal-form">
<form method="post" action="/portal/cases/new" enctype="multipart/form-data" class="form">
  <?cs call:csrf_field() ?>
  <p class="muted small"><?cs var:Lang.Portal.required_note ?></p>
  <div class="field">
    <label for="title"><?cs var:Lang.Portal.Field.title ?> <span class="req" aria-hidden="true">*</span></label>
    <input id="title" name="title" value="<?cs var:Form.title ?>" required maxlength="200"<?cs call:invalid_attr("title") ?>>
    <?cs call:field_error("title") ?>
  </div>
  <div class="field">
    <label for="description"><?cs var:Lang.Portal.Field.description ?> <span class="req" aria-hidden="true">*</span></label>
    <textarea id="description" name="description" rows="7" required maxlength="20000"<?cs call:invalid_attr("description") ?>><?cs var:Form.description ?></textarea>
    <?cs call:field_error("description") ?>
  </div>
  <?cs if:subcount(Spaces) > 1 ?>
  <div class="field">
    <label for="space"><?cs var:Lang.Portal.Field.space ?></label>
    <select id="space" name="space"<?cs call:invalid_attr("space") ?>>
      <?cs each:s = Spaces ?><option value="<?cs var:s.id ?>"<?cs if:Form.space == s.id ?> selected<?cs /if ?>><?cs var:s.name ?></option><?cs /each ?>
    </select>
    <?cs call:field_error("space") ?>
  </div>
  <?cs /if ?>
  <div class="field">
    <label for="file"><?cs var:Lang.Portal.Field.files ?></label>
    <input id="file" name="file" type="file" multiple data-max="<?cs var:Page.max_file ?>" data-max-msg="<?cs var:Lang.Err.file_too_large ?>" aria-describedby="file-hint">
    <p class="hint" id="file-hint"><?cs var:Lang.Portal.files_hint ?> <?cs var:Page.max_file_label ?>.</p>
  </div>
  <dl class="portal-facts small">
    <div><dt><?cs var:Lang.Portal.Field.user ?></dt><dd><?cs var:Portal.customer ?></dd></div>
    <?cs if:Portal.organization ?><div><dt><?cs var:Lang.Portal.Field.organization ?></dt><dd><?cs var:Portal.organization ?></dd></div><?cs /if ?>
    <?cs if:subcount(Spaces) == 1 ?><div><dt><?cs var:Lang.Portal.Field.space ?></dt><dd><?cs var:Spaces.0.name ?></dd></div><?cs /if ?>
  </dl>
  <p class="hint"><?cs var:Lang.Portal.auto_note ?></p>
  <div class="actions">
    <button type="submit" class="primary"><?cs var:Lang.Portal.send ?></button>
    <a href="/portal/cases"><?cs var:Lang.Common.cancel ?></a>
  </div>
</form>
</section>
<?cs include:"footer.cs" ?>
