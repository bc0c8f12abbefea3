<?cs include:"macros.cs" ?><?cs set:title = Customer.display_name ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/customers"><?cs var:Lang.Customers.back ?></a> / <a href="/customers/<?cs var:Customer.id ?>#<?cs var:Part.path ?>"><?cs var:Customer.display_name ?></a> /</p>
<div class="page-head"><h1><?cs var:Lang.Customers.Part[Part.node] ?></h1></div>
<?cs if:Form.error ?><p class="alert" role="alert"><?cs var:Lang.Err.invalid ?></p><?cs /if ?>
<section class="panel">
<form method="post" action="/customers/<?cs var:Customer.id ?>/<?cs var:Part.path ?>/<?cs var:Part.id ?>" class="form grid-form">
  <?cs call:csrf_field() ?><?cs if:Part.return ?><input type="hidden" name="return" value="<?cs var:Part.return ?>"><?cs /if ?>
  <?cs if:Part.node == "Datum" ?>
  <input type="hidden" name="version" value="<?cs var:Datum.version ?>"><?cs call:datum_fields(Datum) ?>
  <?cs elif:Part.node == "Account" ?>
  <input type="hidden" name="version" value="<?cs var:Account.version ?>"><?cs call:account_fields(Account) ?>
  <?cs else ?>
  <input type="hidden" name="version" value="<?cs var:Contact.version ?>"><?cs call:contact_fields(Contact) ?>
  <?cs /if ?>
  <div class="actions"><button type="submit" class="primary"><?cs var:Lang.Common.save ?></button> <a href="<?cs if:Part.return ?><?cs var:Part.return ?><?cs else ?>/customers/<?cs var:Customer.id ?>#<?cs var:Part.path ?><?cs /if ?>"><?cs var:Lang.Common.cancel ?></a></div>
</form>
<form method="post" action="/customers/<?cs var:Customer.id ?>/<?cs var:Part.path ?>/<?cs var:Part.id ?>/delete" class="delete-form" data-confirm="<?cs var:Lang.Common.confirm ?>">
  <?cs call:csrf_field() ?><?cs if:Part.return ?><input type="hidden" name="return" value="<?cs var:Part.return ?>"><?cs /if ?><button type="submit" class="link danger"><?cs var:Lang.Common.delete ?></button>
</form>
</section>
<?cs include:"footer.cs" ?>
