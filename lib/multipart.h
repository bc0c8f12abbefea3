/* multipart.h: a streaming parser for multipart/form-data (RFC 7578). It keeps
   only a bounded window (how much of the boundary has matched so far, plus the
   headers of the current part, at most MP_MAX_HEADERS bytes), so bodies of any
   size pass through it; part content goes to the caller without being copied.

   What it accepts, and why:
   - The delimiter is CRLF "--" boundary; the first may start the body (no CRLF
     before it). A preamble before it and an epilogue after "--boundary--" are
     ignored. After a delimiter come optional spaces/tabs, then CRLF (next part)
     or "--" (the end). Anything else is MP_BAD: the boundary must not appear in
     content (RFC 2046), so "\r\n--boundaryX" is a broken body, not content.
   - Line ends are CRLF only. Browsers always send CRLF, and accepting a bare LF
     would make content ending in "\r" ambiguous; a body with LF-only lines is
     MP_BAD (its first delimiter line does not end with CRLF).
   - Each part's headers end with an empty line. Header names are case-insensitive,
     unknown headers are ignored. MP_BAD: a header block over MP_MAX_HEADERS bytes
     (counting its CRLFs and the empty line), a line without "name:", a folded
     (continued) line, control characters (NUL, bare CR or LF...), a part without
     "Content-Disposition: form-data" with a non-empty name, two Content-Disposition
     or two Content-Type headers, or a parameter given twice (ambiguous).
   - Quoted parameter values are taken literally up to the next '"': browsers do
     not backslash-escape (they send "C:\dir\a.pdf" raw and '"' as %22, CR and LF
     as %0D %0A, which are kept as they are).
   - Part content may hold anything: CR, LF, NUL, "--", pieces of the boundary. */
#ifndef ATIENDE_MULTIPART_H
#define ATIENDE_MULTIPART_H

#include <stddef.h>

#include "arena.h"

#define MP_MAX_HEADERS 8192     /* bytes of one part's header block */
#define MP_MAX_BOUNDARY 70      /* RFC 2046 */

enum mp_status { MP_OK = 0, MP_STOPPED = 1, MP_BAD = 2 };

/* The strings are NUL-terminated valid UTF-8 without control characters. They
   live in the parser and are valid until this part's part_end returns: copy
   them (arena_strdup) to keep them longer. */
struct mp_part {
    const char *name;          /* the form field (Content-Disposition name); never NULL nor "" */
    const char *filename;      /* NULL when the part is not a file (no filename parameter).
                                  Otherwise the last path part only ("C:\\x\\a.pdf" and
                                  "../a.pdf" -> "a.pdf"); filename*=UTF-8''%C3%B1.txt (RFC 5987)
                                  is decoded and wins over filename. "" when no file was chosen
                                  (browsers send filename="" with no content for an empty file
                                  input) and also when the name has no usable last part
                                  ("dir/", ".", ".."): skip such parts, or name the file yourself.
                                  A filename that is not valid UTF-8, or filename* in another
                                  charset, is MP_BAD. */
    const char *content_type;  /* the part's Content-Type, "" when absent */
};

/* Each callback may be NULL. A nonzero return stops the parser (MP_STOPPED).
   After MP_BAD or MP_STOPPED no callback runs again, so a part_begin may lack
   its part_end then: treat that part as abandoned. part_data is never called
   with n == 0, and data points into the caller's buffer (or the boundary). */
struct mp_callbacks {
    int (*part_begin)(void *ctx, const struct mp_part *p);
    int (*part_data)(void *ctx, const char *data, size_t n); /* a piece of the part's content */
    int (*part_end)(void *ctx);
};

struct mp_parser;

/* The boundary of a Content-Type header value ("multipart/form-data; boundary=xyz"
   or boundary="quoted value"), copied into a, or NULL when it is missing, empty,
   given twice, over MP_MAX_BOUNDARY chars, has characters outside RFC 2046's
   bchars (letters, digits, '()+_,-./:=? and inner spaces), or the type is not
   multipart/form-data. Type and parameter names are case-insensitive. */
const char *mp_boundary(struct arena *a, const char *content_type);

/* A parser whose memory (about 2 * MP_MAX_HEADERS) comes from a; cb is copied.
   NULL when the boundary is not one mp_boundary would return. */
struct mp_parser *mp_new(struct arena *a, const char *boundary,
                         const struct mp_callbacks *cb, void *ctx);

/* Feeds the next bytes of the body, in pieces of any size (1 byte at a time
   works). After MP_BAD or MP_STOPPED it returns the same status again. */
enum mp_status mp_feed(struct mp_parser *p, const char *data, size_t n);

/* The body ended: MP_OK only if the closing boundary ("--boundary--") was seen;
   a body cut short is MP_BAD. (MP_STOPPED stays MP_STOPPED.) */
enum mp_status mp_finish(struct mp_parser *p);

/* Why the parser gave MP_BAD (for the log, in English), or NULL when it did not. */
const char *mp_error(const struct mp_parser *p);

#endif
