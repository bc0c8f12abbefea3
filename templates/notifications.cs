<?cs include:"macros.cs" ?><?cs set:title = Lang.Notifications.title ?><?cs include:"header.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.Notifications.title ?> <span class="muted count"><?cs var:User.unread ?></span></h1>
  <?cs if:User.unread > 0 ?>
  <form method="post" action="/notifications/read" class="inline"><?cs call:csrf_field() ?><button type="submit"><?cs var:Lang.Notifications.mark_all ?></button></form>
  <?cs /if ?>
</div>
<ul class="alerts">
  <?cs each:n = Notifications ?>
  <li class="<?cs if:n.unread == "1" ?>unread<?cs /if ?>">
    <?cs if:n.unread == "1" ?><span class="badge badge-info"><?cs var:Lang.Notifications.unread ?></span><?cs /if ?>
    <span class="muted small"><?cs var:Lang.Notifications.Kind[n.kind] ?> · <?cs var:datetime(n.created_at) ?></span>
    <div><?cs if:n.case_id ?><a href="<?cs if:!User.is_staff ?>/portal<?cs /if ?>/cases/<?cs var:n.case_id ?>"><?cs var:n.text ?></a><?cs else ?><?cs var:n.text ?><?cs /if ?></div>
    <?cs if:n.unread == "1" ?>
    <form method="post" action="/notifications/<?cs var:n.id ?>/read" class="inline"><?cs call:csrf_field() ?><?cs if:n.case_id ?><input type="hidden" name="next" value="<?cs if:!User.is_staff ?>/portal<?cs /if ?>/cases/<?cs var:n.case_id ?>"><?cs /if ?><button type="submit" class="link"><?cs var:Lang.Notifications.mark_read ?></button></form>
    <?cs /if ?>
  </li>
  <?cs /each ?>
  <?cs if:!subcount(Notifications) ?><li class="muted"><?cs var:Lang.Notifications.none ?></li><?cs /if ?>
</ul>
<?cs include:"footer.cs" ?>
