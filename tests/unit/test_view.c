/* test_view: JSON rendering of the view model in lib/view.c (json_string, view_json, view_str/int/bool/list). */
#include <limits.h>
#include <string.h>

#include "view.h"
#include "t.h"

static struct arena *A;

static const char *js(const char *s)
{
    struct sbuf b;
    sbuf_init(&b, A);
    json_string(&b, s);
    return b.s;
}

static void test_json_string(void)
{
    T_STR(js("hola"), "\"hola\"", "plain string");
    T_STR(js(""), "\"\"", "empty string");
    T_STR(js(NULL), "\"\"", "NULL is an empty string");
    T_STR(js("a\"b"), "\"a\\\"b\"", "quote escaped");
    T_STR(js("a\\b"), "\"a\\\\b\"", "backslash escaped");
    T_STR(js("\\\""), "\"\\\\\\\"\"", "backslash then quote");
    T_STR(js("l1\nl2\r\tx"), "\"l1\\nl2\\r\\tx\"", "\\n \\r \\t escaped");
    T_STR(js("\x01\x08\x0c\x1b\x1f"), "\"\\u0001\\u0008\\u000c\\u001b\\u001f\"",
          "other control characters as \\u00XX");
    T_STR(js("<script>&</script>"), "\"\\u003cscript\\u003e\\u0026\\u003c/script\\u003e\"",
          "< > & escaped as \\u003c \\u003e \\u0026");
    T_STR(js("' / ~ \x7f"), "\"' / ~ \x7f\"", "' / ~ and DEL pass through");
    T_STR(js("Se\xC3\xB1or \xE2\x82\xAC \xF0\x9F\x98\x80"), "\"Se\xC3\xB1or \xE2\x82\xAC \xF0\x9F\x98\x80\"",
          "UTF-8 passes through");

    struct sbuf b;
    sbuf_init(&b, A);
    sbuf_adds(&b, "x=");
    json_string(&b, "y");
    T_STR(b.s, "x=\"y\"", "json_string appends");
}

static struct req new_req(void)
{
    struct req r = { 0 };
    r.a = A;
    hdf_init(&r.hdf);
    return r;
}

static const char *to_json(struct req *r)
{
    struct sbuf b;
    sbuf_init(&b, A);
    view_json(&b, r->hdf);
    return b.s;
}

static void test_view_json(void)
{
    struct req r = new_req();
    T_STR(to_json(&r), "{}", "empty view model -> {}");
    hdf_destroy(&r.hdf);

    r = new_req();
    view_str(&r, "Hola", "title");
    view_int(&r, 42, "count");
    view_int(&r, -7, "neg");
    view_int(&r, 0, "zero");
    view_int(&r, LLONG_MAX, "max");
    view_bool(&r, 1, "yes");
    view_bool(&r, 0, "no");
    view_bool(&r, 5, "five");
    view_str(&r, "42", "numstr");
    view_str(&r, NULL, "nul");
    view_str(&r, "", "empty");
    T_STR(to_json(&r),
          "{\"title\":\"Hola\",\"count\":42,\"neg\":-7,\"zero\":0,\"max\":9223372036854775807,"
          "\"yes\":true,\"no\":false,\"five\":true,\"numstr\":\"42\",\"nul\":\"\",\"empty\":\"\"}",
          "strings quoted, numbers unquoted, booleans true/false, in insertion order");
    hdf_destroy(&r.hdf);

    r = new_req();
    view_str(&r, "Atiende", "Site.name");
    view_int(&r, 3, "User.id");
    view_str(&r, "ana", "User.login");
    view_bool(&r, 1, "User.is_admin");
    view_str(&r, "deep", "A.b.c.d");
    T_STR(to_json(&r),
          "{\"Site\":{\"name\":\"Atiende\"},\"User\":{\"id\":3,\"login\":\"ana\",\"is_admin\":true},"
          "\"A\":{\"b\":{\"c\":{\"d\":\"deep\"}}}}",
          "nested objects");
    hdf_destroy(&r.hdf);

    r = new_req();
    view_list(&r, "Empty");
    view_list(&r, "Tickets");
    for (int i = 0; i < 3; i++) {
        view_int(&r, 100 + i, "Tickets.%d.id", i);
        view_str(&r, i == 1 ? "Impresora \"rota\"" : "ok", "Tickets.%d.subject", i);
        view_bool(&r, i == 2, "Tickets.%d.closed", i);
    }
    view_list(&r, "Tags");
    view_str(&r, "a", "Tags.0");
    view_int(&r, 2, "Tags.1");
    view_bool(&r, 0, "Tags.2");
    view_str(&r, "x", "Later.0");
    view_list(&r, "Later");                  /* marked after its items exist */
    view_list(&r, "Obj.inner");
    T_STR(to_json(&r),
          "{\"Empty\":[],"
          "\"Tickets\":[{\"id\":100,\"subject\":\"ok\",\"closed\":false},"
          "{\"id\":101,\"subject\":\"Impresora \\\"rota\\\"\",\"closed\":false},"
          "{\"id\":102,\"subject\":\"ok\",\"closed\":true}],"
          "\"Tags\":[\"a\",2,false],"
          "\"Later\":[\"x\"],"
          "\"Obj\":{\"inner\":[]}}",
          "lists are arrays (empty ones too), items may be objects or scalars");
    hdf_destroy(&r.hdf);

    r = new_req();
    view_list(&r, "L");
    for (int i = 0; i < 12; i++) {
        view_int(&r, i, "L.%d", i);
    }
    T_STR(to_json(&r), "{\"L\":[0,1,2,3,4,5,6,7,8,9,10,11]}", "a list keeps its items in order past 10");
    hdf_destroy(&r.hdf);

    r = new_req();
    hdf_set_value(r.hdf, "Config.VarEscapeMode", "html");
    view_str(&r, "v", "Page.x");
    hdf_set_value(r.hdf, "hdf.loadpaths.0", "templates");
    view_str(&r, "w", "Page.y");
    T_STR(to_json(&r), "{\"Page\":{\"x\":\"v\",\"y\":\"w\"}}", "top-level Config and hdf nodes are omitted");
    hdf_destroy(&r.hdf);

    r = new_req();
    hdf_set_value(r.hdf, "Config.VarEscapeMode", "html");
    T_STR(to_json(&r), "{}", "only a Config node -> {}");
    hdf_destroy(&r.hdf);

    r = new_req();
    view_str(&r, "<b>&\"\\\n\x01\xC3\xB1", "S");
    view_str(&r, "x", "we<ird");
    T_STR(to_json(&r), "{\"S\":\"\\u003cb\\u003e\\u0026\\\"\\\\\\n\\u0001\xC3\xB1\",\"we\\u003cird\":\"x\"}",
          "values and names are escaped");
    view_str(&r, "again", "S");
    T_STR(to_json(&r), "{\"S\":\"again\",\"we\\u003cird\":\"x\"}", "setting a name again replaces its value");
    view_int(&r, 5, "S");
    T_STR(to_json(&r), "{\"S\":5,\"we\\u003cird\":\"x\"}", "view_int over a string makes it a number");
    hdf_destroy(&r.hdf);
}

int main(void)
{
    A = arena_new();
    test_json_string();
    test_view_json();
    arena_free(A);
    return t_done();
}
