#!/bin/bash
# /admin/areas and /admin/roles: create, validate, edit, stale edits, delete, subscriptions, participants, permissions.
. "$(dirname "$0")/../lib.sh"

counts() { sql "SELECT CONCAT_WS('/', (SELECT COUNT(*) FROM areas), (SELECT COUNT(*) FROM area_subscriptions), (SELECT COUNT(*) FROM roles), (SELECT COUNT(*) FROM role_participants), (SELECT SUM(version) FROM areas), (SELECT SUM(version) FROM roles), (SELECT SUM(version) FROM area_subscriptions))"; }
admin=$(uid admin) agent=$(uid agente) agent2=$(uid agente2) super=$(uid supervisor) customer=$(uid cliente)

sign_in admin admin-demo
t=$(csrf)

# Areas: create and read.
post /admin/areas "name=Postventa+T31&description=Garant%C3%ADas+y+cambios&active=0&active=1"
expect "creating an area answers 303" "$STATUS" 303
loc=$(header Location); aid=${loc##*/}
check "...to the new area's page" grep -qxE '/admin/areas/[0-9]+' <<<"$loc"
expect "...stored with its fields (hidden 0 then checkbox 1 is active)" "$(sql "SELECT CONCAT(name, '|', description, '|', active, '|', version) FROM areas WHERE id = $aid")" "Postventa T31|Garantías y cambios|1|1"
expect "...and an audit row by the admin" "$(audits area_create "$aid" 'Postventa T31')" 1
jget /admin/areas
expect "the JSON list has the area under Areas" "$(jf ".Areas[] | select(.id == $aid) | .name")" "Postventa T31"
jget "$loc"
expect "the area's JSON page has Area" "$(jf '.Area.name + "|" + (.Area.version | tostring)')" "Postventa T31|1"
expect "...with no subscriptions yet" "$(jf '.Subscriptions | length')" 0
expect "...and staff as candidates" "$(jf "[.Candidates[].id] | contains([$agent, $agent2, $super])")" true
expect "...but never a customer" "$(jf "[.Candidates[].id] | index($customer)")" null
post /admin/areas "name=Inactiva+T31&active=0"
expect "an area created with active=0 is inactive" "$(sql "SELECT active FROM areas WHERE name = 'Inactiva T31'")" 0
jpost /admin/areas "name=Canje+T31&description=API"
expect "a JSON create answers 201" "$STATUS" 201
cid=$(sql "SELECT id FROM areas WHERE name = 'Canje T31'")
expect "...with the Location of the area" "$(header Location)" "/admin/areas/$cid"
expect "...and the area in the body" "$(jf .Area.id)" "$cid"

# Areas: bad input.
before=$(counts)
bad "an empty area name" /admin/areas "name=&description=x" name
bad "a duplicate area name" /admin/areas "name=Postventa+T31" name
bad "an area name of 101 characters" /admin/areas "name=$(printf 'a%.0s' {1..101})" name
bad "a description of 501 characters" /admin/areas "name=Larga+T31&description=$(printf 'd%.0s' {1..501})" description
bad "an active flag that is not yes/no" /admin/areas "name=Flag+T31&active=maybe" active
expect "...with the message 'Use Sí o No.'" "$(jf .error.message)" "Use Sí o No."
post /admin/areas "name=Postventa+T31"
expect "a duplicate name in the browser answers 422" "$STATUS" 422
contains "...with the message next to the field" "$BODY" 'Ya existe un área con ese nombre.'
expect "...in one HTML page, not two" "$(grep -c '</html>' <<<"$BODY")" 1
expect "bad area input changed nothing" "$(counts)" "$before"

# Areas: edit.
v=$(sql "SELECT version FROM areas WHERE id = $aid")
post "/admin/areas/$aid" "name=Postventa+y+garant%C3%ADas&description=&active=0&version=$v"
expect "saving an area edit answers 303" "$STATUS" 303
check "...back to the area's page" grep -qE "^/admin/areas/$aid(\?|$)" <<<"$(header Location)"
expect "...stores it and bumps the version" "$(sql "SELECT CONCAT(name, '|', description, '|', active, '|', version) FROM areas WHERE id = $aid")" "Postventa y garantías||0|$((v + 1))"
expect "...with an audit row" "$(audits area_update "$aid")" 1
post "/admin/areas/$aid" "name=Pisada&description=&active=1&version=$v"
expect "an area edit from a stale version answers 409" "$STATUS" 409
expect "...and does not overwrite" "$(sql "SELECT name FROM areas WHERE id = $aid")" "Postventa y garantías"
bad "renaming an area to a taken name" "/admin/areas/$aid" "name=Reclamos&version=$((v + 1))" name
expect "...keeps the stored name" "$(sql "SELECT CONCAT(name, version) FROM areas WHERE id = $aid")" "Postventa y garantías$((v + 1))"
post "/admin/areas/$aid" "name=Postventa+y+garant%C3%ADas&description=&version=$((v + 1))"
expect "an area edit without 'active' keeps it off" "$(sql "SELECT CONCAT(active, '|', version) FROM areas WHERE id = $aid")" "0|$((v + 2))"
post /admin/areas/999999 "name=Nadie&version=1"
expect "editing an unknown area answers 404" "$STATUS" 404

# Subscriptions.
post "/admin/areas/$aid/subscriptions" "user=$agent&alert=0&alert=1&task=0&email=0"
expect "subscribing a user answers 303" "$STATUS" 303
sloc=$(header Location); sid=${sloc##*/}
check "...to the subscription's address" grep -qxE "/admin/areas/$aid/subscriptions/[0-9]+" <<<"$sloc"
expect "...stored with its flags" "$(sql "SELECT CONCAT(user_id, '|', alert, task, email) FROM area_subscriptions WHERE id = $sid AND area_id = $aid")" "$agent|100"
expect "...with an audit row" "$(audits area_subscribe "$aid")" 1
req "$sloc"
expect "the subscription's page answers 200" "$STATUS" 200
jget "$sloc"
expect "...and its JSON has Subscription" "$(jf '(.Subscription.id|tostring) + "|" + (.Subscription.user_id|tostring)')" "$sid|$agent"
expect "...and the subscribed user is no longer a candidate" "$(jf "[.Candidates[].id] | index($agent)")" null
before=$(counts)
bad "subscribing the same user twice" "/admin/areas/$aid/subscriptions" "user=$agent&task=1" user
bad "a subscription with every flag No" "/admin/areas/$aid/subscriptions" "user=$agent2&alert=0&task=no&email=off" alert
bad "a subscription with no flags at all" "/admin/areas/$aid/subscriptions" "user=$agent2" alert
bad "subscribing an unknown user id" "/admin/areas/$aid/subscriptions" "user=999999&alert=1" user
bad "subscribing a customer" "/admin/areas/$aid/subscriptions" "user=$customer&alert=1" user
bad "subscribing user=abc" "/admin/areas/$aid/subscriptions" "user=abc&alert=1" user
bad "subscribing without a user" "/admin/areas/$aid/subscriptions" "alert=1" user
bad "a subscription flag that is not yes/no" "/admin/areas/$aid/subscriptions" "user=$agent2&alert=maybe" alert
post /admin/areas/999999/subscriptions "user=$agent2&alert=1"
expect "subscribing to an unknown area answers 404" "$STATUS" 404
expect "bad subscriptions changed nothing" "$(counts)" "$before"
jpost "/admin/areas/$aid/subscriptions" "user=$agent2&task=yes&email=true&alert=si"
expect "a JSON subscription answers 201" "$STATUS" 201
sid2=$(sql "SELECT id FROM area_subscriptions WHERE area_id = $aid AND user_id = $agent2")
expect "...with its Location" "$(header Location)" "/admin/areas/$aid/subscriptions/$sid2"
expect "...storing yes/true/si as 1" "$(sql "SELECT CONCAT(alert, task, email) FROM area_subscriptions WHERE id = $sid2")" 111
expect "...and the area's subscriptions in the body" "$(jf "[.Subscriptions[].id] | contains([$sid, $sid2])")" true
post "/admin/areas/$aid/subscriptions/$sid" "alert=0&task=0&task=1&email=1&version=1"
expect "changing a subscription's flags answers 303" "$STATUS" 303
expect "...and stores them" "$(sql "SELECT CONCAT(alert, task, email, '|', version) FROM area_subscriptions WHERE id = $sid")" "011|2"
expect "...with an audit row" "$(audits area_subscription_update "$aid")" 1
post "/admin/areas/$aid/subscriptions/$sid" "alert=1&task=0&email=0&version=1"
expect "a stale subscription change answers 409" "$STATUS" 409
bad "a subscription change to every flag No" "/admin/areas/$aid/subscriptions/$sid" "alert=0&task=0&email=0&version=2" alert
expect "...both leave the flags" "$(sql "SELECT CONCAT(alert, task, email, '|', version) FROM area_subscriptions WHERE id = $sid")" "011|2"
other=$(sql "SELECT id FROM areas WHERE name = 'Reclamos'")
req "/admin/areas/$other/subscriptions/$sid"
expect "a subscription read under another area answers 404" "$STATUS" 404
post "/admin/areas/$other/subscriptions/$sid" "alert=1&version=2"
expect "a subscription changed under another area answers 404" "$STATUS" 404
post "/admin/areas/$other/subscriptions/$sid/remove" ""
expect "a subscription removed under another area answers 404" "$STATUS" 404
expect "...and stays" "$(sql "SELECT CONCAT(alert, task, email) FROM area_subscriptions WHERE id = $sid")" 011
post "/admin/areas/$aid/subscriptions/$sid/remove" ""
expect "removing a subscription answers 303" "$STATUS" 303
expect "...and deletes it" "$(sql "SELECT COUNT(*) FROM area_subscriptions WHERE id = $sid")" 0
expect "...with an audit row" "$(audits area_unsubscribe "$aid")" 1

# Roles and participants.
post /admin/roles "name=Jefes+T31&description=Jefaturas"
expect "creating a role answers 303" "$STATUS" 303
rloc=$(header Location); rid=${rloc##*/}
check "...to the new role's page" grep -qxE '/admin/roles/[0-9]+' <<<"$rloc"
expect "...stored" "$(sql "SELECT CONCAT(name, '|', description, '|', active) FROM roles WHERE id = $rid")" "Jefes T31|Jefaturas|1"
expect "...with an audit row" "$(audits role_create "$rid" 'Jefes T31')" 1
jget /admin/roles
expect "the JSON list has the role under Roles" "$(jf ".Roles[] | select(.id == $rid) | .name")" "Jefes T31"
jget "$rloc"
expect "the role's JSON page has Role and no Participants" "$(jf '.Role.name + "|" + (.Participants | length | tostring)')" "Jefes T31|0"
expect "...and no customer among the Candidates" "$(jf "[.Candidates[].id] | index($customer)")" null
before=$(counts)
bad "an empty role name" /admin/roles "name=" name
bad "a duplicate role name" /admin/roles "name=Supervisores" name
bad "a role active flag that is not yes/no" /admin/roles "name=Otro+T31&active=2" active
expect "bad role input changed nothing" "$(counts)" "$before"
v=$(sql "SELECT version FROM roles WHERE id = $rid")
post "/admin/roles/$rid" "name=Jefaturas+T31&description=&active=1&version=$v"
expect "saving a role edit answers 303" "$STATUS" 303
expect "...stores it" "$(sql "SELECT CONCAT(name, '|', version) FROM roles WHERE id = $rid")" "Jefaturas T31|$((v + 1))"
expect "...with an audit row" "$(audits role_update "$rid")" 1
post "/admin/roles/$rid" "name=Pisada&description=&version=$v"
expect "a stale role edit answers 409" "$STATUS" 409
expect "...and does not overwrite" "$(sql "SELECT name FROM roles WHERE id = $rid")" "Jefaturas T31"
post "/admin/roles/$rid/participants" "user=$agent"
expect "adding a participant answers 303" "$STATUS" 303
expect "...and stores it" "$(sql "SELECT COUNT(*) FROM role_participants WHERE role_id = $rid AND user_id = $agent")" 1
expect "...with an audit row" "$(audits role_member_add "$rid" "user=$agent")" 1
jget "$rloc"
expect "the role's JSON page lists the participant" "$(jf '[.Participants[].id] | tostring')" "[$agent]"
before=$(counts)
bad "adding the same participant twice" "/admin/roles/$rid/participants" "user=$agent" user
bad "adding a customer as participant" "/admin/roles/$rid/participants" "user=$customer" user
bad "adding an unknown user as participant" "/admin/roles/$rid/participants" "user=999999" user
bad "adding user=abc as participant" "/admin/roles/$rid/participants" "user=abc" user
expect "bad participants changed nothing" "$(counts)" "$before"
post "/admin/roles/$rid/participants/$agent/remove" ""
expect "removing a participant answers 303" "$STATUS" 303
expect "...and removes it" "$(sql "SELECT COUNT(*) FROM role_participants WHERE role_id = $rid")" 0
expect "...with an audit row" "$(audits role_member_remove "$rid" "user=$agent")" 1
post "/admin/roles/$rid/participants/$agent/remove" ""
expect "removing someone who is not a participant answers 404" "$STATUS" 404

# Deleting areas and roles: refused while an escalation rule uses them.
sql "INSERT INTO escalation_rules (position, area_id, role_id, hours_open, alert) VALUES (9000, $aid, $rid, 5, 1)"
rule=$(sql "SELECT id FROM escalation_rules WHERE position = 9000 AND area_id = $aid")
jpost "/admin/areas/$aid/delete" ""
expect "deleting an area a rule uses answers 409 in_use" "$STATUS $(jf .error.code)" "409 in_use"
expect "...and the area stays" "$(sql "SELECT COUNT(*) FROM areas WHERE id = $aid")" 1
jpost "/admin/roles/$rid/delete" ""
expect "deleting a role a rule uses answers 409 in_use" "$STATUS $(jf .error.code)" "409 in_use"
expect "...and the role stays" "$(sql "SELECT COUNT(*) FROM roles WHERE id = $rid")" 1
sql "DELETE FROM escalation_rules WHERE id = $rule"
post "/admin/areas/$aid/delete" ""
expect "deleting an unused area answers 303 to the list" "$STATUS $(header Location)" "303 /admin/areas"
expect "...deletes it and its subscriptions" "$(sql "SELECT (SELECT COUNT(*) FROM areas WHERE id = $aid) + (SELECT COUNT(*) FROM area_subscriptions WHERE area_id = $aid)")" 0
expect "...with an audit row" "$(audits area_delete "$aid")" 1
post "/admin/roles/$rid/delete" ""
expect "deleting an unused role answers 303 to the list" "$STATUS $(header Location)" "303 /admin/roles"
expect "...and deletes it" "$(sql "SELECT COUNT(*) FROM roles WHERE id = $rid")" 0
post "/admin/areas/$aid/delete" ""
expect "deleting an area that is gone answers 404" "$STATUS" 404

# Permissions: agents and customers see nothing; supervisors read but cannot write; CSRF is required.
role=$(sql "SELECT id FROM roles WHERE name = 'Supervisores'")
reads=(/admin/areas "/admin/areas/$cid" "/admin/areas/$other/subscriptions" /admin/roles "/admin/roles/$role")
writes=("/admin/areas|name=Nueva+T31" "/admin/areas/$cid|name=Cambiada&version=1" "/admin/areas/$cid/delete|"
        "/admin/areas/$other/subscriptions|user=$agent&alert=1" "/admin/roles|name=Nuevo+T31"
        "/admin/roles/$role|name=Cambiado&version=1" "/admin/roles/$role/delete|"
        "/admin/roles/$role/participants|user=$agent" "/admin/roles/$role/participants/$super/remove|")
before=$(counts)
for who in agente cliente supervisor; do
    sign_in "$who" "$who-demo"; t=$(csrf)
    for p in "${reads[@]}"; do
        req "$p"
        if [ "$who" = supervisor ]; then want=200; else want=403; fi
        expect "GET $p as $who answers $want" "$STATUS" "$want"
    done
    [ "$who" = cliente ] && continue
    for w in "${writes[@]}"; do
        post "${w%%|*}" "${w#*|}"
        expect "POST ${w%%|*} as $who answers 403" "$STATUS" 403
    done
done
expect "refused writes changed nothing" "$(counts)" "$before"
sign_in admin admin-demo
req -d "name=Sin+CSRF+T31" /admin/areas
expect "an area create without CSRF answers 403" "$STATUS" 403
req -d "user=$agent&csrf=not-the-token" "/admin/roles/$role/participants"
expect "a participant add with a wrong CSRF token answers 403" "$STATUS" 403
req -H 'Origin: http://evil.example' -d "name=Cruzada+T31&csrf=$(csrf)" /admin/areas
expect "a POST from another site's Origin answers 403 even with the token" "$STATUS" 403
expect "...and none of them wrote anything" "$(counts)" "$before"
