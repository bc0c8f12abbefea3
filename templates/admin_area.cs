<?cs include:"macros.cs" ?><?cs set:title = Area.name ?><?cs include:"header.cs" ?>
<?cs call:group_head(Area, "/admin/areas", Lang.Areas) ?>
<?cs def:sub_flag(s, name) ?><?cs if:Page.editable ?><input type="hidden" name="<?cs var:name ?>" value="0" form="sub-<?cs var:s.id ?>"><label class="check"><input type="checkbox" name="<?cs var:name ?>" value="1" form="sub-<?cs var:s.id ?>"<?cs if:s[name] == "1" ?> checked<?cs /if ?>><span class="sr"> <?cs var:Lang.Areas[name] ?>: <?cs var:s.name ?></span></label><?cs else ?><?cs call:yes_no(s[name]) ?><?cs /if ?><?cs /def ?>
<section class="panel" id="subscriptions">
  <h2><?cs var:Lang.Areas.subscriptions ?> <span class="muted count"><?cs var:subcount(Subscriptions) ?></span></h2>
  <p class="muted small"><?cs var:Lang.Areas.sub_intro ?></p>
  <?cs if:subcount(Subscriptions) ?>
  <div class="table-wrap">
  <table class="grid">
    <thead><tr>
      <th scope="col"><?cs var:Lang.Areas.user ?></th>
      <th scope="col"><?cs var:Lang.Areas.alert ?></th>
      <th scope="col"><?cs var:Lang.Areas.task ?></th>
      <th scope="col"><?cs var:Lang.Areas.email ?></th>
      <?cs if:Page.editable ?><th scope="col"><span class="sr"><?cs var:Lang.Common.actions ?></span></th><?cs /if ?>
    </tr></thead>
    <tbody>
    <?cs each:s = Subscriptions ?>
      <tr<?cs if:Subscription.id == s.id ?> class="current"<?cs /if ?>>
        <td><a href="/admin/users/<?cs var:s.user_id ?>"><?cs var:s.name ?></a> <span class="muted small"><?cs var:s.login ?></span><?cs if:s.user_active != "1" ?> <?cs call:active_badge(s.user_active) ?><?cs /if ?></td>
        <td><?cs call:sub_flag(s, "alert") ?></td>
        <td><?cs call:sub_flag(s, "task") ?></td>
        <td><?cs call:sub_flag(s, "email") ?></td>
        <?cs if:Page.editable ?><td class="row-actions">
          <form method="post" id="sub-<?cs var:s.id ?>" action="/admin/areas/<?cs var:Area.id ?>/subscriptions/<?cs var:s.id ?>" class="inline">
            <?cs call:csrf_field() ?><input type="hidden" name="version" value="<?cs var:s.version ?>">
            <button type="submit" class="link"><?cs var:Lang.Common.save ?></button>
          </form>
          <form method="post" action="/admin/areas/<?cs var:Area.id ?>/subscriptions/<?cs var:s.id ?>/remove" class="inline" data-confirm="<?cs var:Lang.Common.confirm ?>">
            <?cs call:csrf_field() ?><button type="submit" class="link danger"><?cs var:Lang.Areas.remove ?></button>
          </form>
        </td><?cs /if ?>
      </tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs else ?><p class="muted"><?cs var:Lang.Areas.none ?></p><?cs /if ?>
  <?cs if:Page.editable && subcount(Candidates) ?>
  <h3><?cs var:Lang.Areas.add ?></h3>
  <form method="post" action="/admin/areas/<?cs var:Area.id ?>/subscriptions" class="form grid-form">
    <?cs call:csrf_field() ?>
    <div class="field">
      <label for="user"><?cs var:Lang.Areas.user ?></label>
      <?cs call:user_select(Lang.Areas) ?>
      <?cs call:field_error("user") ?>
    </div>
    <?cs call:notify_flags(Form) ?>
    <div class="actions"><button type="submit" class="primary"><?cs var:Lang.Areas.add ?></button></div>
  </form>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
