<?cs include:"macros.cs" ?><?cs if:Rule.id ?><?cs set:title = Lang.Rules.edit ?><?cs else ?><?cs set:title = Lang.Rules.new ?><?cs /if ?><?cs include:"header.cs" ?>
<?cs def:choice(name, label, options, current, blank) ?>
  <div class="field">
    <label for="<?cs var:name ?>"><?cs var:label ?></label>
    <select id="<?cs var:name ?>" name="<?cs var:name ?>"<?cs call:invalid_attr(name) ?>>
      <option value=""><?cs var:blank ?></option>
      <?cs each:o = options ?><option value="<?cs var:o.id ?>"<?cs if:o.id == current ?> selected<?cs /if ?>><?cs if:o.code && name == "status" || o.code && name == "set_status" ?><?cs var:o.code ?> · <?cs /if ?><?cs var:o.name ?></option><?cs /each ?>
    </select>
    <?cs call:field_error(name) ?>
  </div><?cs /def ?>
<p class="crumbs"><a href="/admin/rules"><?cs var:Lang.Rules.back ?></a> /</p>
<div class="page-head"><h1><?cs var:title ?><?cs if:Rule.id ?> <?cs call:active_badge(Rule.active) ?><?cs /if ?></h1></div>
<?cs call:notices() ?>
<?cs if:Rule.words ?><p class="rule-words"><span class="muted small"><?cs var:Lang.Rules.in_words ?>:</span> <?cs var:Rule.words ?></p><?cs /if ?>
<form method="post" action="/admin/rules<?cs if:Rule.id ?>/<?cs var:Rule.id ?><?cs /if ?>" class="form">
  <?cs call:csrf_field() ?>
  <?cs if:Rule.id ?><input type="hidden" name="version" value="<?cs var:Rule.version ?>"><?cs /if ?>
  <fieldset class="panel grid-form"<?cs if:!Page.editable ?> disabled<?cs /if ?>>
    <legend><?cs var:Lang.Rules.conditions ?></legend>
    <?cs call:choice("status", Lang.Rules.status, Options.statuses, Rule.status_id, Lang.Common.any) ?>
    <?cs call:choice("area", Lang.Rules.area, Options.areas, Rule.area_id, Lang.Common.any) ?>
    <?cs call:choice("type", Lang.Rules.type, Options.types, Rule.type_id, Lang.Common.any) ?>
    <?cs call:choice("priority", Lang.Rules.priority, Options.priorities, Rule.priority_id, Lang.Common.any) ?>
    <div class="field">
      <label for="hours_open"><?cs var:Lang.Rules.hours_open ?></label>
      <input id="hours_open" name="hours_open" value="<?cs var:Rule.hours_text ?>" required inputmode="decimal" pattern="[0-9]{1,5}([.,][0-9]{1,2})?" aria-describedby="hours-hint<?cs if:Errors.hours_open ?> err-hours_open<?cs /if ?>"<?cs if:Errors.hours_open ?> aria-invalid="true"<?cs /if ?>>
      <span class="hint" id="hours-hint"><?cs var:Lang.Rules.hours_hint ?></span>
      <?cs call:field_error("hours_open") ?>
    </div>
    <?cs call:flag_box("business_hours", Lang.Rules.business_hours, Rule.business_hours) ?>
  </fieldset>
  <fieldset class="panel grid-form"<?cs if:!Page.editable ?> disabled<?cs /if ?>>
    <legend><?cs var:Lang.Rules.actions ?></legend>
    <?cs call:choice("role", Lang.Rules.role, Options.roles, Rule.role_id, Lang.Rules.no_role) ?>
    <?cs call:notify_flags(Rule) ?>
    <?cs call:choice("set_status", Lang.Rules.set_status, Options.set_statuses, Rule.set_status_id, Lang.Rules.no_change) ?>
    <?cs call:flag_box("active", Lang.Rules.active, Rule.active) ?>
  </fieldset>
  <?cs if:Page.editable ?><div class="actions"><button type="submit" class="primary"><?cs if:Rule.id ?><?cs var:Lang.Common.save ?><?cs else ?><?cs var:Lang.Common.create ?><?cs /if ?></button></div><?cs /if ?>
</form>
<?cs if:Page.editable && Rule.id ?>
<form method="post" action="/admin/rules/<?cs var:Rule.id ?>/delete" class="inline delete-form" data-confirm="<?cs var:Lang.Common.confirm ?>">
  <?cs call:csrf_field() ?><button type="submit" class="link danger"><?cs var:Lang.Common.delete ?></button>
</form>
<?cs /if ?>
<?cs include:"footer.cs" ?>
