<?cs escape:"none" ?><?cs var:Mail.greeting ?>

<?cs var:Mail.body ?>

<?cs var:Mail.number ?> · <?cs var:Mail.subject ?>

<?cs var:Lang.Inbound.ack_reply ?>

-- 
<?cs var:Mail.site ?>
<?cs /escape ?>
