<?cs # The merge panel of the case view (POST /cases/{id}/merge, cgi-bin/cases/merge.c):
  include this file in case.cs and call merge_panel() among the open case's actions.
  Nodes: Case.id, Case.number, Case.version, Case.closed; after a refusal Merge.open,
  Merge.into, Merge.note and Errors.into or Errors.note; for a 409 confirm_needed also
  Merge.confirm_needed and Merge.source.* / Merge.target.* (id, number, subject,
  customer_id, customer: the customer's name, or else the requester's). ?>
<?cs def:merge_customer(c) ?><?cs if:c.customer ?><?cs var:c.customer ?><?cs else ?><span class="muted"><?cs var:Lang.Merge.no_customer ?></span><?cs /if ?><?cs /def ?>
<?cs # Two customers: both cases named, and a button that posts again with confirm=1. ?>
<?cs def:merge_confirm() ?>
    <div class="alert merge-confirm" role="alert" id="merge-confirm">
      <p><strong><?cs var:Lang.Err.merge_confirm_needed ?></strong></p>
      <p><?cs var:Lang.Merge.other_customer ?></p>
      <dl>
        <dt><?cs var:Lang.Merge.this_case ?></dt>
        <dd><a href="/cases/<?cs var:Merge.source.id ?>"><?cs var:Merge.source.number ?></a> <?cs var:Merge.source.subject ?> · <?cs call:merge_customer(Merge.source) ?></dd>
        <dt><?cs var:Lang.Merge.target_case ?></dt>
        <dd><a href="/cases/<?cs var:Merge.target.id ?>"><?cs var:Merge.target.number ?></a> <?cs var:Merge.target.subject ?> · <?cs call:merge_customer(Merge.target) ?></dd>
      </dl>
      <form method="post" action="/cases/<?cs var:Case.id ?>/merge" class="inline">
        <?cs call:csrf_field() ?>
        <input type="hidden" name="version" value="<?cs var:Case.version ?>">
        <input type="hidden" name="into" value="<?cs var:Merge.target.number ?>">
        <input type="hidden" name="note" value="<?cs var:Merge.note ?>">
        <input type="hidden" name="confirm" value="1">
        <button type="submit" class="danger"><?cs var:Lang.Merge.anyway ?></button>
        <a href="/cases/<?cs var:Case.id ?>"><?cs var:Lang.Merge.cancel ?></a>
      </form>
    </div><?cs /def ?>
<?cs def:merge_panel() ?><?cs if:Case.closed != "1" ?>
  <details class="panel action-panel" id="merge"<?cs if:Merge.open ?> open<?cs /if ?>>
    <summary><?cs var:Lang.Merge.title ?></summary>
    <?cs if:Merge.confirm_needed ?><?cs call:merge_confirm() ?><?cs /if ?>
    <p class="small muted"><?cs var:Lang.Merge.intro ?></p>
    <form method="post" action="/cases/<?cs var:Case.id ?>/merge" class="form" data-confirm="<?cs var:Lang.Merge.confirm ?>">
      <?cs call:csrf_field() ?>
      <input type="hidden" name="version" value="<?cs var:Case.version ?>">
      <div class="field"><label for="merge-into"><?cs var:Lang.Merge.into ?></label>
        <input id="merge-into" name="into" value="<?cs var:Merge.into ?>" required maxlength="40" autocomplete="off"
               placeholder="<?cs var:string.slice(Case.number, 0, 4) ?>-000123"<?cs call:invalid_attr("into") ?>>
        <span class="hint"><?cs var:Lang.Merge.into_hint ?></span>
        <?cs call:field_error("into") ?></div>
      <div class="field"><label for="merge-note"><?cs var:Lang.Merge.note ?></label>
        <textarea id="merge-note" name="note" rows="2"<?cs call:invalid_attr("note") ?>><?cs var:Merge.note ?></textarea>
        <?cs call:field_error("note") ?></div>
      <div class="actions"><button type="submit" class="danger"><?cs var:Lang.Merge.submit ?></button></div>
    </form>
  </details>
<?cs /if ?><?cs /def ?>
