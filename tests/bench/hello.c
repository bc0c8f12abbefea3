/* hello: the ceiling of the benchmarks (DESIGN §8, shared/stack.md §2.5).
   The smallest FastCGI program there is: the accept loop and a tiny
   text/html page, nothing else (no database, no template, no parsing).
   tests/bench/run serves it behind the same nginx as the screens, at
   /bench/hello, and every page's requests/s is read as a ratio to it.
   Built into build/bench/hello; never routed in production. */
#include <fcgiapp.h>

int main(void)
{
    static const char page[] =
        "Status: 200 OK\r\n"
        "Content-Type: text/html; charset=utf-8\r\n"
        "\r\n"
        "<!doctype html><title>hello</title><p>hello</p>\n";
    FCGX_Request r;
    if (FCGX_Init() != 0 || FCGX_InitRequest(&r, 0, 0) != 0) {
        return 1;
    }
    while (FCGX_Accept_r(&r) >= 0) {
        FCGX_PutStr(page, (int)sizeof page - 1, r.out);
        FCGX_Finish_r(&r);
    }
    return 0;
}
