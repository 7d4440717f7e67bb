/* georepd: the schedule expressions of sync windows (gr-schedule-spec.h). */
#include <string.h>

#include "gr-error.h"
#include "gr-schedule-spec.h"

#define ALL_DAYS 0x7f

static const char *const day_names[] = { "Mon", "Tue", "Wed", "Thu",
                                         "Fri", "Sat", "Sun" };

static gboolean
refuse (GError **error, const char *text, const char *why)
{
  g_set_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
               "Invalid schedule \"%s\": %s", text, why);
  return FALSE;
}

static int
day_index (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (day_names); i++)
    if (g_ascii_strcasecmp (name, day_names[i]) == 0)
      return (int) i;
  return -1;
}

/* "Mon", "Mon..Fri" or a comma list of either. */
static gboolean
parse_weekdays (const char *text, guint8 *days)
{
  g_auto (GStrv) items = g_strsplit (text, ",", -1);

  *days = 0;
  for (guint i = 0; items[i]; i++)
    {
      g_auto (GStrv) range = g_strsplit (items[i], "..", 2);
      int from = day_index (range[0]);
      int to = range[1] ? day_index (range[1]) : from;

      if (from < 0 || to < from)
        return FALSE;
      for (int d = from; d <= to; d++)
        *days |= (guint8) (1u << d);
    }
  return *days != 0;
}

/* A number 0..@max or '*' (-1). */
static gboolean
parse_field (const char *text, int max, int *value)
{
  guint64 number;

  if (g_str_equal (text, "*"))
    {
      *value = -1;
      return TRUE;
    }
  if (strlen (text) < 1 || strlen (text) > 2 ||
      !g_ascii_string_to_unsigned (text, 10, 0, (guint64) max, &number, NULL))
    return FALSE;
  *value = (int) number;
  return TRUE;
}

static gboolean
parse_time (const char *text, GrScheduleSpec *spec)
{
  g_auto (GStrv) parts = g_strsplit (text, ":", -1);
  guint n = g_strv_length (parts);

  spec->second = 0;
  return (n == 2 || n == 3) && parse_field (parts[0], 23, &spec->hour) &&
         parse_field (parts[1], 59, &spec->minute) &&
         (n == 2 || parse_field (parts[2], 59, &spec->second));
}

static gboolean
parse_interval (const char *text, GrScheduleSpec *spec, GError **error)
{
  static const struct {
    const char *unit;
    guint64 seconds;
  } units[] = { { "s", 1 },     { "sec", 1 },    { "m", 60 },
                { "min", 60 },  { "h", 3600 },   { "hour", 3600 },
                { "d", 86400 }, { "day", 86400 } };
  const char *number = text + strlen ("every");
  char *end = NULL;
  guint64 count;

  while (*number == ' ')
    number++;
  count = g_ascii_strtoull (number, &end, 10);
  while (end && *end == ' ')
    end++;
  for (guint i = 0; end != number && i < G_N_ELEMENTS (units); i++)
    if (g_str_equal (end, units[i].unit) && count > 0 &&
        count <= GR_SCHEDULE_INTERVAL_MAX / units[i].seconds)
      {
        spec->interval = count * units[i].seconds;
        if (spec->interval >= GR_SCHEDULE_INTERVAL_MIN)
          return TRUE;
      }
  return refuse (error, text,
                 "an interval is \"every N\" and a unit (s, min, h, day), "
                 "10 seconds to 30 days");
}

static const struct {
  const char *name;
  GrScheduleSpec spec;
} shorthands[] = {
  { "minutely", { 0, ALL_DAYS, -1, -1, 0 } },
  { "hourly", { 0, ALL_DAYS, -1, 0, 0 } },
  { "daily", { 0, ALL_DAYS, 0, 0, 0 } },
  { "weekly", { 0, 1, 0, 0, 0 } },
};

/* "[WEEKDAYS] [*-*-*] HH:MM[:SS]" */
static gboolean
parse_calendar (const char *text, GrScheduleSpec *spec, GError **error)
{
  g_auto (GStrv) words = g_strsplit (text, " ", -1);
  guint n = g_strv_length (words), i = 0;

  spec->weekdays = ALL_DAYS;
  if (n > 1 && !g_str_equal (words[0], "*-*-*"))
    {
      if (!parse_weekdays (words[i++], &spec->weekdays))
        return refuse (error, text,
                       "weekdays are Mon…Sun, a list (Mon,Wed) or a range "
                       "(Mon..Fri)");
    }
  if (i < n - 1 && g_str_equal (words[i], "*-*-*"))
    i++;
  if (i != n - 1 || !parse_time (words[i], spec))
    return refuse (error, text,
                   "expected hourly, daily, weekly, minutely, \"every N "
                   "min\" or \"[Mon..Fri] [*-*-*] HH:MM[:SS]\"");
  return TRUE;
}

gboolean
gr_schedule_spec_parse (const char *text, GrScheduleSpec *spec, GError **error)
{
  memset (spec, 0, sizeof *spec);
  if (text == NULL || *text == '\0' || strlen (text) > GR_SCHEDULE_SPEC_MAX ||
      !g_str_is_ascii (text))
    return refuse (error, text ? text : "", "empty, too long or not ASCII");
  for (guint i = 0; i < G_N_ELEMENTS (shorthands); i++)
    if (g_str_equal (text, shorthands[i].name))
      {
        *spec = shorthands[i].spec;
        return TRUE;
      }
  if (g_str_has_prefix (text, "every"))
    return parse_interval (text, spec, error);
  return parse_calendar (text, spec, error);
}

static gboolean
matches (int field, int value)
{
  return field < 0 || field == value;
}

/* The first second of @day (local midnight) at or after which the spec
 * matches, after @after; -1 when none that day. */
static gint64
first_in_day (const GrScheduleSpec *spec, GDateTime *day, gint64 after)
{
  for (int h = 0; h < 24; h++)
    for (int m = 0; matches (spec->hour, h) && m < 60; m++)
      for (int s = 0; matches (spec->minute, m) && s < 60; s++)
        {
          g_autoptr (GDateTime) at = NULL;

          if (!matches (spec->second, s))
            continue;
          at = g_date_time_add_full (day, 0, 0, 0, h, m, s);
          if (at != NULL && g_date_time_to_unix (at) > after)
            return g_date_time_to_unix (at);
        }
  return -1;
}

static gint64
next_calendar (const GrScheduleSpec *spec, gint64 now)
{
  g_autoptr (GDateTime) local = g_date_time_new_from_unix_local (now);
  g_autoptr (GDateTime) midnight = g_date_time_new_local (
      g_date_time_get_year (local), g_date_time_get_month (local),
      g_date_time_get_day_of_month (local), 0, 0, 0);

  for (int d = 0; d <= 7; d++)
    {
      g_autoptr (GDateTime) day = g_date_time_add_days (midnight, d);
      int weekday = g_date_time_get_day_of_week (day) - 1;
      gint64 at;

      if (!(spec->weekdays & (1u << weekday)))
        continue;
      if ((at = first_in_day (spec, day, now)) >= 0)
        return at;
    }
  return now + 7 * 86400; /* not reached for a parsed spec */
}

gint64
gr_schedule_spec_next (const GrScheduleSpec *spec,
                       gint64 now,
                       gint64 last_start)
{
  if (spec->interval == 0)
    return next_calendar (spec, now);
  if (last_start <= 0)
    return now + (gint64) spec->interval;
  return MAX (last_start + (gint64) spec->interval, now + 1);
}
