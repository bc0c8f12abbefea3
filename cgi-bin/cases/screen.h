/* screen.h: the parts of the cases screen — list.c (the list and its
   filters), view.c (loading a case and the form's options), write.c
   (register, update, reassign, close, reactivate), merge.c (merging a
   case into another). */
#ifndef ATIENDE_CASES_SCREEN_H
#define ATIENDE_CASES_SCREEN_H

#include "cases.h"
#include "req.h"

/* What a write came to. */
enum case_result {
    CASE_SAVED, CASE_INVALID, CASE_STALE, CASE_CLOSED, CASE_OPEN, CASE_FORBIDDEN,
    CASE_MISSING, CASE_DB,
};

int case_list(struct req *r);

/* /cases/pending: the user's open cases in working order (pending.c). */
int case_pending(struct req *r);

/* 1 when this user may see and work case id (Cases.agents_restricted). */
int case_visible(struct req *r, long long id);

/* The options of the case form (catalogs, areas, teams, staff). 1 or <0. */
int case_options(struct req *r);

/* Case id into Case.* (names), Form.* (values for the edit form), its
   history, and the form's options. 1 found, 0 not, <0 db failure. */
int case_load(struct req *r, long long id);

/* Case id with its names into Case.* only: what a new case's JSON answer
   carries. 1 found, 0 not, <0 db failure. */
int case_brief(struct req *r, long long id);

/* Copies the submitted case fields into Form.* (a refused form keeps them). */
void case_echo(struct req *r);

/* Registers a checked case: number, initial status, history, the initial
   note, and the requester saved as a customer when asked. The new id, or
   a negative db status. */
long long case_insert(struct req *r, struct case_values *cv, const char *note,
                      int save_requester, const char **number);

/* /cases/{id}/activities[/{item}[/delete]]: rest is the path after the id. */
int case_activities(struct req *r, long long id, const char *rest);

/* /cases/{id}/notes[/{note}/unlink|delete] and /cases/{id}/attachments. */
int case_notes(struct req *r, long long id, const char *rest);

/* POST /cases/{id}/manage: the management form (manage.c). */
int case_manage(struct req *r, long long id);

/* /cases/{id}/contact-data and /cases/{id}/accounts: add to the case's
   customer (an account is linked to the case too). */
int case_parties(struct req *r, long long id, const char *rest);

/* /cases/{id}/messages[/{message}]: GET the conversation, POST a message
   to the customer (messages.c). */
int case_messages(struct req *r, long long id, const char *rest);

/* POST /cases/{id}/merge: this case into another (merge.c). */
int case_merge(struct req *r, long long id);

/* The 409 of a stale edit: the case as it is now, with the changes the
   editor of version missed (cases.c). */
int case_stale(struct req *r, long long id, long long version);

enum case_result case_update(struct req *r, long long id, long long version,
                             struct field_error *fe);
enum case_result case_reassign(struct req *r, long long id, struct field_error *fe);
enum case_result case_close(struct req *r, long long id, struct field_error *fe);
/* Closes case id as status want (a closed status's code or id; "" CLO)
   with resolution: case_close's work, for the management form too. Inside
   a caller's transaction it joins it (a refusal rolls the whole one back). */
enum case_result case_close_as(struct req *r, long long id, const char *want,
                               const char *resolution, struct field_error *fe);
enum case_result case_reactivate(struct req *r, long long id, struct field_error *fe);

#endif
