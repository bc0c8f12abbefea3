#!/bin/bash
# Notes with files (multipart, limits, dedup by sha256, download), linking a note to several cases, unlink/delete, and the solutions base.
. "$(dirname "$0")/../lib.sh"

counts() { sql "SELECT CONCAT_WS('/', (SELECT COUNT(*) FROM notes), (SELECT COUNT(*) FROM note_cases), (SELECT COUNT(*) FROM attachments), (SELECT COUNT(*) FROM file_contents), (SELECT COUNT(*) FROM case_history))"; }
hist() { sql "SELECT CONCAT_WS('|', kind, field, COALESCE(new_ref, '-'), user_id) FROM case_history WHERE case_id = $1 ORDER BY id DESC LIMIT 1"; }
newcase() { jpost /cases "$3&subject=$1&description=${2:-d}&area=$area&requester_first_name=Ana"; jf .Case.id; }
num() { sql "SELECT number FROM cases WHERE id = $1"; }
ids() { jf "[$1[]? | select(.id >= ${2:-0}) | .id] | map(tostring) | join(\",\")"; }   # ids [FROM_ID]
sha() { sha256sum "$1" | cut -d' ' -f1; }
loc() { local l; l=$(header Location); echo "${l##*/}"; }
dl() { req "$1" 2>/dev/null; }   # a download: binary bodies (NUL bytes) are checked in $TMP/body
mp() { req -H 'Accept: application/json' "$@"; }   # a JSON multipart request: mp -F ... PATH
agent=$(uid agente)
area=$(sql "SELECT MIN(id) FROM areas") area2=$(sql "SELECT MAX(id) FROM areas")
query=$(sql "SELECT id FROM request_types WHERE code = 'query'") claim=$(sql "SELECT id FROM request_types WHERE code = 'claim'")
today=$(date -u +%F) tomorrow=$(date -u -d '+1 day' +%F) yesterday=$(date -u -d '-1 day' +%F)

# Files: binary with NUL bytes, a text one, both reused later.
head -c 70000 /dev/urandom >"$TMP/a.bin"; printf 'Informe\0con NUL\n%s\n' "$RANDOM$RANDOM" >"$TMP/b.txt"
sa=$(sha "$TMP/a.bin") sb=$(sha "$TMP/b.txt")

sign_in agente agente-demo; t=$(csrf)
c=$(newcase "Notas+T70") c2=$(newcase "Otro+T70") c3=$(newcase "Enlaces+T70")

# Create: a form multipart note with two files, then a JSON urlencoded one without files.
before=$(counts)
req -F "title=Informe técnico" -F "body=Revisión del equipo" -F "file=@$TMP/a.bin;filename=C:\\dir\\a.pdf;type=application/pdf" \
    -F "file=@$TMP/b.txt;filename=../../x/año ñ.txt;type=x/y/z" -F "csrf=$t" "/cases/$c/notes"
n1=$(loc)
expect "a form multipart note answers 303 to the note" "$STATUS $(header Location)" "303 /cases/$c/notes/$n1"
expect "...stores the note, internal by default, by its author" "$(sql "SELECT CONCAT_WS('|', title, body, public, author_id) FROM notes WHERE id = $n1")" "Informe técnico|Revisión del equipo|0|$agent"
expect "...held by the case" "$(sql "SELECT GROUP_CONCAT(case_id) FROM note_cases WHERE note_id = $n1")" "$c"
expect "...with its files: names without path parts, the type as sent or octet-stream, size, sha256" \
    "$(sql "SELECT GROUP_CONCAT(CONCAT_WS('|', name, content_type, size, sha256) ORDER BY id SEPARATOR ';') FROM attachments WHERE note_id = $n1")" \
    "a.pdf|application/pdf|70000|$sa;año ñ.txt|application/octet-stream|$(stat -c %s "$TMP/b.txt")|$sb"
expect "...the bytes stored once each in file_contents" "$(sql "SELECT COUNT(*) FROM file_contents WHERE sha256 IN ('$sa', '$sb')")" 2
expect "...and a note 'added' history row" "$(hist "$c")" "note|added|$n1|$agent"
req "/cases/$c/notes/$n1"
expect "...and the Location it answers shows the case (200)" "$STATUS" 200
expect "...one note, link and history row, two attachments and contents more" "$(counts)" "$(awk -F/ -v OFS=/ '{ print $1+1, $2+1, $3+2, $4+2, $5+1 }' <<<"$before")"
jpost "/cases/$c/notes" "title=Llamada+al+cliente&body=Confirm%C3%B3+la+visita&public=1"; n2=$(loc)
expect "a JSON urlencoded note answers 201 with its Location" "$STATUS $(header Location)" "201 /cases/$c/notes/$n2"
expect "...public=1 stored, no attachments" "$(sql "SELECT CONCAT_WS('|', public, (SELECT COUNT(*) FROM attachments WHERE note_id = $n2)) FROM notes WHERE id = $n2")" "1|0"
before=$(counts)
mp -F "title=Copia" -F "file=@$TMP/a.bin;filename=copia.bin" -F "file=@$TMP/a.bin;filename=otra.bin" -F "csrf=$t" "/cases/$c2/notes"; n3=$(loc)
expect "the same file again, twice, in another note answers 201" "$STATUS" 201
expect "...gains two attachments but no file_contents row" "$(counts)" "$(awk -F/ -v OFS=/ '{ print $1+1, $2+1, $3+2, $4, $5+1 }' <<<"$before")"
title200=$(printf '%%C3%%B1%.0s' {1..200})
jpost "/cases/$c2/notes" "title=$title200"; n4=$(loc)
expect "a title of 200 characters (400 bytes) is accepted" "$STATUS $(sql "SELECT CHAR_LENGTH(title) FROM notes WHERE id = $n4")" "201 200"
{ printf 'title=Emoji&csrf=%s&body=' "$t"; printf '%%F0%%9F%%98%%80%.0s' {1..20000}; } >"$TMP/emoji"
req -H 'Accept: application/json' --data-binary "@$TMP/emoji" "/cases/$c2/notes"
expect "a body of 20000 characters of 4 bytes (allowed) is saved, not a 5xx" "$STATUS" 201

# Refused notes store nothing.
N="/cases/$c/notes" before=$(counts)
bad "a blank title" "$N" "title=+++" title
expect "...and stores nothing" "$(counts)" "$before"
before=$(counts)
bad "a note without title" "$N" "body=x" title
bad "a title of 201 characters" "$N" "title=$(printf 'x%.0s' {1..201})" title
bad "public=maybe" "$N" "title=x&public=maybe" public
mp -F "body=sin titulo" -F "file=@$TMP/b.txt;filename=b.txt" -F "csrf=$t" "$N"
expect "a multipart note with a file but no title answers 422 naming title" "$STATUS $(jf .error.field)" "422 title"
post "$N" "body=x"
expect "a form note without title answers 422 in one HTML page" "$STATUS $(grep -c '</html>' <<<"$BODY")" "422 1"
head -c 10485761 /dev/zero >"$TMP/big"; head -c 4 /dev/urandom >"$TMP/small"
mp -F "title=Grande" -F "file=@$TMP/small;filename=s.bin" -F "file=@$TMP/big;filename=big.bin" -F "csrf=$t" "$N"
expect "a file of 10485761 bytes answers 413 with the message" "$STATUS $(jf .error.message)" "413 Un archivo supera el tamaño permitido; no se guardó nada."
req -F "title=Grande" -F "file=@$TMP/big;filename=big.bin" -F "csrf=$t" "$N"
expect "...the form one too, saying so in the page" "$STATUS $(grep -c 'Un archivo supera el tamaño permitido; no se guardó nada.' <<<"$BODY")" "413 1"
head -c 9437184 /dev/zero >"$TMP/nine"
mp -F "title=Muchos" $(for i in 1 2 3 4 5 6; do printf -- '-F file=@%s;filename=f%s.bin ' "$TMP/nine" "$i"; done) -F "csrf=$t" "$N"
expect "six files of 9 MB (a body over 50 MB) answer 413" "$STATUS $(jf .error.message)" "413 Un archivo supera el tamaño permitido; no se guardó nada."
mp -H 'Content-Type: multipart/form-data; boundary=xyz' --data-binary 'garbage' "$N"
expect "a malformed multipart body answers 400" "$STATUS" 400
mp -H 'Content-Type: multipart/form-data' --data-binary 'garbage' "$N"
expect "a multipart body without boundary answers 400" "$STATUS" 400
mp -F "title=Sin CSRF" -F "file=@$TMP/small;filename=s.bin" "$N"
expect "a multipart note without CSRF answers 403" "$STATUS" 403
mp -F "title=Nada" -F "csrf=$t" /cases/999999/notes
expect "a note on an unknown case answers 404" "$STATUS" 404
expect "...none of them stored anything" "$(counts)|$(sql "SELECT COUNT(*) FROM file_contents WHERE sha256 = '$(sha "$TMP/small")'")" "$before|0"
head -c 10485760 /dev/zero >"$TMP/max"
mp -F "title=Justo" -F "file=@$TMP/max;filename=max.bin" -F "csrf=$t" "$N"; n5=$(loc)
expect "a file of exactly 10 MB is accepted" "$STATUS $(sql "SELECT size FROM attachments WHERE note_id = $n5")" "201 10485760"

# The case view and downloads.
jget "/cases/$c"
contains "the case JSON lists its notes" ",$(ids .Notes)," ",$n1,"
expect "...and its attachments with id, note_id, name, content_type, size, sha256" \
    "$(jf "[.Attachments[] | select(.note_id == $n1) | [.note_id, .name, .content_type, .size, .sha256] | map(tostring) | join(\"|\")] | join(\";\")")" \
    "$n1|a.pdf|application/pdf|70000|$sa;$n1|año ñ.txt|application/octet-stream|$(stat -c %s "$TMP/b.txt")|$sb"
jget "/cases/$c/attachments"
expect "/cases/{id}/attachments answers the case view with the same attachments" "$STATUS $(jf '[.Attachments[].id] | length')" "200 $(sql "SELECT COUNT(*) FROM attachments a JOIN note_cases nc ON nc.note_id = a.note_id WHERE nc.case_id = $c")"
fa=$(sql "SELECT id FROM attachments WHERE note_id = $n1 AND name = 'a.pdf'") fb=$(sql "SELECT id FROM attachments WHERE note_id = $n1 AND name <> 'a.pdf'")
dl "/attachments/$fa"
expect "downloading an attachment answers the exact bytes" "$STATUS $(sha "$TMP/body")" "200 $sa"
expect "...matching the sha256 column" "$(sha "$TMP/body")" "$(sql "SELECT sha256 FROM attachments WHERE id = $fa")"
expect "...with the stored Content-Type" "$(header Content-Type)" "application/pdf"
expect "...as an attachment named a.pdf" "$(header Content-Disposition)" "attachment; filename=\"a.pdf\"; filename*=UTF-8''a.pdf"
expect "...and nosniff" "$(header X-Content-Type-Options)" "nosniff"
dl "/attachments/$fb"
expect "a text file with a NUL byte downloads exactly, as octet-stream" "$STATUS $(sha "$TMP/body") $(header Content-Type)" "200 $sb application/octet-stream"
contains "...with the UTF-8 name in filename*" "$(header Content-Disposition)" "filename*=UTF-8''a%C3%B1o%20%C3%B1.txt"
lacks "...and only ASCII in the plain filename" "$(header Content-Disposition | cut -d';' -f2)" "ñ"
dl "/attachments/999999"
expect "an unknown attachment answers 404" "$STATUS" 404
dl "/attachments/$fa/x"
expect "a path under an attachment answers 404" "$STATUS" 404
sign_in supervisor supervisor-demo
dl "/attachments/$fa"
expect "a supervisor downloads it too" "$STATUS $(sha "$TMP/body")" "200 $sa"
sign_in cliente cliente-demo
dl "/attachments/$fa"
expect "a customer gets 404 for a file that is not on a public note of their cases" "$STATUS" 404
jget "/cases/$c"; expect "...and on the case view" "$STATUS" 403
before=$(counts); t=$(csrf)
mp -F "title=Cliente" -F "csrf=$t" "$N"
expect "a customer adding a note gets 403, nothing stored" "$STATUS $(counts)" "403 $before"

# Link (enlazar) a note to another case, without copying it.
sign_in agente agente-demo; t=$(csrf)
jget "/cases/$c3/notes?q=nico&date=$today"
expect "searching notes to link answers 200 with the note by a part of its title" "$STATUS $(ids .NoteSearch "$n1")" "200 $n1"
expect "...with its title and the cases holding it" "$(jf ".NoteSearch[]? | select(.id == $n1) | [.title, .cases] | join(\"|\")")" "Informe técnico|$(num "$c")"
jget "/cases/$c/notes?q=nico"
expect "...a note already in the case is not offered" "$STATUS $(jf "[.NoteSearch[]? | select(.id == $n1)] | length")" "200 0"
jget "/cases/$c3/notes?q=nico&date=$yesterday"
expect "...another day finds nothing" "$STATUS $(ids .NoteSearch "$n1")" "200 "
jget "/cases/$c3/notes?q=100%25"
expect "...a % in q is literal" "$STATUS $(ids .NoteSearch "$n1")" "200 "
jget "/cases/$c3/notes?date=2026-02-30"
expect "...a bad date answers 400" "$STATUS" 400
before=$(counts)
post "/cases/$c3/notes" "note=$n1"
expect "linking a note answers 303" "$STATUS" 303
expect "...adds a note_cases row, not a note, attachment or file" "$(counts)" "$(awk -F/ -v OFS=/ '{ print $1, $2+1, $3, $4, $5+1 }' <<<"$before")"
expect "...with a note 'linked' history row" "$(hist "$c3")" "note|linked|$n1|$agent"
expect "...the note now in both cases" "$(sql "SELECT GROUP_CONCAT(case_id ORDER BY case_id) FROM note_cases WHERE note_id = $n1")" "$c,$c3"
before=$(counts)
bad "linking it twice" "/cases/$c3/notes" "note=$n1" note
bad "linking an unknown note" "/cases/$c3/notes" "note=999999" note
bad "note=abc" "/cases/$c3/notes" "note=abc" note
expect "...refused links change nothing" "$(counts)" "$before"
jget "/cases/$c3"
expect "the linked case shows the note and its files" "$(ids .Notes) $(jf '[.Attachments[].id] | map(tostring) | join(",")')" "$n1 $fa,$fb"
expect "...and the other case holding it" "$(jf '[.NoteCases[] | [.note_id, .id, .number] | map(tostring) | join("|")] | join(";")')" "$n1|$c|$(num "$c")"

# Unlink and delete.
before=$(counts)
post "/cases/$c/notes/$n1/delete" ""
expect "deleting a note another case holds answers 409" "$STATUS" 409
jpost "/cases/$c/notes/$n1/delete" ""
expect "...code note_linked, and nothing changes" "$STATUS $(jf .error.code) $(counts)" "409 note_linked $before"
post "/cases/$c3/notes/$n2/unlink" ""
expect "unlinking another case's note answers 404" "$STATUS" 404
post "/cases/$c3/notes/$n2/delete" ""
expect "deleting another case's note answers 404" "$STATUS" 404
post "/cases/$c3/notes/999999/unlink" ""
expect "unlinking an unknown note answers 404" "$STATUS $(counts)" "404 $before"
req -d "csrf=$t" "/cases/$c/notes/$n1/unlink"
expect "unlinking a note held elsewhere answers 303" "$STATUS $(header Location)" "303 /cases/$c?saved=1#notes"
expect "...keeps the note, its files and contents, drops one link" "$(counts)" "$(awk -F/ -v OFS=/ '{ print $1, $2-1, $3, $4, $5+1 }' <<<"$before")"
expect "...with a note history row" "$(hist "$c")" "note|unlinked|$n1|$agent"
dl "/attachments/$fa"
expect "...its files still download from the other case" "$STATUS $(sha "$TMP/body")" "200 $sa"
before=$(counts)
post "/cases/$c3/notes/$n1/delete" ""
expect "deleting a note only this case holds answers 303" "$STATUS $(header Location)" "303 /cases/$c3?saved=1#notes"
expect "...removes the note and its attachments" "$(sql "SELECT CONCAT_WS('|', (SELECT COUNT(*) FROM notes WHERE id = $n1), (SELECT COUNT(*) FROM attachments WHERE note_id = $n1), (SELECT COUNT(*) FROM note_cases WHERE note_id = $n1))")" "0|0|0"
expect "...and the contents no attachment uses, keeping the one another note uses" "$(sql "SELECT CONCAT_WS('|', (SELECT COUNT(*) FROM file_contents WHERE sha256 = '$sb'), (SELECT COUNT(*) FROM file_contents WHERE sha256 = '$sa'))")" "0|1"
expect "...with a note history row" "$(hist "$c3")" "note|deleted|$n1|$agent"
dl "/attachments/$fa"
expect "...its attachment is gone (404)" "$STATUS" 404
post "/cases/$c2/notes/$n3/unlink" ""
expect "unlinking the last case of a note answers 303 and deletes it with its last copy of the bytes" "$STATUS $(sql "SELECT CONCAT_WS('|', (SELECT COUNT(*) FROM notes WHERE id = $n3), (SELECT COUNT(*) FROM attachments WHERE note_id = $n3), (SELECT COUNT(*) FROM file_contents WHERE sha256 = '$sa'))")" "303 0|0|0"

# Closed cases: an agent may not change their notes.
k=$(newcase "Cerrado+T70"); jpost "/cases/$k/notes" "title=Antes"; kn=$(loc)
post "/cases/$k/close" "resolution=Listo"
before=$(counts)
mp -F "title=Tras cerrar" -F "file=@$TMP/small;filename=s.bin" -F "csrf=$t" "/cases/$k/notes"
expect "an agent adding a note to a closed case gets 403 case_closed" "$STATUS $(jf .error.code)" "403 case_closed"
post "/cases/$k/notes" "note=$n2"; expect "...linking one too" "$STATUS" 403
post "/cases/$k/notes/$kn/unlink" ""; expect "...unlinking one too" "$STATUS" 403
post "/cases/$k/notes/$kn/delete" ""; expect "...and deleting one" "$STATUS" 403
expect "...nothing changed" "$(counts)" "$before"
jget "/cases/$k"; expect "...but the notes of a closed case may be read" "$STATUS $(ids .Notes)" "200 $kn"
sign_in supervisor supervisor-demo; t=$(csrf)
post "/cases/$k/notes" "title=Nota+del+supervisor"
expect "a supervisor may add a note to a closed case" "$STATUS $(sql "SELECT COUNT(*) FROM note_cases WHERE case_id = $k")" "303 2"
sign_in agente agente-demo; t=$(csrf)

# Solutions base: CLO cases with a resolution, full text over case and notes, ranked.
close() { post "/cases/$1/close" "resolution=$2${3:+&status=$3}"; }
s1=$(newcase "Error+de+Facturaci%C3%B3n+zafiro" "El+cliente+no+recibe+la+factura" "type=$query"); close "$s1" "Se+reenvi%C3%B3+la+factura"
s2=$(newcase "Zafiro+y+quetzal+ca%C3%ADdos" "quetzal+zafiro+sin+servicio" "type=$claim&area=$area2"); close "$s2" "Reinicio+del+quetzal"
s3=$(newcase "Facturaci%C3%B3n+zafiro+rechazada"); close "$s3" "No+procede" REJ
s4=$(newcase "Facturaci%C3%B3n+zafiro+abierta")
s5=$(newcase "Consulta+general+T70"); jpost "/cases/$s5/notes" "title=Visita&body=Se+encontr%C3%B3+un+ornitorrinco+en+el+rack"; close "$s5" "Resuelto+en+sitio"
expect "the solution cases closed as CLO and REJ" "$(sql "SELECT GROUP_CONCAT(s.code ORDER BY c.id) FROM cases c JOIN statuses s ON s.id = c.status_id WHERE c.id IN ($s1, $s2, $s3, $s4, $s5)")" "CLO,CLO,REJ,NEW,CLO"
jget "/solutions?q=facturacion"
expect "q=facturacion finds the CLO case with Facturación, not the REJ or open ones" "$STATUS $(ids .Solutions "$s1")" "200 $s1"
jget "/solutions?q=FACTURACI%C3%93N"
expect "q=FACTURACIÓN finds it too" "$(ids .Solutions "$s1")" "$s1"
jget "/solutions?q=reenvio"
expect "...the resolution is searched" "$(ids .Solutions "$s1")" "$s1"
jget "/solutions?q=ornitorrinco"
expect "...and the text of the case's notes" "$(ids .Solutions "$s1")" "$s5"
jget "/solutions?q=zafiro+quetzal"
expect "a case matching more of the words ranks first" "$(ids .Solutions "$s1")" "$s2,$s1"
expect "...scores descending" "$(jf '[.Solutions[].score] | . == (sort | reverse) and .[0] > .[-1]')" true
jget "/solutions?q=zafiro&area=$area2"; expect "filter area" "$(ids .Solutions "$s1")" "$s2"
jget "/solutions?q=zafiro&type=$query"; expect "filter type" "$(ids .Solutions "$s1")" "$s1"
jget "/solutions?q=zafiro&closed_from=$today&closed_to=$today"; expect "closed today, between today and today" "$(ids .Solutions "$s1")" "$s2,$s1"
jget "/solutions?q=zafiro&closed_from=$tomorrow"; expect "nothing closed from tomorrow" "$STATUS $(ids .Solutions "$s1")" "200 "
jget "/solutions?q=zafiro&closed_to=$yesterday"; expect "nothing closed up to yesterday" "$STATUS $(ids .Solutions "$s1")" "200 "
for q in area=abc area=0 type=x article=abc closed_from=2026-02-30 closed_to=ayer page=0; do
    jget "/solutions?q=zafiro&$q"; expect "/solutions with $q answers 400" "$STATUS" 400
done
for i in 1 2 3 4 5 6; do x=$(newcase "Ornitorrinco+lote+$i"); close "$x" "Ornitorrinco+atendido"; done
jget "/solutions?similar=1&subject=zafiro+quetzal&description=sin+servicio"
expect "similar=1 ranks by subject and description" "$STATUS $(jf '.Solutions[0].id')" "200 $s2"
jget "/solutions?similar=1&subject=Ornitorrinco&description=x"
expect "similar=1 answers at most 5" "$(jf '.Solutions | length')" 5
jget "/solutions?q=ornitorrinco"
expect "...while the base lists all 7" "$(jf "[.Solutions[] | select(.id >= $s1)] | length")" 7
sign_in cliente cliente-demo
jget "/solutions?q=zafiro"
expect "a customer gets 403 on the solutions base" "$STATUS" 403
