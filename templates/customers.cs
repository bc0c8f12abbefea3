<?cs include:"macros.cs" ?><?cs set:title = Lang.Customers.title ?><?cs include:"header.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.Customers.title ?> <span class="muted count"><?cs var:Pager.total ?></span></h1>
  <a class="button primary" href="/customers/new"><?cs var:Lang.Customers.new ?></a>
</div>
<form method="get" action="/customers" class="toolbar" role="search">
  <label for="q" class="sr"><?cs var:Lang.Common.search ?></label>
  <input id="q" name="q" type="search" value="<?cs var:Search.q ?>" placeholder="<?cs var:Lang.Customers.search_hint ?>" autofocus>
  <button type="submit"><?cs var:Lang.Common.search ?></button>
</form>
<div class="table-wrap">
<table class="grid">
  <thead><tr>
    <th scope="col"><?cs var:Lang.Customers.name ?></th>
    <th scope="col"><?cs var:Lang.Customers.document ?></th>
    <th scope="col"><?cs var:Lang.Customers.email ?></th>
    <th scope="col"><?cs var:Lang.Customers.phone ?></th>
    <th scope="col"><?cs var:Lang.Customers.organization ?></th>
  </tr></thead>
  <tbody>
  <?cs each:c = Customers ?>
    <tr>
      <td><a href="/customers/<?cs var:c.id ?>"><?cs var:c.display_name ?></a><?cs if:c.kind == "organization" ?> <span class="badge badge-muted"><?cs var:Lang.Customers.Kind.organization ?></span><?cs /if ?></td>
      <td><?cs if:c.doc_number ?><span class="muted small"><?cs var:c.doc_type ?></span> <?cs var:c.doc_number ?><?cs /if ?></td>
      <td><?cs var:c.email ?></td>
      <td><?cs if:c.phone ?><a href="tel:<?cs var:c.phone ?>"><?cs var:c.phone ?></a><?cs /if ?></td>
      <td><?cs var:c.organization ?></td>
    </tr>
  <?cs /each ?>
  <?cs if:!subcount(Customers) ?><tr><td colspan="5" class="empty"><?cs var:Lang.Common.none ?></td></tr><?cs /if ?>
  </tbody>
</table>
</div>
<?cs call:pager("/customers?q=" + url_escape(Search.q) + "&") ?>
<?cs include:"footer.cs" ?>
