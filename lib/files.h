/* files.h: storing uploaded files (bytes once per sha256) and serving them. */
#ifndef ATIENDE_FILES_H
#define ATIENDE_FILES_H

#include "req.h"

/* Stores an uploaded file as an attachment of note_id: its bytes go to
   file_contents once per distinct sha256. Inside the caller's transaction.
   The attachment's id, or a negative db status. */
long long file_attach(struct req *r, const struct upload *u, long long note_id);

/* Deletes the file contents no attachment refers to any more. */
long long file_forget_unused(void);

/* Answers the attachment's bytes as a download (Content-Type checked,
   Content-Disposition: attachment with the UTF-8 file name; app.c adds
   nosniff to every answer). The
   caller has checked who may see it. Returns the status. */
int file_send(struct req *r, long long attachment_id);

#endif
