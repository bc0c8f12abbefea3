<?cs set:title = Lang.Login.title ?><?cs include:"header.cs" ?>
<section class="panel narrow login">
  <h1><?cs var:Lang.Login.title ?></h1>
  <p class="muted"><?cs var:Lang.Login.intro ?></p>
  <?cs if:Page.password_set && !Form.error ?><p class="notice" role="status"><?cs var:Lang.Password.done ?></p><?cs /if ?>
  <?cs if:Form.error ?><p class="alert" role="alert" id="login-error"><?cs var:Lang.Err[Form.error] ?></p><?cs /if ?>
  <form method="post" action="/login" class="form">
    <input type="hidden" name="next" value="<?cs var:Form.next ?>">
    <label for="login"><?cs var:Lang.Login.login ?></label>
    <input id="login" name="login" autocomplete="username" required<?cs if:!Form.error ?> autofocus<?cs /if ?> maxlength="64" value="<?cs var:Form.login ?>"<?cs if:Form.error ?> aria-describedby="login-error" aria-invalid="true"<?cs /if ?>>
    <label for="password"><?cs var:Lang.Login.password ?></label>
    <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200"<?cs if:Form.error ?> autofocus<?cs /if ?>>
    <button type="submit" class="primary"><?cs var:Lang.Login.submit ?></button>
  </form>
</section>
<?cs include:"footer.cs" ?>
