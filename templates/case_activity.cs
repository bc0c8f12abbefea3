<?cs include:"macros.cs" ?><?cs set:title = Case.number + " · " + Lang.Activities.edit ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/cases"><?cs var:Lang.Cases.back ?></a> / <a href="/cases/<?cs var:Case.id ?>#activities"><?cs var:Case.number ?> <?cs var:Case.subject ?></a> /</p>
<div class="page-head"><h1><?cs var:Lang.Activities.edit ?></h1></div>
<?cs if:Form.error ?><p class="alert" role="alert"><?cs var:Lang.Err.invalid ?></p><?cs /if ?>
<section class="panel">
<form method="post" action="/cases/<?cs var:Case.id ?>/activities/<?cs var:Activity.id ?>" class="form grid-form">
  <?cs call:csrf_field() ?>
  <input type="hidden" name="version" value="<?cs var:Activity.version ?>">
  <?cs call:activity_fields(Activity) ?>
  <div class="actions"><button type="submit" class="primary"><?cs var:Lang.Common.save ?></button> <a href="/cases/<?cs var:Case.id ?>#activities"><?cs var:Lang.Common.cancel ?></a></div>
</form>
<form method="post" action="/cases/<?cs var:Case.id ?>/activities/<?cs var:Activity.id ?>/delete" class="delete-form" data-confirm="<?cs var:Lang.Common.confirm ?>">
  <?cs call:csrf_field() ?><button type="submit" class="link danger"><?cs var:Lang.Common.delete ?></button>
</form>
</section>
<?cs include:"footer.cs" ?>
