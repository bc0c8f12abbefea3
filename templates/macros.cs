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
