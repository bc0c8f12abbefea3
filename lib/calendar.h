/* calendar.h: business hours (Calendar.* in the configuration: working days,
   the working day's start and end in the site's time, holidays), for
   escalation rules that count working hours instead of clock hours. */
#ifndef ATIENDE_CALENDAR_H
#define ATIENDE_CALENDAR_H

#include <time.h>

/* The latest moment t such that the working time between t and now is at
   least minutes: a case opened at or before it has been open that long in
   business hours. Local time follows TZ (the site's). */
time_t business_cutoff(time_t now, long minutes, const char *days, const char *start,
                       const char *end, const char *holidays);

#endif
