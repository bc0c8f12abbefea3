<?cs include:"macros.cs" ?><?cs set:title = Lang.Typifications.title + " · " + Campaign.name ?><?cs include:"header.cs" ?>
<?cs set:base = "/admin/typifications/" + Campaign.id ?>
<p class="crumbs"><a href="/admin/typifications"><?cs var:Lang.Typifications.back ?></a> / <a href="/admin/campaigns/<?cs var:Campaign.id ?>"><?cs var:Campaign.name ?></a> /</p>
<div class="page-head">
  <h1><?cs var:Lang.Typifications.title ?>: <?cs var:Campaign.name ?> <?cs if:Campaign.active != "1" ?><?cs call:active_badge(Campaign.active) ?><?cs /if ?></h1>
</div>
<p class="muted lead"><?cs var:Lang.Typifications.intro ?></p>
<?cs call:notices() ?>
<?cs # The fields of an outcome (t) under parent. An outcome that closes the case or asks
     for a next management is offered as no one's parent, nor (Tree.N.own) the edited
     outcome's own branch: the server refuses both anyway. ?>
<?cs def:outcome_fields(t, parent) ?>
  <?cs call:text_field("name", Lang.Typifications.name, t.name, " required maxlength=100") ?>
  <div class="field">
    <label for="parent"><?cs var:Lang.Typifications.parent ?></label>
    <select id="parent" name="parent"<?cs call:invalid_attr("parent") ?>>
      <option value=""><?cs var:Lang.Typifications.first_level ?></option>
      <?cs each:o = Tree ?><?cs if:o.own != "1" && ((o.closes_case != "1" && o.requires_next != "1") || o.id == parent) ?><option value="<?cs var:o.id ?>"<?cs if:o.id == parent ?> selected<?cs /if ?>><?cs var:o.path ?><?cs if:o.active != "1" ?> (<?cs var:Lang.Common.inactive ?>)<?cs /if ?></option><?cs /if ?><?cs /each ?>
    </select>
    <?cs call:field_error("parent") ?>
  </div>
  <div class="field">
    <label for="position"><?cs var:Lang.Typifications.position ?></label>
    <input id="position" name="position" value="<?cs var:t.position ?>" inputmode="numeric" maxlength="7"<?cs call:invalid_attr("position") ?>>
    <p class="hint"><?cs var:Lang.Typifications.position_hint ?></p>
    <?cs call:field_error("position") ?>
  </div>
  <div class="field wide">
    <?cs call:flag_input("closes_case", Lang.Typifications.closes_case, t.closes_case) ?>
    <p class="hint"><?cs var:Lang.Typifications.closes_hint ?></p>
    <?cs call:field_error("closes_case") ?>
  </div>
  <div class="field wide">
    <?cs call:flag_input("requires_next", Lang.Typifications.requires_next, t.requires_next) ?>
    <p class="hint"><?cs var:Lang.Typifications.requires_hint ?></p>
    <?cs call:field_error("requires_next") ?>
  </div>
  <?cs call:flag_box("active", Lang.Common.active, t.active) ?><?cs /def ?>
<div class="columns">
<section class="panel" aria-labelledby="tree-title">
  <h2 id="tree-title"><?cs var:Campaign.name ?> <span class="muted count"><?cs var:subcount(Tree) ?></span><?cs if:Typification.id ?> <a class="small" href="<?cs var:base ?>#new">+ <?cs var:Lang.Typifications.new ?></a><?cs /if ?></h2>
  <?cs if:subcount(Tree) ?>
  <?cs # Tree is flat, in tree order: an outcome with children opens a nested list,
       a leaf closes its own item and close_levels of its ancestors' lists. ?>
  <ul class="tree">
  <?cs each:t = Tree ?>
    <li<?cs if:t.active != "1" ?> class="inactive"<?cs /if ?><?cs if:t.id == Typification.id ?> aria-current="true"<?cs /if ?>>
      <span class="tree-node">
        <a href="<?cs var:base ?>/<?cs var:t.id ?>"><?cs var:t.name ?></a>
        <?cs if:t.closes_case == "1" ?><span class="badge badge-danger"><?cs var:Lang.Typifications.closes_case ?></span><?cs /if ?>
        <?cs if:t.requires_next == "1" ?><span class="badge badge-warn"><?cs var:Lang.Typifications.requires_next ?></span><?cs /if ?>
        <?cs if:t.active != "1" ?><span class="badge badge-muted"><?cs var:Lang.Common.inactive ?></span><?cs /if ?>
        <?cs if:t.uses > 0 ?><span class="muted small"><?cs var:Lang.Typifications.uses ?>: <?cs var:t.uses ?></span><?cs /if ?>
        <?cs if:t.closes_case != "1" && t.requires_next != "1" ?><a class="small" href="<?cs var:base ?>?parent=<?cs var:t.id ?>#new">+ <?cs var:Lang.Typifications.add_child ?></a><?cs /if ?>
      </span>
    <?cs if:t.leaf != "1" ?><ul><?cs else ?></li><?cs if:t.close_levels > 0 ?><?cs loop:k = 1, t.close_levels, 1 ?></ul></li><?cs /loop ?><?cs /if ?><?cs /if ?>
  <?cs /each ?>
  </ul>
  <?cs else ?><p class="muted"><?cs var:Lang.Typifications.none ?></p><?cs /if ?>
</section>
<?cs if:Typification.id ?>
<section class="panel" id="edit">
  <h2><?cs var:Lang.Typifications.edit ?></h2>
  <p class="muted small"><?cs var:Lang.Typifications.path ?>: <?cs var:Typification.path ?><?cs if:Typification.uses > 0 ?> · <?cs var:Lang.Typifications.uses ?>: <?cs var:Typification.uses ?><?cs /if ?></p>
  <form method="post" action="<?cs var:base ?>/<?cs var:Typification.id ?>" class="form grid-form">
    <?cs call:csrf_field() ?>
    <input type="hidden" name="version" value="<?cs var:Typification.version ?>">
    <?cs call:outcome_fields(Typification, Typification.parent_id) ?>
    <div class="actions"><button type="submit" class="primary"><?cs var:Lang.Common.save ?></button>
      <?cs if:Typification.closes_case != "1" && Typification.requires_next != "1" ?><a href="<?cs var:base ?>?parent=<?cs var:Typification.id ?>#new">+ <?cs var:Lang.Typifications.add_child ?></a><?cs /if ?></div>
  </form>
  <form method="post" action="<?cs var:base ?>/<?cs var:Typification.id ?>/delete" class="inline delete-form" data-confirm="<?cs var:Lang.Common.confirm ?>">
    <?cs call:csrf_field() ?><button type="submit" class="link danger"><?cs var:Lang.Common.delete ?></button>
    <span class="hint"><?cs var:Lang.Typifications.delete_hint ?></span>
  </form>
</section>
<?cs else ?>
<section class="panel" id="new">
  <h2><?cs var:Lang.Typifications.new ?></h2>
  <form method="post" action="<?cs var:base ?>" class="form grid-form">
    <?cs call:csrf_field() ?>
    <?cs if:!Form.error ?><?cs set:Form.active = "1" ?><?cs /if ?>
    <?cs call:outcome_fields(Form, Form.parent) ?>
    <div class="actions"><button type="submit" class="primary"><?cs var:Lang.Typifications.new ?></button></div>
  </form>
</section>
<?cs /if ?>
</div>
<?cs include:"footer.cs" ?>
