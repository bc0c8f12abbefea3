<?cs include:"macros.cs" ?><?cs set:title = Lang.Teams.title ?><?cs include:"header.cs" ?>
<?cs call:group_list(Teams, "/admin/teams", Lang.Teams, "members") ?>
<?cs include:"footer.cs" ?>
