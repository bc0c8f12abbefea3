<!DOCTYPE html>
<html lang="<?cs var:Mail.lang ?>"><head><meta charset="utf-8"><title><?cs var:Mail.site ?></title></head>
<body style="font-family: system-ui, sans-serif; color: #1c2533; line-height: 1.5">
<p><?cs var:Lang.Invite.hello ?> <?cs var:Mail.name ?>,</p>
<p><?cs var:Mail.intro ?></p>
<p><strong><?cs var:Lang.Invite.login ?>:</strong> <?cs var:Mail.login ?></p>
<p><a href="<?cs var:Mail.link ?>" style="display: inline-block; padding: .5em 1em; background: #1d5fd1; color: #fff; border-radius: 4px; text-decoration: none"><?cs var:Lang.Invite.link ?></a></p>
<p><?cs var:Mail.validity ?></p>
<p style="color: #586375; font-size: .85em"><?cs var:Lang.Invite.copy ?><br><?cs var:Mail.link ?></p>
<p style="color: #586375; font-size: .85em"><?cs var:Lang.Invite.ignore ?></p>
</body></html>
