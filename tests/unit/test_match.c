/* Unit tests for lib/match.c: folding, words, distances, names and scores. */
#include "match.h"
#include "t.h"

static const char *fold(const char *s)
{
    static char out[256];
    match_fold(s, out, sizeof out);
    return out;
}

static struct match_result score(const char *qname, const char *qdoc, const char *qemail,
                                 const char *qphone, const char *cname, const char *cdoc,
                                 const char *cemail, const char *cphone)
{
    struct match_data q = { qname, qdoc, qemail, qphone }, c = { cname, cdoc, cemail, cphone };
    struct match_result r;
    match_score(&q, &c, &r);
    return r;
}

int main(void)
{
    /* folding */
    T_STR(fold("José Pérez-Gómez"), "jose perez gomez", "accents, case and hyphens fold");
    T_STR(fold("  MUÑOZ,  Ñoño  "), "munoz nono", "ñ becomes n; blanks and commas collapse");
    T_STR(fold("Güell Çelik Øster Straße Æon Œuvre"), "guell celik oster strasse aeon oeuvre",
          "ü ç ø ß æ œ fold");
    T_STR(fold("Łukasz Dvořák Ŝ"), "lukasz dvorak s", "Latin Extended-A folds");
    T_STR(fold("O’Brien «Ana» ¿María?"), "o brien ana maria", "typographic signs are blanks");
    T_STR(fold("Δήμος"), "Δήμος", "letters of other scripts are kept");
    T_STR(fold("a\xff" "b"), "a b", "an invalid byte is a blank");
    T_STR(fold(NULL), "", "NULL folds to empty");
    char tiny[5];
    match_fold("Ángela", tiny, sizeof tiny);
    T_STR(tiny, "ange", "folding stops at the buffer's end");

    /* words for the candidate search */
    char w[MATCH_WORDS_MAX][MATCH_WORD_MAX + 1];
    int n = match_words("María de la Torre y TORRE J.", w, MATCH_WORDS_MAX);
    T_OK(n == 2, "particles, initials and repeats are left out (%d words)", n);
    T_STR(w[0], "maria", "...first word");
    T_STR(w[1], "torre", "...second word");
    n = match_words("Ñ", w, MATCH_WORDS_MAX);
    T_OK(n == 0, "a lone letter gives no word");
    n = match_words("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaáá", w, 1);
    T_OK(n == 1 && strlen(w[0]) == MATCH_WORD_MAX, "a long word is cut at %d bytes", MATCH_WORD_MAX);
    n = match_words("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaΔ", w, 1);
    T_OK(n == 1 && strlen(w[0]) == MATCH_WORD_MAX - 1, "...never inside a character");
    n = match_words("uno dos tres cuatro cinco seis", w, 3);
    T_OK(n == 3, "at most max words");

    /* distances */
    T_OK(match_distance("fernanda", "fernada") == 1, "a missing letter is one edit");
    T_OK(match_distance("lopez", "lpoez") == 1, "two swapped letters are one edit");
    T_OK(match_distance("perez", "gomez") == 3, "perez/gomez are three edits");
    T_OK(match_distance("", "abc") == 3, "from nothing: one edit per letter");

    /* names */
    T_OK(match_name("Jose Perez Gomez", "Pérez Gómez José") == 100,
         "reordered names with accents are the same name (%d)",
         match_name("Jose Perez Gomez", "Pérez Gómez José"));
    int typo = match_name("Maria Fernanda Lopez", "María Fernada López");
    T_OK(typo >= 90 && typo < 100, "a typo costs a little (%d)", typo);
    int unrelated = match_name("Carlos Ramírez Díaz", "Jose Perez Gomez");
    T_OK(unrelated < 20, "an unrelated name scores low (%d)", unrelated);
    int shorter = match_name("Jose Perez", "José Pérez Gómez");
    T_OK(shorter >= 85 && shorter < 100, "a missing second surname costs a little (%d)", shorter);
    int extra = match_name("Jose Perez Gomez", "José Pérez");
    T_OK(extra < shorter && extra >= 60, "a surname not on file costs more (%d)", extra);
    int initial = match_name("J. Perez", "José Pérez");
    T_OK(initial > 70 && initial < 100, "an initial counts part (%d)", initial);
    T_OK(match_name("de la", "José") == -1, "a name of particles only has no words");
    T_OK(match_name("José", "") == 0, "against no name: 0");

    /* scores */
    struct match_result r = score("Jose Perez", "", "", "", "José Pérez", "", "", "");
    T_OK(r.score == 100 && r.name == 100, "names only: the same name scores 100 (%d)", r.score);
    T_OK(r.doc == MATCH_UNASKED && r.email == MATCH_UNASKED && r.phone == MATCH_UNASKED,
         "...and the parts not asked say so");
    r = score("Pedro Ramírez", "1.020.345", "", "", "Luis Gómez", "1020345", "", "");
    struct match_result namesake = score("Pedro Ramírez", "1.020.345", "", "", "Pedro Ramírez",
                                         "555666", "", "");
    T_OK(r.doc == MATCH_YES && r.score > namesake.score,
         "the exact document outranks a namesake with another (%d > %d)", r.score, namesake.score);
    r = score("Pedro Ramírez", "", "PEDRO@Example.com", "", "Luis Gómez", "",
              "otro@x.co, pedro@example.com", "");
    namesake = score("Pedro Ramírez", "", "PEDRO@Example.com", "", "Pedro Ramírez", "",
                     "pedro.r@otro.co", "");
    T_OK(r.email == MATCH_YES && namesake.email == MATCH_NO && r.score > namesake.score,
         "an e-mail (any case, among several) outranks a namesake (%d > %d)", r.score, namesake.score);
    r = score("Pedro Ramírez", "", "", "+57 300 123-4567", "Luis Gómez", "", "", "3001234567");
    namesake = score("Pedro Ramírez", "", "", "+57 300 123-4567", "Pedro Ramírez", "", "", "3009999999");
    T_OK(r.phone == MATCH_YES && r.score > namesake.score,
         "a phone with country code matches it without, and outranks a namesake (%d > %d)",
         r.score, namesake.score);
    r = score("", "", "", "601 234 5678", "", "", "", "3002345678");
    T_OK(r.phone == MATCH_NO, "two national numbers sharing their last seven digits differ");
    r = score("", "", "", "601 234 5678", "", "", "", "2345678");
    T_OK(r.phone == MATCH_YES, "a fixed line stored without its area code matches");
    r = score("", "", "", "4567", "", "", "", "3001234567");
    T_OK(r.phone == MATCH_NO, "four digits are not a phone match");
    r = score("", "", "", "601 234 5678, 311 000 0000", "", "", "", "6012345678");
    T_OK(r.phone == MATCH_YES, "a number among several criteria matches");
    r = score("", "CC 1020345", "", "", "", "", "", "");
    T_OK(r.doc == MATCH_UNKNOWN && r.score == MATCH_UNKNOWN_CREDIT,
         "a document against none on file: unknown, a quarter (%d)", r.score);
    r = score("", "CC 1020345", "", "", "", "555666", "", "");
    T_OK(r.doc == MATCH_NO && r.score == 0, "against another document: no match, 0");
    r = score("Pedro Ramírez", "1020345", "", "", "Luis Gómez", "1020345", "", "");
    namesake = score("Pedro Ramírez", "1020345", "", "", "Pedro Ramírez", "", "", "");
    T_OK(r.score > namesake.score,
         "the document's owner outranks a namesake without a document (%d > %d)", r.score, namesake.score);
    r = score("Pedro Ramírez", "", "p@x.co", "", "Pedro Ramos", "", "p@x.co", "");
    namesake = score("Pedro Ramírez", "", "p@x.co", "", "Pedro Ramírez", "", "", "");
    struct match_result other = score("Pedro Ramírez", "", "p@x.co", "", "Pedro Ramírez", "", "q@x.co", "");
    T_OK(r.score > namesake.score && namesake.score > other.score,
         "e-mail matched > none on file > another e-mail (%d > %d > %d)", r.score, namesake.score,
         other.score);
    r = score("Ana", "1020345", "a@b.co", "3001234567", "Ana", "1020345", "a@b.co", "3001234567");
    T_OK(r.score == 100, "everything matching scores 100 (%d)", r.score);
    r = score("Maria Fernanda Lopez", "", "", "", "María Fernada López", "", "", "");
    T_OK(r.score == r.name && r.score >= 90, "names only: the score is the name's (%d)", r.score);

    struct match_data empty = { " ", "..", " , ", "" }, some = { "", "", "", "300" };
    T_OK(!match_asked(&empty), "blanks and signs ask nothing");
    T_OK(match_asked(&some), "a phone alone asks something");
    return t_done();
}
