/* mime.h: a parser for raw e-mail (RFC 5322 headers, MIME bodies: RFC 2045-2047,
   2231) that keeps what a helpdesk needs: who wrote, the thread ids, the text,
   the attachments. The whole message is in memory (mail comes from IMAP whole).

   What comes out, and why:
   - Every string is NUL-terminated valid UTF-8, allocated in the arena (none
     points into raw, so raw may be freed at once). Header strings hold no
     control characters. text and html hold no NUL nor CR (line ends are LF)
     and no other control character but tab and LF.
   - Charsets: utf-8 with bad bytes gets U+FFFD for each; no charset or
     us-ascii is UTF-8 when it is valid, else windows-1252 (what sloppy mailers
     really send); iso-8859-1 is read as windows-1252, its superset (as browsers
     do); an unknown charset is read as windows-1252 too rather than refused;
     anything else goes through iconv.
   - Tolerated, as real clients do it: LF-only or mixed line ends, a missing
     final line end, preamble and epilogue around multipart bodies, spaces after
     a boundary, lower-case hex in quoted-printable, base64 split by any
     whitespace or restarting after '=' padding, an mbox "From " line first,
     a part (not the message) whose header block has no blank line after it.
   - Refused (-1): see mime_parse. A refused message is not half-read: the
     caller keeps the raw bytes and shows why. */
#ifndef ATIENDE_MIME_H
#define ATIENDE_MIME_H

#include <stddef.h>

#include "arena.h"

/* The header block of the message or of one part, in bytes (line ends counted).
   The fuzz build lowers it so inputs of a few KiB reach it. */
#ifndef MIME_MAX_HEADER_BYTES
#define MIME_MAX_HEADER_BYTES (64 * 1024)
#endif
#define MIME_MAX_DEPTH 10       /* multiparts inside multiparts */
#define MIME_MAX_PARTS 200      /* body parts in all, at any depth */
#define MIME_MAX_NAME 255       /* bytes of a file name (cut at a character) */

struct mime_file {
    const char *name;          /* UTF-8 file name (RFC 2231/2047 decoded, path parts stripped); "" if none */
    const char *content_type;  /* lower case "type/subtype" */
    const char *data;          /* decoded bytes (base64 / quoted-printable undone); NUL after them */
    size_t len;
};

struct mime_message {
    const char *message_id;    /* without <>; NULL if missing */
    const char *in_reply_to;   /* first msg-id, without <>; NULL if missing */
    const char *references;    /* the References msg-ids with their <>, space-separated; NULL if none */
    const char *from_addr;     /* lower-cased addr-spec of From; NULL if unparseable */
    const char *from_name;     /* display name, UTF-8 decoded; "" if none */
    const char *reply_to;      /* addr-spec of Reply-To (lower-cased) or NULL */
    const char *to;            /* raw decoded To header, "" if none */
    const char *subject;       /* UTF-8 (RFC 2047 decoded, unfolded); "" if none */
    const char *date;          /* raw Date header or NULL */
    const char *auto_submitted;/* Auto-Submitted value or NULL */
    const char *precedence;    /* Precedence value (lower case) or NULL */
    int list;                  /* 1 when List-Id or List-Unsubscribe is present */
    const char *text;          /* the body as UTF-8 plain text: the text/plain part, else the
                                  HTML part turned into text (mime_html_text), "" if none.
                                  Unnamed inline text parts of a multipart/mixed (a list's
                                  footer, Apple Mail's text around an image) are joined to
                                  it with a blank line; of an alternative only the first
                                  of each kind counts. An empty text/plain gives way to
                                  the HTML one. */
    const char *html;          /* the text/html part as UTF-8, NULL if none (kept, never shown raw) */
    struct mime_file *files;   /* attachments (Content-Disposition attachment, or any non-text
                                  leaf part with a name, inline images with a name too, and
                                  message/rfc822 parts as "mensaje.eml"), in message order.
                                  A text part with a name is a file too. Unnamed inline
                                  non-text parts (tracking pixels, signature logos) are dropped. */
    int nfiles;
};

/* Parses raw (len bytes, CRLF or LF line ends, may contain NUL) into m, everything allocated in a.
   0 when fine; -1 when malformed, with *why a short English reason (and m zeroed):
   "empty message", "no header/body separator" (a line that is no header
   before any blank line), "header too long" (a header block over
   MIME_MAX_HEADER_BYTES), "multipart without boundary", "unterminated multipart"
   (the closing boundary never comes), "nesting too deep", "too many parts",
   "bad base64" (a character outside the alphabet, '=' and whitespace).
   Never reads past len; never crashes. why may be NULL. */
int mime_parse(struct arena *a, const char *raw, size_t len, struct mime_message *m, const char **why);

/* HTML to readable plain text (UTF-8 in, UTF-8 out; bad bytes become U+FFFD):
   drops <script>/<style>/<head>/<title> content and comments, turns <br>, </p>,
   </div>, </li>, </tr>, headings and the other blocks into line breaks, <li>
   into "- ", decodes the common entities (&amp; &lt; &gt; &quot; &#39; &nbsp;
   &aacute;… numeric &#NNN; &#xHH;), collapses white space as a browser does
   (not inside <pre>) and runs of blank lines into one. The result is text:
   templates escape it when shown. */
char *mime_html_text(struct arena *a, const char *html, size_t len);

/* RFC 2047 encoded-words in a header value (B and Q, any charset iconv knows)
   to UTF-8. White space between two encoded-words goes; adjacent words in one
   charset are joined before converting (a character may be split between
   them). A malformed word stays as it is. Control characters become spaces;
   a value that is not UTF-8 is read as windows-1252. NULL gives "". */
char *mime_decode_header(struct arena *a, const char *value);

#endif
