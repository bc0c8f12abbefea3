<?cs # The fields of a campaign (c): shared by the new-campaign form and a campaign's page. ?>
<?cs def:campaign_fields(c) ?>
  <?cs call:text_field("name", Lang.Campaigns.name, c.name, " required maxlength=100") ?>
  <div class="field">
    <label for="form_title"><?cs var:Lang.Campaigns.form_title ?></label>
    <input id="form_title" name="form_title" value="<?cs var:c.form_title ?>" maxlength="200"<?cs call:invalid_attr("form_title") ?>>
    <p class="hint"><?cs var:Lang.Campaigns.form_title_hint ?></p>
    <?cs call:field_error("form_title") ?>
  </div>
  <div class="field wide">
    <label for="description"><?cs var:Lang.Common.description ?></label>
    <input id="description" name="description" value="<?cs var:c.description ?>" maxlength="500"<?cs call:invalid_attr("description") ?>>
    <?cs call:field_error("description") ?>
  </div>
  <div class="field wide" role="group" aria-labelledby="channels-label">
    <input type="hidden" name="channels_sent" value="1">
    <span class="label" id="channels-label"><?cs var:Lang.Campaigns.channels ?></span>
    <?cs if:subcount(Options.channels) ?>
    <div class="checks">
      <?cs each:o = Options.channels ?><label class="check"><input type="checkbox" name="channel" value="<?cs var:o.id ?>"<?cs if:o.checked == "1" ?> checked<?cs /if ?><?cs call:invalid_attr("channel") ?>> <?cs var:o.name ?><?cs if:o.active != "1" ?> <span class="muted small">(<?cs var:Lang.Common.inactive ?>)</span><?cs /if ?></label><?cs /each ?>
    </div>
    <?cs else ?><p class="muted"><?cs var:Lang.Campaigns.no_channels ?></p><?cs /if ?>
    <p class="hint"><?cs var:Lang.Campaigns.channels_hint ?></p>
    <?cs call:field_error("channel") ?>
  </div>
  <div class="field wide">
    <label for="script"><?cs var:Lang.Campaigns.script ?></label>
    <textarea id="script" name="script" rows="14" maxlength="50000" class="code"<?cs call:invalid_attr("script") ?>><?cs var:c.script ?></textarea>
    <p class="hint"><?cs var:Lang.Campaigns.script_hint ?></p>
    <?cs call:field_error("script") ?>
  </div>
  <?cs call:flag_box("active", Lang.Common.active, c.active) ?><?cs /def ?>
