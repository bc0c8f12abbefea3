<?cs # case_conversation.cs: the case view's conversation tab (S4, S6): the
   timeline of the messages with the customer — theirs on the left, ours on
   the right — with time, channel, addresses, subject, the text (escaped,
   line breaks kept), delivery state, agent and files; under it the form
   that sends a message by one of the case's channels (MessageChannels) to
   a contact datum that channel reaches. A refused message comes back with
   its problem in MessageErrors (the page's other forms have fields named
   body, note and subject, and must not show it). ?>
<?cs def:message_error(name) ?><?cs if:MessageErrors[name] ?><p class="field-error" id="msg-err-<?cs var:name ?>"><?cs var:Lang.Err[MessageErrors[name]] ?></p><?cs /if ?><?cs /def ?>
<?cs def:message_invalid(name) ?><?cs if:MessageErrors[name] ?> aria-invalid="true" aria-describedby="msg-err-<?cs var:name ?>"<?cs /if ?><?cs /def ?>

<?cs # One message of the timeline. ?>
<?cs def:conversation_message(m) ?>
    <li class="message message-<?cs var:m.direction ?>" id="message-<?cs var:m.id ?>">
      <header>
        <span class="chip chip-channel chip-channel-<?cs var:m.channel_code ?>"><?cs var:m.channel ?></span>
        <span class="badge badge-msg-<?cs var:m.state ?>"><?cs var:Lang.Cases.MessageState[m.state] ?></span>
        <time class="muted small" datetime="<?cs var:m.at ?>Z"><?cs var:datetime(m.at) ?></time>
      </header>
      <p class="message-addr small muted"><?cs if:m.direction == "out" ?><?cs var:Lang.Cases.Message.to_label ?>: <span class="addr"><?cs var:m.to_addr ?></span><?cs if:m.user ?> · <?cs var:Lang.Cases.Message.by ?> <?cs var:m.user ?><?cs /if ?><?cs else ?><?cs var:Lang.Cases.Message.from ?>: <span class="addr"><?cs var:m.from_addr ?></span><?cs if:m.to_addr ?> · <?cs var:Lang.Cases.Message.to_label ?>: <?cs var:m.to_addr ?><?cs /if ?><?cs /if ?></p>
      <?cs if:m.subject ?><p class="subject"><strong><?cs var:m.subject ?></strong></p><?cs /if ?>
      <div class="note message-body"><?cs var:m.body ?></div>
      <?cs if:m.agent_note ?><p class="agent-note small"><strong><?cs var:Lang.Cases.Message.agent_note ?>:</strong> <?cs var:m.agent_note ?></p><?cs /if ?>
      <?cs if:m.note_id ?><ul class="files small"><?cs each:f = Attachments ?><?cs if:f.note_id == m.note_id ?><li><a href="/attachments/<?cs var:f.id ?>" download><?cs var:f.name ?></a> <span class="muted"><?cs var:f.size ?> B</span></li><?cs /if ?><?cs /each ?></ul><?cs /if ?>
      <?cs if:m.error && (m.state == "failed" || m.state == "queued") ?><p class="message-error small"><?cs var:Lang.Cases.Message.attempts ?>: <?cs var:m.attempts ?> · <?cs var:m.error ?></p><?cs /if ?>
    </li>
<?cs /def ?>

<?cs # The outbound form (S6). Without JavaScript every contact datum a
   channel of the case reaches is offered and the server checks the pair;
   atiende.js keeps to the data of the chosen channel and shows the subject
   (e-mail) or the agent's note (sent by hand). ?>
<?cs def:message_form() ?>
<section class="panel message-send" id="message-send">
  <h3><?cs var:Lang.Cases.Message.title ?></h3>
  <?cs if:subcount(MessageChannels) ?>
  <form method="post" action="/cases/<?cs var:Case.id ?>/messages" enctype="multipart/form-data" class="form grid-form" data-message-form>
    <?cs call:csrf_field() ?>
    <div class="field"><label for="msg-channel"><?cs var:Lang.Cases.Message.channel ?></label>
      <select id="msg-channel" name="channel" required<?cs call:message_invalid("channel") ?>>
        <?cs each:o = MessageChannels ?><option value="<?cs var:o.id ?>" data-types="<?cs var:o.contact_types ?>" data-manual="<?cs var:o.manual ?>"<?cs if:MessageForm.channel && (o.id == MessageForm.channel || o.code == MessageForm.channel) ?> selected<?cs /if ?>><?cs var:o.name ?></option><?cs /each ?>
      </select>
      <?cs call:message_error("channel") ?></div>
    <div class="field"><label for="msg-to"><?cs var:Lang.Cases.Message.to ?></label>
      <select id="msg-to" name="to" required<?cs call:message_invalid("to") ?>>
        <?cs set:ndata = 0 ?>
        <?cs if:Case.customer_id ?><?cs each:d = ContactData ?><?cs if:string.find(MessageForm.types, "," + d.type + ",") != -1 ?><?cs set:ndata = #ndata + #1 ?>
        <option value="<?cs var:d.id ?>" data-type="<?cs var:d.type ?>"<?cs if:d.id == MessageForm.to ?> selected<?cs /if ?>><?cs var:Lang.Customers.Datum[d.type] ?>: <?cs if:d.area_code ?>(<?cs var:d.area_code ?>) <?cs /if ?><?cs var:d.value ?><?cs if:d.label ?> · <?cs var:d.label ?><?cs /if ?></option><?cs /if ?><?cs /each ?>
        <?cs elif:Case.requester_email ?><?cs set:ndata = 1 ?>
        <option value="requester" data-type="email"><?cs var:Lang.Cases.Message.requester ?>: <?cs var:Case.requester_email ?></option><?cs /if ?>
      </select>
      <?cs call:message_error("to") ?>
      <?cs if:ndata == 0 ?><p class="hint"><?cs var:Lang.Cases.Message.no_data ?></p><?cs /if ?></div>
    <div class="wide message-hints">
      <?cs set:manual = "" ?><?cs each:o = MessageChannels ?><?cs if:o.manual == "1" ?><?cs if:manual ?><?cs set:manual = manual + ", " + o.name ?><?cs else ?><?cs set:manual = o.name ?><?cs /if ?><?cs else ?>
      <p class="hint" data-channel-hint="email"><strong><?cs var:o.name ?>:</strong> <?cs var:Lang.Cases.Message.email_hint ?></p><?cs /if ?><?cs /each ?>
      <?cs if:manual ?><p class="hint hint-manual" data-channel-hint="manual"><strong><?cs var:manual ?>:</strong> <?cs var:Lang.Cases.Message.manual_hint ?></p><?cs /if ?>
    </div>
    <div class="field wide" data-channel-only="email"><label for="msg-subject"><?cs var:Lang.Cases.Message.subject ?></label>
      <input id="msg-subject" name="subject" value="<?cs var:MessageForm.subject ?>" maxlength="300"<?cs call:message_invalid("subject") ?>>
      <?cs call:message_error("subject") ?></div>
    <div class="field wide"><label for="msg-body"><?cs var:Lang.Cases.Message.body ?></label>
      <textarea id="msg-body" name="body" rows="5" required<?cs call:message_invalid("body") ?>><?cs var:MessageForm.body ?></textarea>
      <?cs call:message_error("body") ?></div>
    <div class="field wide"><label for="msg-file"><?cs var:Lang.Cases.Message.files ?></label>
      <input id="msg-file" name="file" type="file" multiple<?cs if:MessageForm.max_file ?> data-max="<?cs var:MessageForm.max_file ?>" data-max-msg="<?cs var:Lang.Err.file_too_large ?>"<?cs /if ?> aria-describedby="msg-file-hint">
      <span class="hint" id="msg-file-hint"><?cs var:Lang.Cases.Message.files_hint ?></span></div>
    <?cs if:manual ?>
    <div class="field wide" data-channel-only="manual"><label for="msg-note"><?cs var:Lang.Cases.Message.note ?></label>
      <textarea id="msg-note" name="note" rows="2" maxlength="2000" aria-describedby="msg-note-hint"<?cs call:message_invalid("note") ?>><?cs var:MessageForm.note ?></textarea>
      <span class="hint" id="msg-note-hint"><?cs var:Lang.Cases.Message.note_hint ?></span>
      <?cs call:message_error("note") ?></div>
    <?cs /if ?>
    <div class="actions"><button type="submit" class="primary"><?cs var:Lang.Cases.Message.send ?></button></div>
  </form>
  <?cs else ?><p class="muted"><?cs var:Lang.Cases.Message.no_channels ?></p><?cs /if ?>
</section>
<?cs /def ?>

<?cs def:tab_conversation() ?>
<div class="tab-panel" id="conversation">
<section class="panel">
  <h2><?cs var:Lang.Cases.Tab.conversation ?> <span class="muted count"><?cs var:subcount(Messages) ?></span></h2>
  <?cs if:subcount(Messages) ?>
  <ol class="conversation">
    <?cs each:m = Messages ?><?cs call:conversation_message(m) ?><?cs /each ?>
  </ol>
  <?cs else ?><p class="muted"><?cs var:Lang.Cases.no_messages ?></p><?cs /if ?>
</section>
<?cs if:Page.can_edit ?><?cs call:message_form() ?><?cs /if ?>
</div>
<?cs /def ?>
