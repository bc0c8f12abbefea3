<!DOCTYPE html>
<html lang="<?cs var:Mail.lang ?>"><head><meta charset="utf-8"><title><?cs var:Mail.number ?></title></head>
<body style="font-family: system-ui, sans-serif; color: #1c2533; line-height: 1.5">
<p><?cs var:Mail.greeting ?></p>
<p><?cs var:Mail.body ?></p>
<h2 style="font-size: 1.1em"><?cs var:Mail.number ?> · <?cs var:Mail.subject ?></h2>
<p><?cs var:Lang.Inbound.ack_reply ?></p>
<p style="color: #586375; font-size: .85em"><?cs var:Mail.site ?></p>
</body></html>
