<?cs # The management form (gestión, manual 003 S7), a partial of the case view's side
     column: the campaign's form title, the typification (the campaign's final outcomes,
     grouped by their parent's path; atiende.js turns the list into one select per level),
     the observations and the next-management time. Needs Case.{id, closed, campaign_id},
     Campaign.* (campaign_view, lib/campaigns.c), Form.* and Errors.* (macros.cs).
     A normal form: the tabs switch in the page, so what was typed stays. ?>
<?cs def:manage_option(t) ?><option value="<?cs var:t.id ?>" data-path="<?cs var:t.path ?>"<?cs if:t.requires_next == "1" ?> data-requires-next="1"<?cs /if ?><?cs if:t.closes_case == "1" ?> data-closes="1"<?cs /if ?><?cs if:Form.typification == t.id ?> selected<?cs /if ?>><?cs var:t.name ?><?cs if:t.closes_case == "1" ?> (<?cs var:Lang.Manage.closes ?>)<?cs elif:t.requires_next == "1" ?> (<?cs var:Lang.Manage.requires ?>)<?cs /if ?></option><?cs /def ?>
<section class="panel manage" id="manage" aria-labelledby="manage-title">
  <h2 id="manage-title"><?cs if:Campaign.title ?><?cs var:Campaign.title ?><?cs else ?><?cs var:Lang.Manage.title ?><?cs /if ?></h2>
  <?cs if:!Case.campaign_id ?>
  <p class="muted"><?cs var:Lang.Manage.no_campaign ?></p>
  <?cs call:field_error("typification") ?>
  <?cs elif:Case.closed == "1" ?>
  <p class="muted"><?cs var:Lang.Manage.closed ?></p>
  <?cs elif:!subcount(Campaign.Typifications) ?>
  <p class="muted"><?cs var:Lang.Manage.no_typifications ?></p>
  <?cs else ?>
  <form method="post" action="/cases/<?cs var:Case.id ?>/manage" class="form manage-form" data-manage>
    <?cs call:csrf_field() ?>
    <div class="field">
      <label for="manage-typification"><?cs var:Lang.Manage.typification ?></label>
      <select id="manage-typification" name="typification" required data-cascade data-level="<?cs var:Lang.Manage.level ?>"<?cs call:invalid_attr("typification") ?>>
        <option value=""><?cs var:Lang.Manage.choose ?></option>
        <?cs each:g = Campaign.Typifications ?>
        <?cs if:g.leaf == "1" && g.depth == 0 ?><?cs call:manage_option(g) ?>
        <?cs elif:g.leaf != "1" ?><?cs set:leaves = #0 ?><?cs each:t = Campaign.Typifications ?><?cs if:t.parent_id == g.id && t.leaf == "1" ?><?cs set:leaves = #leaves + #1 ?><?cs /if ?><?cs /each ?>
        <?cs if:leaves > 0 ?><optgroup label="<?cs var:g.path ?>"><?cs each:t = Campaign.Typifications ?><?cs if:t.parent_id == g.id && t.leaf == "1" ?><?cs call:manage_option(t) ?><?cs /if ?><?cs /each ?></optgroup><?cs /if ?>
        <?cs /if ?>
        <?cs /each ?>
      </select>
      <p class="hint closes-warning" data-closes-warning hidden><?cs var:Lang.Manage.closes_warning ?></p>
      <?cs call:field_error("typification") ?>
    </div>
    <div class="field">
      <label for="manage-observations"><?cs var:Lang.Manage.observations ?></label>
      <textarea id="manage-observations" name="observations" rows="4" maxlength="10000"<?cs call:invalid_attr("observations") ?>><?cs var:Form.observations ?></textarea>
      <?cs call:field_error("observations") ?>
    </div>
    <div class="field">
      <label for="manage-next"><?cs var:Lang.Manage.next_at ?></label>
      <input id="manage-next" name="next_at" type="datetime-local" value="<?cs var:Form.next_at ?>"<?cs call:invalid_attr("next_at") ?>>
      <p class="hint"><?cs var:Lang.Manage.next_hint ?></p>
      <?cs call:field_error("next_at") ?>
    </div>
    <div class="actions"><button type="submit" class="primary"><?cs var:Lang.Manage.submit ?></button></div>
  </form>
  <?cs /if ?>
</section>
