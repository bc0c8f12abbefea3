/* match.h: how much a customer on file looks like the data someone typed
   (S5, "Buscar coincidencias"). Pure C, no database: the customers screen
   finds the candidates (cgi-bin/customers/match.c), this scores them. */
#ifndef ATIENDE_MATCH_H
#define ATIENDE_MATCH_H

#include <stddef.h>

#define MATCH_WORD_MAX 40       /* bytes of a folded word; longer words are cut */
#define MATCH_WORDS_MAX 12      /* words of a name; the rest are ignored */

/* What is known of a person: the typed criteria or a candidate on file.
   Any field may be NULL or "". */
struct match_data {
    const char *name;       /* all the names and surnames, in any order */
    const char *doc;        /* document number, as typed or stored */
    const char *emails;     /* one or more e-mails, separated by blanks or commas */
    const char *phones;     /* phone numbers separated by commas (typed: blanks may be inside
                               a number) or, on file, also by blanks */
};

/* The verdict per part the criteria had: the same (YES), another on file
   (NO), or none on file (UNKNOWN); UNASKED when the criteria lacked it. */
enum { MATCH_UNASKED = -1, MATCH_NO = 0, MATCH_YES = 1, MATCH_UNKNOWN = 2 };

struct match_result {
    int score;              /* 0-100: the weighted share of the asked parts that matched */
    int name;               /* 0-100 similarity of the names; -1 when no name was asked */
    int doc, email, phone;  /* MATCH_YES, MATCH_NO, MATCH_UNKNOWN or MATCH_UNASKED */
};

/* The weights of the parts asked: a document or an e-mail identify a
   person best, then a phone (shared in a household), then the names
   (namesakes are common). A part the candidate has nothing on file for
   earns a quarter of its weight: below a match, above a contradiction. */
enum { MATCH_W_DOC = 40, MATCH_W_EMAIL = 35, MATCH_W_PHONE = 25, MATCH_W_NAME = 20 };
#define MATCH_UNKNOWN_CREDIT 25

/* Scores candidate c against the criteria q. */
void match_score(const struct match_data *q, const struct match_data *c, struct match_result *out);

/* 1 when q has something to compare: a document, an e-mail, a phone or a
   name word. */
int match_asked(const struct match_data *q);

/* Folds s for comparing names: Latin letters without accents (á -> a,
   ñ -> n, ü -> u, ß -> ss), lower case, every other punctuation or blank a
   single space, no space at the ends. Writes at most cap bytes with the
   NUL; returns the length. */
size_t match_fold(const char *s, char *out, size_t cap);

/* The words of a name that find candidates: folded, at least two letters,
   not a particle (de, del, la, y ...), each once. Returns how many were
   written to words (at most max). */
int match_words(const char *name, char words[][MATCH_WORD_MAX + 1], int max);

/* 0-100: how alike name b is to name a, ignoring word order, accents and
   case, tolerant of typos (each word paired with its most similar one);
   -1 when a has no words. */
int match_name(const char *a, const char *b);

/* Damerau-Levenshtein (optimal string alignment) distance of two byte strings. */
int match_distance(const char *a, const char *b);

#endif
