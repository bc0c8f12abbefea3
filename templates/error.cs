<?cs set:title = Lang.Error.title ?><?cs include:"header.cs" ?>
<section class="panel narrow error-page">
  <p class="status-code"><?cs var:Error.status ?></p>
  <h1><?cs var:Error.message ?></h1>
  <p><a href="/"><?cs var:Lang.Error.home ?></a><?cs if:!User.id && Error.status != 503 ?> · <a href="/login"><?cs var:Lang.Login.title ?></a><?cs /if ?></p>
</section>
<?cs include:"footer.cs" ?>
