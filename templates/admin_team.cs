<?cs include:"macros.cs" ?><?cs set:title = Team.name ?><?cs include:"header.cs" ?>
<?cs call:group_head(Team, "/admin/teams", Lang.Teams) ?>
<?cs call:group_members(Members, Team, "/admin/teams", Lang.Teams, "members") ?>
<?cs include:"footer.cs" ?>
