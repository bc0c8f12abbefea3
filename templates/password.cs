<?cs include:"macros.cs" ?><?cs if:Page.gone ?><?cs set:title = Lang.Password.gone_title ?><?cs else ?><?cs set:title = Lang.Password.title ?><?cs /if ?><?cs include:"header.cs" ?>
<?cs if:Page.gone ?>
<section class="panel narrow login">
  <h1><?cs var:Lang.Password.gone_title ?></h1>
  <p><?cs var:Lang.Password.gone_text ?></p>
  <p><a href="/login"><?cs var:Lang.Password.to_login ?></a></p>
</section>
<?cs else ?>
<section class="panel narrow login">
  <h1><?cs var:Lang.Password.title ?></h1>
  <p class="muted"><?cs var:Lang.Password.intro ?></p>
  <?cs if:Form.error ?><p class="alert" role="alert"><?cs var:Lang.Err.invalid ?></p><?cs /if ?>
  <form method="post" action="/password" class="form">
    <?cs if:Session.csrf ?><?cs call:csrf_field() ?><?cs /if ?>
    <input type="hidden" name="token" value="<?cs var:Form.token ?>">
    <label for="who"><?cs var:Lang.Password.account ?></label>
    <input id="who" value="<?cs var:Invitee.name ?>" readonly>
    <label for="username"><?cs var:Lang.Password.login ?></label>
    <input id="username" name="username" value="<?cs var:Invitee.login ?>" autocomplete="username" readonly>
    <label for="password"><?cs var:Lang.Password.password ?></label>
    <input id="password" name="password" type="password" autocomplete="new-password" required minlength="8" maxlength="200" autofocus<?cs if:!Errors.password ?> aria-describedby="pw-hint"<?cs /if ?><?cs call:invalid_attr("password") ?>>
    <p class="hint" id="pw-hint"><?cs var:Lang.Password.hint ?></p>
    <?cs call:field_error("password") ?>
    <label for="password2"><?cs var:Lang.Password.password2 ?></label>
    <input id="password2" name="password2" type="password" autocomplete="new-password" required maxlength="200"<?cs call:invalid_attr("password2") ?>>
    <?cs call:field_error("password2") ?>
    <button type="submit" class="primary"><?cs var:Lang.Password.submit ?></button>
  </form>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
