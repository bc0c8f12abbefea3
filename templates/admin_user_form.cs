<?cs include:"macros.cs" ?><?cs if:Form.id ?><?cs set:title = Form.login ?><?cs else ?><?cs set:title = Lang.Users.new ?><?cs /if ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/admin/users"><?cs var:Lang.Users.title ?></a> /</p>
<div class="page-head">
  <h1><?cs if:Form.id ?><?cs var:Form.name ?> <span class="muted">(<?cs var:Form.login ?>)</span><?cs else ?><?cs var:Lang.Users.new ?><?cs /if ?></h1>
  <?cs if:Form.id && Page.editable ?>
  <form method="post" action="/admin/users/<?cs var:Form.id ?>/<?cs if:Form.active == "0" ?>enable<?cs else ?>disable<?cs /if ?>" class="inline"<?cs if:Form.active != "0" ?> data-confirm="<?cs var:Lang.Common.confirm ?>"<?cs /if ?>>
    <?cs call:csrf_field() ?>
    <button type="submit" class="<?cs if:Form.active == "0" ?>primary<?cs else ?>danger<?cs /if ?>"><?cs if:Form.active == "0" ?><?cs var:Lang.Users.enable ?><?cs else ?><?cs var:Lang.Users.disable ?><?cs /if ?></button>
  </form>
  <?cs /if ?>
</div>
<?cs call:notices() ?>
<?cs if:Page.invited ?><p class="notice" role="status"><?cs var:Lang.Users.invited ?></p><?cs /if ?>
<section class="panel">
<form method="post" action="<?cs if:Form.id ?>/admin/users/<?cs var:Form.id ?><?cs else ?>/admin/users<?cs /if ?>" class="form grid-form" data-role-form>
  <?cs call:csrf_field() ?>
  <?cs if:Form.id ?><input type="hidden" name="version" value="<?cs var:Form.version ?>"><?cs /if ?>
  <fieldset<?cs if:!Page.editable ?> disabled<?cs /if ?>>
  <div class="field">
    <label for="login"><?cs var:Lang.Users.login ?></label>
    <input id="login" name="login" value="<?cs var:Form.login ?>" required maxlength="64" autocomplete="off"<?cs if:Form.id ?> readonly<?cs /if ?><?cs call:invalid_attr("login") ?>>
    <?cs call:field_error("login") ?>
  </div>
  <div class="field">
    <label for="name"><?cs var:Lang.Users.name ?></label>
    <input id="name" name="name" value="<?cs var:Form.name ?>" required maxlength="200"<?cs call:invalid_attr("name") ?>>
    <?cs call:field_error("name") ?>
  </div>
  <div class="field">
    <label for="email"><?cs var:Lang.Users.email ?></label>
    <input id="email" name="email" type="email" value="<?cs var:Form.email ?>" maxlength="254"<?cs call:invalid_attr("email") ?>>
    <?cs call:field_error("email") ?>
  </div>
  <div class="field">
    <label for="role-f"><?cs var:Lang.Users.role ?></label>
    <select id="role-f" name="role" required<?cs call:invalid_attr("role") ?>>
      <?cs each:item = Lang.Role ?><option value="<?cs name:item ?>"<?cs if:Form.role == name(item) ?> selected<?cs /if ?>><?cs var:item ?></option><?cs /each ?>
    </select>
    <?cs call:field_error("role") ?>
  </div>
  <div class="field">
    <label for="language"><?cs var:Lang.Users.language ?></label>
    <select id="language" name="language"<?cs call:invalid_attr("language") ?>>
      <option value=""><?cs var:Lang.Users.lang_auto ?></option>
      <?cs each:item = Lang.Lang ?><option value="<?cs name:item ?>"<?cs if:Form.language == name(item) ?> selected<?cs /if ?>><?cs var:item ?></option><?cs /each ?>
    </select>
    <?cs call:field_error("language") ?>
  </div>
  <div class="field">
    <label for="password"><?cs var:Lang.Users.password ?></label>
    <input id="password" name="password" type="password" autocomplete="new-password" maxlength="200"<?cs if:!Errors.password ?> aria-describedby="pw-hint"<?cs /if ?><?cs call:invalid_attr("password") ?>>
    <p class="hint" id="pw-hint"><?cs if:Form.id ?><?cs var:Lang.Users.password_edit_hint ?><?cs else ?><?cs var:Lang.Users.password_new_hint ?><?cs /if ?></p>
    <?cs call:field_error("password") ?>
  </div>
  <?cs if:!Form.id ?>
  <div class="field check wide">
    <?cs call:flag_input("invite", Lang.Users.invite, Form.invite) ?>
    <?cs call:field_error("invite") ?>
  </div>
  <?cs /if ?>
  <?cs # Without JavaScript these show for every role, with the hint; atiende.js hides them for staff. ?>
  <fieldset class="field wide grid-form" data-role-only="customer">
    <legend><?cs var:Lang.Users.portal ?></legend>
    <p class="hint wide"><?cs var:Lang.Users.portal_hint ?></p>
    <?cs call:lookup_field("customer", Lang.Users.customer, "customers?kind=person", Form.customer, Form.customer_name, Page.path) ?>
    <?cs call:flag_box("portal_admin", Lang.Users.portal_admin, Form.portal_admin) ?>
  </fieldset>
  <div class="field wide" role="group" aria-labelledby="teams-label">
    <input type="hidden" name="teams_sent" value="1">
    <span class="label" id="teams-label"><?cs var:Lang.Users.teams ?></span>
    <?cs if:subcount(Options.teams) ?>
    <div class="checks">
      <?cs each:t = Options.teams ?><label class="check"><input type="checkbox" name="team" value="<?cs var:t.id ?>"<?cs if:t.member == "1" ?> checked<?cs /if ?><?cs call:invalid_attr("team") ?>> <?cs var:t.name ?><?cs if:t.active != "1" ?> <span class="muted small">(<?cs var:Lang.Common.inactive ?>)</span><?cs /if ?></label><?cs /each ?>
    </div>
    <?cs else ?><p class="muted"><?cs var:Lang.Users.no_teams ?></p><?cs /if ?>
    <p class="hint"><?cs var:Lang.Users.teams_hint ?></p>
    <?cs call:field_error("team") ?>
  </div>
  </fieldset>
  <?cs if:Page.editable ?>
  <div class="actions">
    <button type="submit" class="primary"><?cs if:Form.id ?><?cs var:Lang.Common.save ?><?cs else ?><?cs var:Lang.Common.create ?><?cs /if ?></button>
    <a href="/admin/users"><?cs var:Lang.Common.cancel ?></a>
  </div>
  <?cs /if ?>
</form>
</section>
<?cs if:Form.id ?>
<section class="panel" id="access">
  <h2><?cs var:Lang.Users.access ?></h2>
  <p><?cs call:active_badge(Form.active) ?> <span class="muted small"><?cs var:Lang.Users.created ?>: <?cs var:datetime(Form.created_at) ?></span></p>
  <p><?cs if:Form.has_password == "1" ?><?cs var:Lang.Users.has_password ?><?cs else ?><?cs var:Lang.Users.no_password ?><?cs /if ?>
    <?cs if:Invite.expires_at ?><?cs var:Lang.Users.invite_pending ?> <?cs var:datetime(Invite.expires_at) ?>.<?cs /if ?></p>
  <?cs if:Page.editable && Form.active == "1" ?>
  <form method="post" action="/admin/users/<?cs var:Form.id ?>/invite" class="inline">
    <?cs call:csrf_field() ?>
    <button type="submit"<?cs call:invalid_attr("invite") ?>><?cs if:Invite.expires_at ?><?cs var:Lang.Users.invite_again ?><?cs else ?><?cs var:Lang.Users.invite_send ?><?cs /if ?></button>
  </form>
  <p class="hint"><?cs var:Lang.Users.invite_hint ?></p>
  <?cs call:field_error("invite") ?>
  <?cs /if ?>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
