<?cs include:"macros.cs" ?><?cs set:title = Lang.Customers.new ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/customers"><?cs var:Lang.Customers.back ?></a> /</p>
<div class="page-head"><h1><?cs var:title ?></h1></div>
<?cs if:Form.error ?><p class="alert" role="alert"><?cs var:Lang.Err.invalid ?></p><?cs /if ?>
<section class="panel">
<form method="post" action="/customers" class="form grid-form" data-kind-form>
  <?cs call:csrf_field() ?>
  <?cs call:customer_fields(Form) ?>
  <div class="actions"><button type="submit" class="primary"><?cs var:Lang.Common.create ?></button> <a href="/customers"><?cs var:Lang.Common.cancel ?></a></div>
</form>
</section>
<?cs include:"footer.cs" ?>
