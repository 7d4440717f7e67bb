/* georepd: when a session's sync window runs (Session.SetSchedule). A
 * small, documented subset of systemd.time(7)'s calendar events, plus
 * intervals:
 *
 *   every N(s|sec|m|min|h|hour|d|day)   every N after the last run began
 *                                       (10 s to 30 days)
 *   minutely, hourly, daily, weekly     as systemd: *-*-* *:*:00,
 *                                       *-*-* *:00:00, *-*-* 00:00:00,
 *                                       Mon *-*-* 00:00:00
 *   [WEEKDAYS] [*-*-*] HH:MM[:SS]       WEEKDAYS: Mon, Mon,Wed or Mon..Fri
 *                                       (English three-letter names);
 *                                       HH, MM and SS a number or '*'
 *
 * Calendar times are in the machine's local time zone, as systemd's. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GR_SCHEDULE_INTERVAL_MIN 10
#define GR_SCHEDULE_INTERVAL_MAX (30 * 24 * 3600)
#define GR_SCHEDULE_SPEC_MAX 64

typedef struct {
  guint64 interval; /* seconds; 0 for a calendar event */
  guint8 weekdays;  /* bit 0 Monday … bit 6 Sunday */
  int hour;         /* -1: any */
  int minute;       /* -1: any */
  int second;       /* -1: any */
} GrScheduleSpec;

/* INVALID_ARGUMENT in @error with what is wrong. */
gboolean
gr_schedule_spec_parse (const char *text, GrScheduleSpec *spec, GError **error);

/* The next run after @now (Unix seconds): for an interval, @last_start +
 * interval (no earlier than @now + 1) or @now + interval when it never
 * ran (@last_start 0); for a calendar event, the first matching second
 * after @now, local time. */
gint64 gr_schedule_spec_next (const GrScheduleSpec *spec,
                              gint64 now,
                              gint64 last_start);

G_END_DECLS
