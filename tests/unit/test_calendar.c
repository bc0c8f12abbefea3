/* test_calendar: business hours for escalation (lib/calendar.c), over a
   weekend and a holiday. Times in America/Bogota, the demo site's zone. */
#include <stdlib.h>
#include <time.h>

#include "calendar.h"
#include "t.h"

#define DAYS "1,2,3,4,5"

static time_t at(const char *s)
{
    struct tm tm = { 0 };
    strptime(s, "%Y-%m-%d %H:%M", &tm);
    tm.tm_isdst = -1;
    return mktime(&tm);
}

static const char *show(time_t t)
{
    static char out[32];
    strftime(out, sizeof out, "%Y-%m-%d %H:%M", localtime(&t));
    return out;
}

static void back(const char *now, long hours, const char *holidays, const char *want, const char *what)
{
    T_STR(show(business_cutoff(at(now), hours * 60, DAYS, "08:00", "18:00", holidays)), want, "%s", what);
}

int main(void)
{
    setenv("TZ", "America/Bogota", 1);
    tzset();
    back("2026-11-23 10:00", 2, "", "2026-11-23 08:00", "two business hours back from Monday 10:00 is Monday 08:00");
    back("2026-11-23 10:00", 3, "", "2026-11-20 17:00", "three hours back crosses the weekend to Friday 17:00");
    back("2026-11-23 10:00", 3, "2026-11-20", "2026-11-19 17:00", "...and skips a Friday holiday to Thursday 17:00");
    back("2026-11-22 12:00", 1, "", "2026-11-20 17:00", "on a Sunday, one hour back is Friday 17:00");
    back("2026-11-23 07:00", 1, "", "2026-11-20 17:00", "before opening, the hours are Friday's");
    back("2026-11-23 20:00", 10, "", "2026-11-23 08:00", "after closing, Monday's ten hours reach 08:00");
    back("2026-11-23 10:00", 12, "", "2026-11-20 08:00", "twelve hours from Monday 10:00 reach Friday 08:00");
    T_OK(business_cutoff(at("2026-11-23 10:00"), 60, DAYS, "18:00", "08:00", "") == at("2026-11-23 09:00"),
         "a calendar that makes no sense falls back to clock hours");
    return t_done();
}
