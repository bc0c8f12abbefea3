<?cs include:"macros.cs" ?><?cs set:title = Lang.Areas.title ?><?cs include:"header.cs" ?>
<?cs call:group_list(Areas, "/admin/areas", Lang.Areas, "subscriptions") ?>
<?cs include:"footer.cs" ?>
