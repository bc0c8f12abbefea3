<?cs include:"macros.cs" ?><?cs set:title = Lang.Report.title ?><?cs include:"header.cs" ?>
<div class="page-head"><h1><?cs var:Lang.Report.title ?></h1></div>
<form method="get" action="/reports/time" class="filters">
  <div class="field"><label for="from"><?cs var:Lang.Report.from ?></label><input id="from" name="from" type="date" value="<?cs var:Report.from ?>"></div>
  <div class="field"><label for="to"><?cs var:Lang.Report.to ?></label><input id="to" name="to" type="date" value="<?cs var:Report.to ?>"></div>
  <div class="field"><label for="by"><?cs var:Lang.Report.by ?></label>
    <select id="by" name="by"><?cs each:o = Lang.Report.By ?><option value="<?cs name:o ?>"<?cs if:Report.by == name(o) ?> selected<?cs /if ?>><?cs var:o ?></option><?cs /each ?></select></div>
  <div class="actions"><button type="submit"><?cs var:Lang.Report.show ?></button>
    <a class="button" href="/reports/time?from=<?cs var:Report.from ?>&amp;to=<?cs var:Report.to ?>&amp;by=<?cs var:Report.by ?>&amp;format=csv"><?cs var:Lang.Report.csv ?></a></div>
</form>
<div class="table-wrap">
<table class="grid">
  <thead><tr>
    <th scope="col"><?cs var:Lang.Report.By[Report.by] ?></th>
    <th scope="col" class="num"><?cs var:Lang.Activities.hours ?></th>
    <th scope="col" class="num"><?cs var:Lang.Activities.billable_hours ?></th>
    <th scope="col" class="num"><?cs var:Lang.Report.activities ?></th>
  </tr></thead>
  <tbody>
  <?cs each:x = Rows ?><tr><td><?cs var:x.name ?></td><td class="num"><?cs var:x.hours ?></td><td class="num"><?cs var:x.billable_hours ?></td><td class="num"><?cs var:x.activities ?></td></tr><?cs /each ?>
  <?cs if:!subcount(Rows) ?><tr><td colspan="4" class="empty"><?cs var:Lang.Common.none ?></td></tr><?cs /if ?>
  </tbody>
  <tfoot><tr><th scope="row"><?cs var:Lang.Report.total ?></th><td class="num"><strong><?cs var:Total.hours ?></strong></td><td class="num"><strong><?cs var:Total.billable_hours ?></strong></td><td class="num"><?cs var:Total.activities ?></td></tr></tfoot>
</table>
</div>
<?cs include:"footer.cs" ?>
