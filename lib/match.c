/* match.c: scoring a customer on file against typed customer data —
   names compared word by word (order, accents, case and small typos do not
   matter), documents, e-mails and phones exactly. */
#include "match.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* U+00C0-U+017F without their marks; '#' is a letter of two (see digraph),
   ' ' a sign (× ÷). Generated from Unicode's decompositions. */
static const char latin[] =
    "aaaaaa#ceeeeiiiidnooooo ouuuuy##aaaaaa#ceeeeiiiidnooooo ouuuuy#y"
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii##jjkkkllllllllll"
    "nnnnnnnnnoooooo##rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

static const char *digraph(unsigned cp)
{
    switch (cp) {
    case 0xC6: case 0xE6: return "ae";
    case 0xDE: case 0xFE: return "th";
    case 0xDF: return "ss";
    case 0x132: case 0x133: return "ij";
    default: return "oe";       /* U+0152, U+0153 */
    }
}

/* The code point at s (its length in *len); invalid UTF-8 is one byte, 0xFFFD. */
static unsigned decode(const unsigned char *s, int *len)
{
    if (s[0] < 0x80) {
        *len = 1;
        return s[0];
    }
    int n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
    unsigned cp = n == 2 ? s[0] & 0x1F : n == 3 ? s[0] & 0x0F : s[0] & 0x07;
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            n = 0;
            break;
        }
        cp = cp << 6 | (s[i] & 0x3F);
    }
    *len = n ? n : 1;
    return n ? cp : 0xFFFD;
}

/* What a code point becomes: letters folded, signs a blank (" "), other
   scripts' letters kept as they are (NULL: copy the bytes). */
static const char *fold_cp(unsigned cp, char *buf)
{
    if (cp < 0x80) {
        buf[0] = isalnum((int)cp) ? (char)tolower((int)cp) : ' ';
        buf[1] = '\0';
        return buf;
    }
    if (cp >= 0xC0 && cp < 0x180) {
        char c = latin[cp - 0xC0];
        if (c == '#') {
            return digraph(cp);
        }
        buf[0] = c, buf[1] = '\0';
        return buf;
    }
    /* Latin-1 signs (¡ ¿ « » ·), general punctuation (’ “ ” –), invalid bytes */
    if (cp < 0xC0 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0xFFFD) {
        return " ";
    }
    return NULL;
}

size_t match_fold(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    int blank = 1;      /* no blank at the start, nor two in a row */
    if (cap == 0) {
        return 0;
    }
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p;) {
        int len;
        char buf[2];
        const char *f = fold_cp(decode(p, &len), buf);
        size_t flen = f ? strlen(f) : (size_t)len;
        if (f && *f == ' ') {
            if (!blank && n + 1 < cap) {
                out[n++] = ' ';
            }
            blank = 1;
        } else if (n + flen < cap) {
            memcpy(out + n, f ? f : (const char *)p, flen);
            n += flen;
            blank = 0;
        }
        p += len;
    }
    if (n > 0 && out[n - 1] == ' ') {
        n--;
    }
    out[n] = '\0';
    return n;
}

/* Words that join names rather than tell them apart. */
static int particle(const char *w)
{
    static const char *const list[] = { "de", "del", "la", "las", "los", "y", "e", "da", "das",
                                        "do", "dos", "van", "von", "der" };
    for (size_t i = 0; i < sizeof list / sizeof *list; i++) {
        if (strcmp(w, list[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Splits a name into its folded words, particles left out; min: the
   shortest word kept (in bytes). Words are cut at MATCH_WORD_MAX bytes, on
   a character boundary. */
static int split(const char *name, char words[][MATCH_WORD_MAX + 1], int max, size_t min)
{
    char folded[1024], *save = NULL;
    int n = 0;
    match_fold(name, folded, sizeof folded);
    for (char *w = strtok_r(folded, " ", &save); w && n < max; w = strtok_r(NULL, " ", &save)) {
        size_t len = strlen(w);
        if (len > MATCH_WORD_MAX) {
            len = MATCH_WORD_MAX;
            while (len > 0 && ((unsigned char)w[len] & 0xC0) == 0x80) {
                len--;
            }
            w[len] = '\0';
        }
        if (len >= min && !particle(w)) {
            memcpy(words[n++], w, len + 1);
        }
    }
    return n;
}

int match_words(const char *name, char words[][MATCH_WORD_MAX + 1], int max)
{
    char all[MATCH_WORDS_MAX][MATCH_WORD_MAX + 1];
    int n = split(name, all, MATCH_WORDS_MAX, 2), out = 0;
    for (int i = 0; i < n && out < max; i++) {
        int seen = 0;
        for (int j = 0; j < out && !seen; j++) {
            seen = strcmp(words[j], all[i]) == 0;
        }
        if (!seen) {
            memcpy(words[out++], all[i], sizeof all[i]);
        }
    }
    return out;
}

int match_distance(const char *a, const char *b)
{
    int la = (int)strlen(a), lb = (int)strlen(b);
    int d[MATCH_WORD_MAX + 1][MATCH_WORD_MAX + 1];
    la = la > MATCH_WORD_MAX ? MATCH_WORD_MAX : la;
    lb = lb > MATCH_WORD_MAX ? MATCH_WORD_MAX : lb;
    for (int i = 0; i <= la; i++) {
        d[i][0] = i;
    }
    for (int j = 0; j <= lb; j++) {
        d[0][j] = j;
    }
    for (int i = 1; i <= la; i++) {
        for (int j = 1; j <= lb; j++) {
            int cost = a[i - 1] != b[j - 1];
            int best = d[i - 1][j - 1] + cost;
            best = d[i - 1][j] + 1 < best ? d[i - 1][j] + 1 : best;
            best = d[i][j - 1] + 1 < best ? d[i][j - 1] + 1 : best;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best) {
                best = d[i - 2][j - 2] + 1;     /* two letters swapped */
            }
            d[i][j] = best;
        }
    }
    return d[la][lb];
}

/* 0-100 for two folded words: one minus the typos per letter; an initial
   ("j") counts 60 against a word it begins; below 60 is another word. */
static int word_similarity(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if ((la == 1 || lb == 1) && la != lb) {
        return a[0] == b[0] ? 60 : 0;
    }
    size_t longest = la > lb ? la : lb;
    int sim = longest ? (int)(100 - 100 * (size_t)match_distance(a, b) / longest) : 0;
    return sim >= 60 ? sim : 0;
}

int match_name(const char *a, const char *b)
{
    char wa[MATCH_WORDS_MAX][MATCH_WORD_MAX + 1], wb[MATCH_WORDS_MAX][MATCH_WORD_MAX + 1];
    int na = split(a, wa, MATCH_WORDS_MAX, 1), nb = split(b, wb, MATCH_WORDS_MAX, 1);
    int sim[MATCH_WORDS_MAX][MATCH_WORDS_MAX], used_a[MATCH_WORDS_MAX] = { 0 };
    int used_b[MATCH_WORDS_MAX] = { 0 }, sum = 0;
    if (na == 0 || nb == 0) {
        return na ? 0 : -1;
    }
    for (int i = 0; i < na; i++) {
        for (int j = 0; j < nb; j++) {
            sim[i][j] = word_similarity(wa[i], wb[j]);
        }
    }
    /* pair the most alike words first, each word once */
    for (;;) {
        int bi = -1, bj = -1, best = 0;
        for (int i = 0; i < na; i++) {
            for (int j = 0; j < nb; j++) {
                if (!used_a[i] && !used_b[j] && sim[i][j] > best) {
                    best = sim[i][j], bi = i, bj = j;
                }
            }
        }
        if (bi < 0) {
            break;
        }
        used_a[bi] = used_b[bj] = 1;
        sum += best;
    }
    /* mostly how much of the first name was found; a little how much of
       the second was accounted for (a missing second surname costs less
       than a wrong one) */
    return (int)((70L * sum / na + 30L * sum / nb + 50) / 100);
}

/* A document as compared: letters and digits only, upper case. */
static void doc_key(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    for (; s && *s && n + 1 < cap; s++) {
        if (isalnum((unsigned char)*s)) {
            out[n++] = (char)toupper((unsigned char)*s);
        }
    }
    out[n] = '\0';
}

/* The next item of a list separated by blanks, commas or semicolons:
   its start and length; 0 at the end. */
static size_t next_item(const char **s, const char **item, const char *seps)
{
    const char *p = *s ? *s : "";
    p += strspn(p, seps);
    size_t n = strcspn(p, seps);
    *item = p;
    *s = p + n;
    return n;
}

static int email_match(const char *q, const char *c)
{
    const char *a, *b, *qs = q;
    size_t la, lb;
    while ((la = next_item(&qs, &a, " \t,;"))) {
        const char *cs = c;
        while ((lb = next_item(&cs, &b, " \t,;"))) {
            if (la == lb && strncasecmp(a, b, la) == 0) {
                return 1;
            }
        }
    }
    return 0;
}

/* The digits of a phone (what people type around them is dropped). */
static size_t digits(const char *s, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n + 1 < cap; i++) {
        if (isdigit((unsigned char)s[i])) {
            out[n++] = s[i];
        }
    }
    out[n] = '\0';
    return n;
}

/* The same last digits: ten when both have as many (a national number,
   with or without country code), else all of the shorter one, at least
   seven (a fixed line without its area code). */
static int same_phone(const char *a, size_t la, const char *b, size_t lb)
{
    size_t n = la < lb ? la : lb;
    n = n > 10 ? 10 : n;
    return n >= 7 && strcmp(a + la - n, b + lb - n) == 0;
}

static int phone_match(const char *q, const char *c)
{
    const char *a, *b, *qs = q;
    size_t la, lb;
    char da[40], db[40];
    /* a number is typed with blanks inside ("300 123 4567"): only commas
       and semicolons separate the criteria's numbers */
    while ((la = next_item(&qs, &a, ",;"))) {
        const char *cs = c;
        size_t na = digits(a, la, da, sizeof da);
        while ((lb = next_item(&cs, &b, " ,;"))) {
            size_t nb = digits(b, lb, db, sizeof db);
            if (na && nb && same_phone(da, na, db, nb)) {
                return 1;
            }
        }
    }
    return 0;
}

static int given(const char *s, const char *seps)
{
    return s && s[strspn(s, seps)] != '\0';
}

int match_asked(const struct match_data *q)
{
    static const struct match_data none = { "", "", "", "" };
    struct match_result r;
    match_score(q, &none, &r);
    return r.doc != MATCH_UNASKED || r.email != MATCH_UNASKED || r.phone != MATCH_UNASKED ||
           r.name >= 0;
}

void match_score(const struct match_data *q, const struct match_data *c, struct match_result *out)
{
    char dq[64], dc[64];
    long sum = 0, weight = 0;
    doc_key(q->doc, dq, sizeof dq);
    doc_key(c->doc, dc, sizeof dc);
    out->doc = !*dq ? MATCH_UNASKED : !*dc ? MATCH_UNKNOWN : strcmp(dq, dc) == 0;
    out->email = !given(q->emails, " \t,;") ? MATCH_UNASKED
               : !given(c->emails, " \t,;") ? MATCH_UNKNOWN : email_match(q->emails, c->emails);
    out->phone = !given(q->phones, " \t,;") ? MATCH_UNASKED
               : !given(c->phones, " \t,;") ? MATCH_UNKNOWN : phone_match(q->phones, c->phones);
    out->name = match_name(q->name, c->name);
    const int parts[][2] = {
        { out->doc, MATCH_W_DOC }, { out->email, MATCH_W_EMAIL }, { out->phone, MATCH_W_PHONE },
    };
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        int v = parts[i][0];
        if (v != MATCH_UNASKED) {
            sum += (long)(v == MATCH_YES ? 100 : v == MATCH_UNKNOWN ? MATCH_UNKNOWN_CREDIT : 0) * parts[i][1];
            weight += parts[i][1];
        }
    }
    if (out->name >= 0) {
        sum += (long)out->name * MATCH_W_NAME;
        weight += MATCH_W_NAME;
    }
    out->score = weight ? (int)((sum + weight / 2) / weight) : 0;
}
