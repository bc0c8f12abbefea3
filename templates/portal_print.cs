<?cs include:"macros.cs" ?><?cs include:"portal_case_parts.cs" ?><!DOCTYPE html>
<html lang="<?cs var:Page.lang ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs var:Case.number ?> · <?cs var:Site.name ?></title>
<link rel="stylesheet" href="/static/atiende.css">
<script src="/static/atiende.js" defer></script>
</head>
<body class="printable">
<main id="main">
<div class="print-bar">
  <button type="button" class="primary" data-print><?cs var:Lang.Portal.print ?></button>
  <a class="button" href="/portal/cases/<?cs var:Case.id ?>"><?cs var:Lang.Portal.back_case ?></a>
</div>
<header class="print-head">
  <p class="brand"><span class="logo" aria-hidden="true">A</span><?cs var:Site.name ?></p>
  <h1><span class="muted"><?cs var:Case.number ?></span> <?cs var:Case.title ?></h1>
</header>
<?cs call:portal_case_body() ?>
<p class="muted small"><?cs var:Lang.Portal.printed_by ?> <?cs var:User.name ?></p>
</main>
</body>
</html>
