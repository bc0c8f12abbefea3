<?cs include:"macros.cs" ?><?cs set:title = Lang.Rules.title ?><?cs include:"header.cs" ?>
<div class="page-head">
  <h1><?cs var:Lang.Rules.title ?> <span class="muted count"><?cs var:subcount(Rules) ?></span></h1>
  <?cs if:Page.editable ?><a class="button primary" href="/admin/rules/new"><?cs var:Lang.Rules.new ?></a><?cs /if ?>
</div>
<p class="muted lead"><?cs var:Lang.Rules.intro ?></p>
<?cs call:notices() ?>
<div class="table-wrap">
<table class="grid rules">
  <thead><tr>
    <th scope="col" class="num"><?cs var:Lang.Common.order ?></th>
    <th scope="col"><?cs var:Lang.Rules.rule ?></th>
    <th scope="col"><?cs var:Lang.Common.status ?></th>
    <?cs if:Page.editable ?><th scope="col"><span class="sr"><?cs var:Lang.Common.actions ?></span></th><?cs /if ?>
  </tr></thead>
  <tbody>
  <?cs each:rule = Rules ?>
    <tr<?cs if:rule.active != "1" ?> class="inactive"<?cs /if ?>>
      <td class="num"><?cs var:name(rule) + 1 ?></td>
      <td><a href="/admin/rules/<?cs var:rule.id ?>"><?cs var:rule.words ?></a><?cs if:rule.fired > 0 ?> <span class="muted small"><?cs var:Lang.Rules.fired ?>: <?cs var:rule.fired ?></span><?cs /if ?></td>
      <td><?cs call:active_badge(rule.active) ?></td>
      <?cs if:Page.editable ?><td class="row-actions">
        <?cs if:!first(rule) ?><form method="post" action="/admin/rules/<?cs var:rule.id ?>/up" class="inline"><?cs call:csrf_field() ?><button type="submit" class="link" title="<?cs var:Lang.Common.up ?>"><span aria-hidden="true">↑</span><span class="sr"><?cs var:Lang.Common.up ?></span></button></form><?cs /if ?>
        <?cs if:!last(rule) ?><form method="post" action="/admin/rules/<?cs var:rule.id ?>/down" class="inline"><?cs call:csrf_field() ?><button type="submit" class="link" title="<?cs var:Lang.Common.down ?>"><span aria-hidden="true">↓</span><span class="sr"><?cs var:Lang.Common.down ?></span></button></form><?cs /if ?>
      </td><?cs /if ?>
    </tr>
  <?cs /each ?>
  <?cs if:!subcount(Rules) ?><tr><td colspan="4" class="empty"><?cs var:Lang.Rules.none ?></td></tr><?cs /if ?>
  </tbody>
</table>
</div>
<?cs include:"footer.cs" ?>
