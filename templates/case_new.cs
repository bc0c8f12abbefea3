<?cs include:"macros.cs" ?><?cs set:title = Lang.Cases.new ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/cases"><?cs var:Lang.Cases.back ?></a> /</p>
<div class="page-head"><h1><?cs var:title ?></h1></div>
<?cs if:Form.error ?><p class="alert" role="alert"><?cs var:Lang.Err.invalid ?></p><?cs /if ?>
<form method="post" action="/cases" class="form case-form">
  <?cs call:csrf_field() ?>
  <?cs call:case_fields(Form, "/cases/new") ?>
  <aside class="similar panel" data-similar="/solutions?similar=1" aria-live="polite">
    <h2><?cs var:Lang.Solutions.similar ?></h2>
    <ol class="similar-list"></ol>
    <p class="small"><a href="/solutions" target="_blank" rel="noopener"><?cs var:Lang.Solutions.open_base ?></a></p>
  </aside>
  <fieldset class="panel grid-form">
    <legend><?cs var:Lang.Cases.Section.note ?></legend>
    <div class="field wide">
      <label for="note"><?cs var:Lang.Cases.initial_note ?></label>
      <textarea id="note" name="note" rows="3"><?cs var:Form.note ?></textarea>
    </div>
  </fieldset>
  <div class="actions"><button type="submit" class="primary"><?cs var:Lang.Cases.register ?></button> <a href="/cases"><?cs var:Lang.Common.cancel ?></a></div>
</form>
<?cs include:"footer.cs" ?>
