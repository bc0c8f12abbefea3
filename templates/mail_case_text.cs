<?cs escape:"none" ?><?cs var:Mail.what ?>

<?cs var:Mail.number ?> · <?cs var:Mail.subject ?>
<?cs var:Lang.Mail.status ?>: <?cs var:Mail.status ?>

<?cs var:Lang.Mail.description ?>:
<?cs var:Mail.description ?>
<?cs if:Mail.note ?>
<?cs var:Lang.Mail.latest_note ?>: <?cs var:Mail.note ?>
<?cs /if ?>
<?cs if:Mail.link ?><?cs var:Lang.Mail.link ?>: <?cs var:Mail.link ?><?cs /if ?>

-- 
<?cs var:Lang.Mail.footer ?>
<?cs /escape ?>
