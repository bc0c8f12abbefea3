#!/bin/bash
# Who is told what: area subscribers (alert / task / e-mail), the assignee, the customer; the bell; nothing from failed changes.
. "$(dirname "$0")/../lib.sh"

agente=$(uid agente) agente2=$(uid agente2) super=$(uid supervisor) admin=$(uid admin)
alerts() { sql "SELECT COUNT(*) FROM notifications WHERE user_id = $1${2:+ AND case_id = $2}"; }
mails() { sql "SELECT COUNT(*) FROM outbox WHERE to_addr = '$1'${2:+ AND case_id = $2}"; }
tasks() { sql "SELECT COUNT(*) FROM activities WHERE executor_id = $1 AND case_id = $2"; }

# An area with three subscribers: alert only, task only, e-mail only.
sign_in admin admin-demo; t=$(csrf)
post /admin/areas "name=Avisos+T82"
area=$(header Location | sed 's#.*/##')
post "/admin/areas/$area/subscriptions" "user=$agente2&alert=1"
post "/admin/areas/$area/subscriptions" "user=$super&task=1"
post "/admin/areas/$area/subscriptions" "user=$admin&email=1"
expect "the area has its three subscriptions" "$(sql "SELECT COUNT(*) FROM area_subscriptions WHERE area_id = $area")" 3

sign_in agente agente-demo; t=$(csrf)
before=$(sql "SELECT CONCAT((SELECT COUNT(*) FROM notifications), '/', (SELECT COUNT(*) FROM outbox))")
post /cases "subject=Cobro+de+m%C3%A1s&description=d&area=$area&requester_first_name=Luisa&requester_email=luisa.t82%40example.com"
expect "a case registered in the area answers 303" "$STATUS" 303
case=$(header Location | sed 's#.*/##')
expect "the alert-only subscriber gets exactly one alert" "$(alerts "$agente2" "$case")" 1
expect "...and no task or e-mail" "$(tasks "$agente2" "$case")/$(mails agente2@atiende.example "$case")" "0/0"
expect "the task-only subscriber gets exactly one task in their list" "$(tasks "$super" "$case")" 1
expect "...and no alert or e-mail" "$(alerts "$super" "$case")/$(mails supervisor@atiende.example "$case")" "0/0"
expect "the e-mail-only subscriber gets exactly one e-mail" "$(mails admin@atiende.example "$case")" 1
expect "...and no alert or task" "$(alerts "$admin" "$case")/$(tasks "$admin" "$case")" "0/0"
expect "the one who registered it is told nothing" "$(alerts "$agente" "$case")" 0
expect "the customer is not mailed about a new case" "$(mails luisa.t82@example.com "$case")" 0
subject=$(sql "SELECT subject FROM outbox WHERE case_id = $case")
number=$(sql "SELECT number FROM cases WHERE id = $case")
expect "the e-mail's subject carries the case number and subject" "$subject" "[$number] Cobro de más"
body=$(sql "SELECT body_text FROM outbox WHERE case_id = $case")
contains "...its text has the description, the status and a link to the case" "$body" "/cases/$case"
contains "...and the status" "$body" "NEW"
expect "...and it waits in the outbox as pending" "$(sql "SELECT status FROM outbox WHERE case_id = $case")" pending
expect "the task shows in the subscriber's /tasks" "$(sql "SELECT status FROM activities WHERE executor_id = $super AND case_id = $case")" pending

# A refused change leaves nothing behind.
before=$(sql "SELECT CONCAT((SELECT COUNT(*) FROM notifications), '/', (SELECT COUNT(*) FROM outbox), '/', (SELECT COUNT(*) FROM activities))")
post /cases "subject=&description=d&area=$area&requester_first_name=X"
expect "an invalid case is refused (422)" "$STATUS" 422
v=$(sql "SELECT version FROM cases WHERE id = $case")
post "/cases/$case" "version=$((v + 5))&progress=10"
expect "a stale edit is refused (409)" "$STATUS" 409
expect "...and neither left an alert, e-mail or task" "$(sql "SELECT CONCAT((SELECT COUNT(*) FROM notifications), '/', (SELECT COUNT(*) FROM outbox), '/', (SELECT COUNT(*) FROM activities))")" "$before"

# A change: alert and e-mail subscribers again, no new task.
post "/cases/$case" "version=$v&progress=20"
expect "a change is saved" "$STATUS" 303
expect "...the alert subscriber gets a second alert" "$(alerts "$agente2" "$case")" 2
expect "...the e-mail subscriber a second e-mail" "$(mails admin@atiende.example "$case")" 2
expect "...and no second task" "$(tasks "$super" "$case")" 1

# Reassigning tells the new assignee (alert and e-mail).
post "/cases/$case/reassign" "assignee=$agente2"
expect "a reassignment is saved" "$STATUS" 303
expect "...the new assignee gets an 'assigned' alert" "$(sql "SELECT COUNT(*) FROM notifications WHERE user_id = $agente2 AND case_id = $case AND kind = 'assigned'")" 1
expect "...and an e-mail" "$(mails agente2@atiende.example "$case")" 1

# The customer: a public note is mailed, an internal one never.
post "/cases/$case/notes" "title=Nota+interna&body=solo+para+el+equipo"
expect "an internal note is saved" "$STATUS" 303
expect "...and the customer is not mailed" "$(mails luisa.t82@example.com "$case")" 0
post "/cases/$case/notes" "title=Respuesta&body=Ya+revisamos+su+cobro&public=1"
expect "a public note is saved" "$STATUS" 303
expect "...and the customer gets exactly one e-mail" "$(mails luisa.t82@example.com "$case")" 1
lacks "...which does not carry the internal note" "$(sql "SELECT body_text FROM outbox WHERE to_addr = 'luisa.t82@example.com'")" "solo para el equipo"
pro=$(sql "SELECT id FROM statuses WHERE code = 'PRO'")
v=$(sql "SELECT version FROM cases WHERE id = $case")
post "/cases/$case" "version=$v&status=$pro&note=En+revisi%C3%B3n"
expect "a status change that changes the portal state mails the customer" "$(mails luisa.t82@example.com "$case")" 2

# The bell.
sign_in agente2 agente-demo; t=$(csrf)
unread=$(sql "SELECT COUNT(*) FROM notifications WHERE user_id = $agente2 AND read_at IS NULL")
req /
contains "the header shows the unread count on every screen" "$BODY" "bell-count\">$unread<"
jget /notifications
expect "/notifications lists the user's alerts, newest first" "$(jf '[.Notifications[].id] | . == (sort | reverse)')" true
expect "...all marked unread" "$(jf '[.Notifications[] | select(.unread == 1)] | length')" "$unread"
first=$(jf '.Notifications[0].id')
post "/notifications/$first/read" "next=/cases/$case"
expect "marking one read goes on to its case" "$STATUS $(header Location)" "303 /cases/$case"
expect "...and it is read" "$(sql "SELECT read_at IS NOT NULL FROM notifications WHERE id = $first")" 1
other=$(sql "SELECT id FROM notifications WHERE user_id <> $agente2 AND read_at IS NULL LIMIT 1")
[ -n "$other" ] && post "/notifications/$other/read" ""
expect "nobody can mark another user's alert" "$(sql "SELECT COUNT(*) FROM notifications WHERE id = ${other:-0} AND read_at IS NOT NULL")" 0
post /notifications/read ""
expect "marking all read leaves none unread" "$(sql "SELECT COUNT(*) FROM notifications WHERE user_id = $agente2 AND read_at IS NULL")" 0
req /
contains "...and the header shows 0" "$BODY" 'bell-count">0<'
