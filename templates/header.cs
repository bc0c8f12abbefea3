<!DOCTYPE html>
<html lang="<?cs var:Page.lang ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs var:title ?> · <?cs var:Site.name ?></title>
<link rel="stylesheet" href="/static/atiende.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<script src="/static/atiende.js" defer></script>
</head>
<body>
<a class="skip" href="#main"><?cs var:Lang.Nav.skip ?></a>
<header class="top">
  <a class="brand" href="/"><span class="logo" aria-hidden="true">A</span><?cs var:Site.name ?></a>
  <?cs if:User.id ?>
  <nav class="nav" aria-label="<?cs var:Lang.Nav.main ?>">
    <?cs if:User.is_staff ?>
    <a href="/"<?cs if:Page.path == "/" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Nav.home ?></a>
    <a href="/cases/pending"<?cs if:Page.path == "/cases/pending" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Pending.nav ?></a>
    <a href="/cases"<?cs if:string.find(Page.path, "/cases") == 0 && Page.path != "/cases/pending" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Nav.cases ?></a>
    <a href="/tasks"<?cs if:string.find(Page.path, "/tasks") == 0 ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Nav.tasks ?></a>
    <a href="/solutions"<?cs if:string.find(Page.path, "/solutions") == 0 ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Nav.solutions ?></a>
    <a href="/customers"<?cs if:string.find(Page.path, "/customers") == 0 ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Nav.customers ?></a>
    <?cs else ?>
    <a href="/portal/cases"<?cs if:string.find(Page.path, "/portal/cases") == 0 && Page.path != "/portal/cases/new" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Nav.portal_cases ?></a>
    <a href="/portal/cases/new"<?cs if:Page.path == "/portal/cases/new" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Nav.portal_new ?></a>
    <?cs /if ?>
    <?cs if:User.is_supervisor ?>
    <a href="/admin/areas"<?cs if:string.find(Page.path, "/admin/") == 0 ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Nav.config ?></a>
    <?cs /if ?>
  </nav>
  <?cs /if ?>
  <div class="tools">
    <span class="langs" role="group" aria-label="<?cs var:Lang.Nav.language ?>">
      <?cs if:Page.lang == "es" ?><strong aria-current="true">ES</strong><?cs else ?><a href="?<?cs if:Page.keep_query ?><?cs var:Page.keep_query ?>&amp;<?cs /if ?>lang=es" hreflang="es" lang="es">ES</a><?cs /if ?>
      <?cs if:Page.lang == "en" ?><strong aria-current="true">EN</strong><?cs else ?><a href="?<?cs if:Page.keep_query ?><?cs var:Page.keep_query ?>&amp;<?cs /if ?>lang=en" hreflang="en" lang="en">EN</a><?cs /if ?>
    </span>
    <?cs if:User.id ?>
    <a class="bell<?cs if:User.unread > 0 ?> has-unread<?cs /if ?>" href="/notifications" title="<?cs var:Lang.Notifications.bell ?>"><svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2"><path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9"/><path d="M10.3 21a1.94 1.94 0 0 0 3.4 0"/></svg><span class="sr"><?cs var:Lang.Notifications.bell ?>:</span> <span class="bell-count"><?cs var:User.unread ?></span></a>
    <?cs if:User.is_staff ?><a class="presence presence-<?cs var:User.presence ?>" href="<?cs if:User.presence == "working" && User.presence_case ?>/cases/<?cs var:User.presence_case ?><?cs else ?>/cases/pending<?cs /if ?>" title="<?cs var:Lang.Presence.yours ?>"<?cs if:User.presence_page ?> data-presence-page="<?cs var:User.presence_page ?>"<?cs /if ?>><?cs var:Lang.Presence.State[User.presence] ?><?cs if:User.presence == "working" && User.presence_number ?> · <span class="case-number"><?cs var:User.presence_number ?></span><?cs /if ?></a><?cs /if ?>
    <span class="me" title="<?cs var:User.login ?>"><span class="avatar" aria-hidden="true"><?cs var:string.slice(User.name, 0, 1) ?></span><span class="me-name"><?cs var:User.name ?></span> <span class="role"><?cs var:Lang.Role[User.role] ?></span></span>
    <form method="post" action="/logout" class="inline">
      <input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>">
      <button type="submit" class="link"><?cs var:Lang.Nav.logout ?></button>
    </form>
    <?cs /if ?>
  </div>
</header>
<?cs if:User.is_supervisor && string.find(Page.path, "/admin/") == 0 ?>
<nav class="subnav" aria-label="<?cs var:Lang.Nav.config ?>">
  <?cs each:item = Lang.Nav.Admin ?><?cs if:name(item) != "quarantine" || User.is_admin ?><a href="/admin/<?cs name:item ?>"<?cs if:string.find(Page.path, "/admin/" + name(item)) == 0 ?> aria-current="page"<?cs /if ?>><?cs var:item ?></a><?cs /if ?><?cs /each ?>
</nav>
<?cs /if ?>
<main id="main">
