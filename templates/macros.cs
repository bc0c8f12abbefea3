<?cs # Shared template macros: included by pages that need them. ?>
<?cs def:field_error(name) ?><?cs if:Errors[name] ?><p class="field-error" id="err-<?cs var:name ?>"><?cs var:Lang.Err[Errors[name]] ?></p><?cs /if ?><?cs /def ?>
<?cs def:invalid_attr(name) ?><?cs if:Errors[name] ?> aria-invalid="true" aria-describedby="err-<?cs var:name ?>"<?cs /if ?><?cs /def ?>
<?cs def:csrf_field() ?><input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>"><?cs /def ?>
<?cs def:pager(base) ?><?cs if:Pager.pages > 1 ?>
<nav class="pager" aria-label="<?cs var:Lang.Common.page ?>">
  <?cs if:Pager.prev ?><a href="<?cs var:base ?>page=<?cs var:Pager.prev ?>" rel="prev">← <?cs var:Lang.Common.previous ?></a><?cs /if ?>
  <span><?cs var:Lang.Common.page ?> <?cs var:Pager.page ?> <?cs var:Lang.Common.of ?> <?cs var:Pager.pages ?></span>
  <?cs if:Pager.next ?><a href="<?cs var:base ?>page=<?cs var:Pager.next ?>" rel="next"><?cs var:Lang.Common.next ?> →</a><?cs /if ?>
</nav><?cs /if ?><?cs /def ?>
<?cs def:team_fields(name, description) ?>
  <div class="field">
    <label for="name"><?cs var:Lang.Teams.name ?></label>
    <input id="name" name="name" value="<?cs var:name ?>" required maxlength="100"<?cs call:invalid_attr("name") ?>>
    <?cs call:field_error("name") ?>
  </div>
  <div class="field">
    <label for="description"><?cs var:Lang.Teams.description ?></label>
    <input id="description" name="description" value="<?cs var:description ?>" maxlength="500"<?cs call:invalid_attr("description") ?>>
    <?cs call:field_error("description") ?>
  </div><?cs /def ?>
