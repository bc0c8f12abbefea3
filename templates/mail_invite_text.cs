<?cs escape:"none" ?><?cs var:Lang.Invite.hello ?> <?cs var:Mail.name ?>,

<?cs var:Mail.intro ?>

<?cs var:Lang.Invite.login ?>: <?cs var:Mail.login ?>
<?cs var:Lang.Invite.link ?>: <?cs var:Mail.link ?>

<?cs var:Mail.validity ?>

-- 
<?cs var:Lang.Invite.ignore ?>
<?cs /escape ?>
