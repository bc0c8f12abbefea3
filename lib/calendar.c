/* calendar.c: walking back from now through the working hours of each day
   until the minutes are used up. Monotonic in its input, so "open at least
   H business hours" becomes "opened before one cutoff time", a condition
   the database answers with an index like a clock-hours rule. */
#include "calendar.h"

#include <stdio.h>
#include <string.h>

/* "08:30" -> 510; -1 when malformed. */
static int minutes_of(const char *hhmm)
{
    int h, m;
    return hhmm && sscanf(hhmm, "%d:%d", &h, &m) == 2 && h >= 0 && h <= 24 && m >= 0 && m < 60
           ? h * 60 + m : -1;
}

static int working_day(const struct tm *day, const char *days, const char *holidays)
{
    char iso[11], dow[2] = { (char)('0' + (day->tm_wday == 0 ? 7 : day->tm_wday)), '\0' };
    strftime(iso, sizeof iso, "%Y-%m-%d", day);
    return strstr(days, dow) != NULL && !(holidays && strstr(holidays, iso));
}

time_t business_cutoff(time_t now, long minutes, const char *days, const char *start,
                       const char *end, const char *holidays)
{
    int from = minutes_of(start), to = minutes_of(end);
    if (from < 0 || to <= from || !days || !*days) {
        return now - minutes * 60;      /* no usable calendar: clock hours */
    }
    struct tm day;
    localtime_r(&now, &day);
    for (int back = 0; back < 3660; back++) {   /* ten years of days at most */
        struct tm d = day;
        d.tm_mday -= back;
        d.tm_hour = d.tm_min = d.tm_sec = 0;
        d.tm_isdst = -1;
        time_t midnight = mktime(&d);
        if (!working_day(&d, days, holidays)) {
            continue;
        }
        time_t open = midnight + from * 60, close = midnight + to * 60;
        if (close > now) {
            close = now;
        }
        if (close <= open) {
            continue;
        }
        long here = (long)(close - open) / 60;
        if (here >= minutes) {
            return close - minutes * 60;
        }
        minutes -= here;
    }
    return now - minutes * 60;
}
