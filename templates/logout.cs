<?cs set:title = Lang.Nav.logout ?><?cs include:"header.cs" ?>
<section class="panel narrow">
  <h1><?cs var:Lang.Logout.title ?></h1>
  <form method="post" action="/logout" class="form">
    <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
    <button type="submit" class="primary"><?cs var:Lang.Nav.logout ?></button>
  </form>
</section>
<?cs include:"footer.cs" ?>
