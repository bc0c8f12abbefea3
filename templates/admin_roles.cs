<?cs include:"macros.cs" ?><?cs set:title = Lang.Roles.title ?><?cs include:"header.cs" ?>
<?cs call:group_list(Roles, "/admin/roles", Lang.Roles, "participants") ?>
<?cs include:"footer.cs" ?>
