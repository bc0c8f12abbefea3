<?cs include:"macros.cs" ?><?cs set:title = Role.name ?><?cs include:"header.cs" ?>
<?cs call:group_head(Role, "/admin/roles", Lang.Roles) ?>
<?cs call:group_members(Participants, Role, "/admin/roles", Lang.Roles, "participants") ?>
<?cs include:"footer.cs" ?>
