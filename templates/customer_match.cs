<?cs # /customers/match (cgi-bin/customers/match.c): the criteria form, the matches
  ranked by similarity and, with a case, "Cambiar cliente" and its confirmation.
  Nodes: Criteria.* (the form), Matches.N.* (a customer with score, name_score,
  doc/email/phone "yes", "no", "unknown" (none on file) or "" when not asked, current), Case.* (the case),
  Chosen.* (the customer to confirm), Page.searched, Page.confirm, Page.can_move. ?>
<?cs include:"macros.cs" ?><?cs set:title = Lang.Match.title ?><?cs include:"header.cs" ?>
<?cs # The criteria again, so the confirmation and the change can come back to them. ?>
<?cs def:criteria_hidden() ?><?cs each:f = Criteria ?><?cs if:f ?><input type="hidden" name="<?cs name:f ?>" value="<?cs var:f ?>"><?cs /if ?><?cs /each ?><?cs /def ?>
<?cs def:search_url() ?>/customers/match?case=<?cs var:Case.id ?><?cs each:f = Criteria ?><?cs if:f ?>&amp;<?cs name:f ?>=<?cs var:url_escape(f) ?><?cs /if ?><?cs /each ?><?cs /def ?>
<?cs def:part(L, v) ?><?cs if:v == "yes" ?><span class="badge badge-ok" title="<?cs var:Lang.Match.yes ?>"><?cs var:L ?> ✓</span><?cs elif:v == "no" ?><span class="badge badge-muted" title="<?cs var:Lang.Match.no ?>"><?cs var:L ?> ✗</span><?cs elif:v == "unknown" ?><span class="muted small" title="<?cs var:Lang.Match.unknown ?>"><?cs var:L ?> ?</span><?cs /if ?><?cs /def ?>
<?cs def:customer_name(c) ?><?cs if:c.display_name ?><?cs var:c.display_name ?><?cs else ?><span class="muted"><?cs var:Lang.Match.no_customer ?></span><?cs /if ?><?cs /def ?>
<p class="crumbs"><a href="/customers"><?cs var:Lang.Customers.back ?></a> /<?cs if:Case.id ?> <a href="/cases/<?cs var:Case.id ?>"><?cs var:Case.number ?></a> /<?cs /if ?></p>
<div class="page-head"><h1><?cs var:Lang.Match.title ?></h1></div>
<?cs if:Case.id ?>
<p class="muted facts">
  <span><?cs var:Lang.Match.case ?>: <a href="/cases/<?cs var:Case.id ?>"><strong><?cs var:Case.number ?></strong></a> <?cs var:Case.subject ?></span>
  <span><?cs var:Lang.Match.from ?>: <?cs if:Case.customer ?><a href="/customers/<?cs var:Case.customer_id ?>"><?cs var:Case.customer ?></a><?cs else ?><?cs var:Lang.Match.no_customer ?><?cs /if ?></span>
</p>
<?cs if:Case.closed == "1" ?><p class="notice" role="status"><?cs var:Lang.Match.closed ?></p><?cs /if ?>
<?cs /if ?>
<?cs if:Form.error && !Errors.criteria ?><p class="alert" role="alert"><?cs var:Lang.Err[Form.error] ?></p><?cs /if ?>
<?cs if:Page.confirm ?>
<section class="panel" aria-labelledby="confirm-title">
  <h2 id="confirm-title"><?cs var:Lang.Match.confirm_title ?></h2>
  <p><?cs var:Lang.Match.confirm_intro ?></p>
  <dl class="details">
    <dt><?cs var:Lang.Match.case ?></dt>
    <dd><a href="/cases/<?cs var:Case.id ?>"><?cs var:Case.number ?></a> <?cs var:Case.subject ?></dd>
    <dt><?cs var:Lang.Match.from ?></dt>
    <dd><?cs if:Case.customer ?><?cs var:Case.customer ?><?cs else ?><span class="muted"><?cs var:Lang.Match.no_customer ?></span><?cs /if ?></dd>
    <dt><?cs var:Lang.Match.to ?></dt>
    <dd><strong><?cs var:Chosen.display_name ?></strong><?cs if:Chosen.doc_number ?> · <span class="muted small"><?cs var:Chosen.doc_type ?></span> <?cs var:Chosen.doc_number ?><?cs /if ?><?cs if:Chosen.organization ?> · <?cs var:Chosen.organization ?><?cs /if ?></dd>
  </dl>
  <?cs if:Case.contact || Case.account ?><p class="notice"><?cs var:Lang.Match.clears ?></p><?cs /if ?>
  <form method="post" action="/customers/match" class="actions">
    <?cs call:csrf_field() ?>
    <input type="hidden" name="case" value="<?cs var:Case.id ?>">
    <input type="hidden" name="customer" value="<?cs var:Chosen.id ?>">
    <input type="hidden" name="version" value="<?cs var:Case.version ?>">
    <input type="hidden" name="confirm" value="1">
    <?cs call:criteria_hidden() ?>
    <button type="submit" class="primary" autofocus><?cs var:Lang.Match.accept ?></button>
    <a href="<?cs call:search_url() ?>"><?cs var:Lang.Match.cancel ?></a>
  </form>
</section>
<?cs else ?>
<section class="panel">
  <h2><?cs var:Lang.Match.criteria ?></h2>
  <p class="muted small"><?cs var:Lang.Match.intro ?></p>
  <?cs if:Errors.criteria ?><p class="alert" role="alert" id="err-criteria"><?cs var:Lang.Err[Errors.criteria] ?></p><?cs /if ?>
  <form method="get" action="/customers/match" class="form grid-form" role="search"<?cs if:Errors.criteria ?> aria-describedby="err-criteria"<?cs /if ?>>
    <?cs if:Case.id ?><input type="hidden" name="case" value="<?cs var:Case.id ?>"><?cs /if ?>
    <?cs call:text_field("first_name", Lang.Customers.first_name, Criteria.first_name, " maxlength=200 autocomplete=off") ?>
    <?cs call:text_field("second_name", Lang.Customers.second_name, Criteria.second_name, " maxlength=200 autocomplete=off") ?>
    <?cs call:text_field("first_surname", Lang.Customers.first_surname, Criteria.first_surname, " maxlength=200 autocomplete=off") ?>
    <?cs call:text_field("second_surname", Lang.Customers.second_surname, Criteria.second_surname, " maxlength=200 autocomplete=off") ?>
    <div class="field wide">
      <label for="name"><?cs var:Lang.Match.name ?></label>
      <input id="name" name="name" value="<?cs var:Criteria.name ?>" maxlength="200" autocomplete="off"<?cs call:invalid_attr("name") ?>>
      <span class="hint"><?cs var:Lang.Match.name_hint ?></span>
      <?cs call:field_error("name") ?>
    </div>
    <?cs call:text_field("doc_number", Lang.Customers.doc_number, Criteria.doc_number, " maxlength=200 autocomplete=off") ?>
    <?cs call:text_field("email", Lang.Customers.email, Criteria.email, " inputmode=email maxlength=200 autocomplete=off") ?>
    <?cs call:text_field("phone", Lang.Customers.phone, Criteria.phone, " inputmode=tel maxlength=200 autocomplete=off") ?>
    <div class="actions"><button type="submit" class="primary"><?cs var:Lang.Match.search ?></button></div>
  </form>
</section>
<?cs if:Page.searched ?>
<section class="panel" aria-labelledby="results-title">
  <h2 id="results-title"><?cs var:Lang.Match.results ?> <span class="muted count"><?cs var:subcount(Matches) ?></span></h2>
  <?cs if:subcount(Matches) ?>
  <div class="table-wrap">
  <table class="grid">
    <thead><tr>
      <th scope="col" class="num"><?cs var:Lang.Match.rank ?></th>
      <th scope="col"><?cs var:Lang.Match.customer ?></th>
      <th scope="col"><?cs var:Lang.Customers.document ?></th>
      <th scope="col"><?cs var:Lang.Customers.email ?></th>
      <th scope="col"><?cs var:Lang.Customers.phone ?></th>
      <th scope="col"><?cs var:Lang.Match.matched ?></th>
      <th scope="col"><?cs var:Lang.Match.score ?></th>
      <?cs if:Case.id ?><th scope="col"><span class="sr"><?cs var:Lang.Common.actions ?></span></th><?cs /if ?>
    </tr></thead>
    <tbody>
    <?cs each:m = Matches ?>
      <tr<?cs if:m.active != "1" ?> class="inactive"<?cs /if ?>>
        <td class="num"><?cs var:m.rank ?></td>
        <td><a href="/customers/<?cs var:m.id ?>"><?cs var:m.display_name ?></a><?cs if:m.kind == "organization" ?> <span class="badge badge-muted"><?cs var:Lang.Customers.Kind.organization ?></span><?cs /if ?><?cs if:m.organization ?><br><span class="muted small"><?cs var:m.organization ?></span><?cs /if ?></td>
        <td class="nowrap"><?cs if:m.doc_number ?><span class="muted small"><?cs var:m.doc_type ?></span> <?cs var:m.doc_number ?><?cs /if ?></td>
        <td><?cs var:m.emails ?></td>
        <td><?cs var:m.phones ?></td>
        <td><?cs call:part(Lang.Match.Part.doc, m.doc) ?> <?cs call:part(Lang.Match.Part.email, m.email) ?> <?cs call:part(Lang.Match.Part.phone, m.phone) ?>
          <?cs if:m.name_score != "" ?><span class="badge <?cs if:m.name_score >= 80 ?>badge-ok<?cs elif:m.name_score >= 50 ?>badge-warn<?cs else ?>badge-muted<?cs /if ?>"><?cs var:Lang.Match.Part.name ?> <?cs var:m.name_score ?> %</span><?cs /if ?></td>
        <td class="nowrap"><meter min="0" max="100" low="34" high="67" optimum="100" value="<?cs var:m.score ?>"><?cs var:m.score ?> %</meter> <strong><?cs var:m.score ?> %</strong></td>
        <?cs if:Case.id ?><td class="row-actions">
          <?cs if:m.current == "1" ?><span class="badge badge-info"><?cs var:Lang.Match.current ?></span>
          <?cs elif:m.active != "1" ?><span class="badge badge-muted"><?cs var:Lang.Match.inactive ?></span>
          <?cs elif:Page.can_move ?>
          <form method="post" action="/customers/match" class="inline">
            <?cs call:csrf_field() ?>
            <input type="hidden" name="case" value="<?cs var:Case.id ?>">
            <input type="hidden" name="customer" value="<?cs var:m.id ?>">
            <?cs call:criteria_hidden() ?>
            <button type="submit"><?cs var:Lang.Match.change ?></button>
          </form>
          <?cs /if ?>
        </td><?cs /if ?>
      </tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs if:subcount(Matches) == 20 ?><p class="muted small"><?cs var:Lang.Match.shown ?></p><?cs /if ?>
  <?cs else ?><p class="muted"><?cs var:Lang.Match.none ?></p><?cs /if ?>
</section>
<?cs /if ?>
<?cs /if ?>
<?cs if:Case.id ?><p><a href="/cases/<?cs var:Case.id ?>"><?cs var:Lang.Match.back_case ?></a></p><?cs /if ?>
<?cs include:"footer.cs" ?>
