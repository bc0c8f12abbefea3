<?cs include:"macros.cs" ?><?cs set:title = Customer.display_name ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/customers"><?cs var:Lang.Customers.back ?></a> /</p>
<div class="page-head">
  <h1><?cs var:Customer.display_name ?> <span class="badge badge-muted"><?cs var:Lang.Customers.Kind[Customer.kind] ?></span></h1>
</div>
<p class="muted facts">
  <?cs if:Customer.doc_number ?><span><?cs var:Customer.doc_type_name ?>: <strong><?cs var:Customer.doc_number ?></strong></span><?cs /if ?>
  <?cs if:Customer.organization_name ?><span><?cs var:Lang.Customers.organization ?>: <a href="/customers/<?cs var:Customer.organization ?>"><?cs var:Customer.organization_name ?></a></span><?cs /if ?>
  <span><?cs var:Lang.Common.created_at ?>: <?cs var:datetime(Customer.created_at) ?><?cs if:Customer.created_by ?> · <?cs var:Customer.created_by ?><?cs /if ?></span>
</p>
<?cs if:Page.saved ?><p class="notice" role="status"><?cs var:Lang.Common.saved ?></p><?cs /if ?>
<?cs if:Form.error ?><p class="alert" role="alert"><?cs var:Lang.Err.invalid ?></p><?cs /if ?>
<div class="columns">
<section class="panel" id="data">
  <h2><?cs var:Lang.Customers.data ?></h2>
  <form method="post" action="/customers/<?cs var:Customer.id ?>" class="form grid-form" data-kind-form>
    <?cs call:csrf_field() ?>
    <input type="hidden" name="version" value="<?cs var:Customer.version ?>">
    <?cs call:customer_fields(Form) ?>
    <div class="actions"><button type="submit" class="primary"><?cs var:Lang.Common.save ?></button></div>
  </form>
  <?cs if:Page.can_delete ?>
  <form method="post" action="/customers/<?cs var:Customer.id ?>/delete" class="delete-form" data-confirm="<?cs var:Lang.Common.confirm ?>">
    <?cs call:csrf_field() ?><button type="submit" class="link danger"><?cs var:Lang.Common.delete ?></button>
  </form>
  <?cs /if ?>
</section>
<div class="stack">
<section class="panel" id="cases">
  <h2><?cs var:Lang.Cases.title ?> <span class="muted count"><?cs var:subcount(Cases) ?></span> <a class="small" href="/cases/new?customer=<?cs var:Customer.id ?>"><?cs var:Lang.Cases.new ?></a></h2>
  <?cs if:subcount(Cases) ?>
  <table class="grid compact">
    <tbody>
    <?cs each:k = Cases ?>
      <tr<?cs if:k.closed == "1" ?> class="inactive"<?cs /if ?>>
        <td class="nowrap"><a href="/cases/<?cs var:k.id ?>"><?cs var:k.number ?></a></td>
        <td><?cs var:k.subject ?></td>
        <td><span class="badge badge-portal-<?cs var:k.portal_state ?>"><?cs var:k.status_code ?></span></td>
        <td class="nowrap muted small"><?cs var:date(k.created_at) ?></td>
      </tr>
    <?cs /each ?>
    </tbody>
  </table>
  <?cs if:subcount(Cases) == 50 ?><p class="small"><a href="/cases?customer=<?cs var:Customer.id ?>"><?cs var:Lang.Customers.all_cases ?></a></p><?cs /if ?>
  <?cs else ?><p class="muted"><?cs var:Lang.Customers.no_cases ?></p><?cs /if ?>
</section>
<section class="panel" id="contact-data">
  <h2><?cs var:Lang.Customers.contact_data ?> <span class="muted count"><?cs var:subcount(ContactData) ?></span></h2>
  <?cs if:subcount(ContactData) ?>
  <table class="grid compact">
    <tbody>
    <?cs each:d = ContactData ?>
      <tr>
        <?cs call:datum_cells(d) ?>
        <td class="row-actions"><a href="/customers/<?cs var:Customer.id ?>/contact-data/<?cs var:d.id ?>"><?cs var:Lang.Common.edit ?></a></td>
      </tr>
    <?cs /each ?>
    </tbody>
  </table>
  <?cs else ?><p class="muted"><?cs var:Lang.Customers.no_data ?></p><?cs /if ?>
  <details<?cs if:Page.open == "contact-data" ?> open<?cs /if ?>>
    <summary><?cs var:Lang.Customers.add_datum ?></summary>
    <form method="post" action="/customers/<?cs var:Customer.id ?>/contact-data" class="form grid-form">
      <?cs call:csrf_field() ?>
      <?cs call:datum_fields(New) ?>
      <div class="actions"><button type="submit" class="primary"><?cs var:Lang.Common.create ?></button></div>
    </form>
  </details>
</section>
<section class="panel" id="accounts">
  <h2><?cs var:Lang.Customers.accounts ?> <span class="muted count"><?cs var:subcount(Accounts) ?></span></h2>
  <?cs if:subcount(Accounts) ?>
  <table class="grid compact">
    <thead><tr><th scope="col"><?cs var:Lang.Customers.account_number ?></th><th scope="col"><?cs var:Lang.Customers.product ?></th><th scope="col"><?cs var:Lang.Customers.account_status ?></th><th scope="col"><?cs var:Lang.Customers.opened_at ?></th><th scope="col"><span class="sr"><?cs var:Lang.Common.actions ?></span></th></tr></thead>
    <tbody>
    <?cs each:a = Accounts ?>
      <tr<?cs if:a.status == "closed" ?> class="inactive"<?cs /if ?>>
        <td><?cs var:a.number ?></td>
        <td><?cs var:a.product ?><?cs if:a.detail ?><div class="muted small"><?cs var:a.detail ?></div><?cs /if ?></td>
        <td><span class="badge badge-account-<?cs var:a.status ?>"><?cs var:Lang.Customers.AccountStatus[a.status] ?></span></td>
        <td><?cs var:date(a.opened_at) ?></td>
        <td class="row-actions"><a href="/customers/<?cs var:Customer.id ?>/accounts/<?cs var:a.id ?>"><?cs var:Lang.Common.edit ?></a></td>
      </tr>
    <?cs /each ?>
    </tbody>
  </table>
  <?cs else ?><p class="muted"><?cs var:Lang.Customers.no_accounts ?></p><?cs /if ?>
  <details<?cs if:Page.open == "accounts" ?> open<?cs /if ?>>
    <summary><?cs var:Lang.Customers.add_account ?></summary>
    <form method="post" action="/customers/<?cs var:Customer.id ?>/accounts" class="form grid-form">
      <?cs call:csrf_field() ?>
      <?cs call:account_fields(New) ?>
      <div class="actions"><button type="submit" class="primary"><?cs var:Lang.Common.create ?></button></div>
    </form>
  </details>
</section>
<?cs if:Customer.kind == "organization" ?>
<section class="panel" id="contacts">
  <h2><?cs var:Lang.Customers.contacts ?> <span class="muted count"><?cs var:subcount(Contacts) ?></span></h2>
  <?cs if:subcount(Contacts) ?>
  <table class="grid compact">
    <tbody>
    <?cs each:c = Contacts ?>
      <tr>
        <td><?cs var:c.name ?><?cs if:c.job_title ?><div class="muted small"><?cs var:c.job_title ?></div><?cs /if ?></td>
        <td><?cs if:c.email ?><a href="mailto:<?cs var:c.email ?>"><?cs var:c.email ?></a><?cs /if ?></td>
        <td><?cs if:c.phone ?><a href="tel:<?cs var:c.phone ?>"><?cs var:c.phone ?></a><?cs /if ?><?cs if:c.mobile ?> <a href="tel:<?cs var:c.mobile ?>"><?cs var:c.mobile ?></a><?cs /if ?></td>
        <td class="row-actions"><a href="/customers/<?cs var:Customer.id ?>/contacts/<?cs var:c.id ?>"><?cs var:Lang.Common.edit ?></a></td>
      </tr>
    <?cs /each ?>
    </tbody>
  </table>
  <?cs else ?><p class="muted"><?cs var:Lang.Customers.no_contacts ?></p><?cs /if ?>
  <details<?cs if:Page.open == "contacts" ?> open<?cs /if ?>>
    <summary><?cs var:Lang.Customers.add_contact ?></summary>
    <form method="post" action="/customers/<?cs var:Customer.id ?>/contacts" class="form grid-form">
      <?cs call:csrf_field() ?>
      <?cs call:contact_fields(New) ?>
      <div class="actions"><button type="submit" class="primary"><?cs var:Lang.Common.create ?></button></div>
    </form>
  </details>
  <?cs if:subcount(Members) ?>
  <h3><?cs var:Lang.Customers.members ?></h3>
  <ul class="plain"><?cs each:m = Members ?><li><a href="/customers/<?cs var:m.id ?>"><?cs var:m.display_name ?></a></li><?cs /each ?></ul>
  <?cs /if ?>
</section>
<?cs /if ?>
</div>
</div>
<?cs include:"footer.cs" ?>
