<!DOCTYPE html>
<html lang="<?cs var:Page.lang ?>"><head><meta charset="utf-8"><title><?cs var:Mail.number ?></title></head>
<body style="font-family: system-ui, sans-serif; color: #1c2533; line-height: 1.5">
<p><?cs var:Mail.what ?></p>
<h2 style="font-size: 1.1em"><?cs var:Mail.number ?> · <?cs var:Mail.subject ?></h2>
<p><strong><?cs var:Lang.Mail.status ?>:</strong> <?cs var:Mail.status ?></p>
<p><strong><?cs var:Lang.Mail.description ?>:</strong><br><?cs var:Mail.description ?></p>
<?cs if:Mail.note ?><p><strong><?cs var:Lang.Mail.latest_note ?>:</strong> <?cs var:Mail.note ?></p><?cs /if ?>
<?cs if:Mail.link ?><p><a href="<?cs var:Mail.link ?>"><?cs var:Lang.Mail.link ?></a></p><?cs /if ?>
<p style="color: #586375; font-size: .85em"><?cs var:Lang.Mail.footer ?></p>
</body></html>
