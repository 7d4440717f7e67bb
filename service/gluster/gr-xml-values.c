/* georepd: the values inside gluster's XML answers (gr-xml-values.h). */
#include <string.h>

#include "gr-error.h"
#include "gr-validate.h"
#include "gr-xml-values.h"

guint64
gr_xml_parse_uint64 (const char *text)
{
  guint64 value = 0;

  if (text == NULL ||
      !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, &value, NULL))
    return 0;
  return value;
}

/* Exactly "YYYY-MM-DD HH:MM:SS": a number parser alone would accept signs,
 * spaces and trailing junk. */
static gboolean
has_time_shape (const char *text)
{
  static const char shape[] = "dddd-dd-dd dd:dd:dd";

  if (strlen (text) != sizeof shape - 1)
    return FALSE;
  for (gsize i = 0; shape[i]; i++)
    if (shape[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != shape[i])
      return FALSE;
  return TRUE;
}

/* The number in the @len digits at @text, which has_time_shape() let
 * through. */
static int
digits (const char *text, int len)
{
  int value = 0;

  for (int i = 0; i < len; i++)
    value = value * 10 + (text[i] - '0');
  return value;
}

/* GDate's day number of 1970-01-01 (0001-01-01 is day 1). */
#define UNIX_EPOCH_JULIAN 719163

/* This runs for every worker on every refresh: plain arithmetic on a
 * GDate on the stack, where sscanf() and a GDateTime cost as much as the
 * rest of the worker did. The ranges are those g_date_time_new_utc() takes.
 * gsyncd formats these with utcfromtimestamp(), whatever the TZ. */
guint64
gr_xml_parse_time (const char *text)
{
  GDate date;
  int year, month, day, hour, minute, second;
  gint64 days;

  if (text == NULL || !has_time_shape (text))
    return 0;
  year = digits (text, 4);
  month = digits (text + 5, 2);
  day = digits (text + 8, 2);
  hour = digits (text + 11, 2);
  minute = digits (text + 14, 2);
  second = digits (text + 17, 2);
  if (!g_date_valid_dmy (day, month, year) || hour > 23 || minute > 59 ||
      second > 59)
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  days = (gint64) g_date_get_julian (&date) - UNIX_EPOCH_JULIAN;
  if (days < 0)
    return 0;
  return (guint64) (days * 86400 + hour * 3600 + minute * 60 + second);
}

gboolean
gr_xml_is_name (const char *text)
{
  if (text == NULL || *text == '\0' || *text == '-')
    return FALSE;
  for (const char *p = text; *p; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      return FALSE;
  return TRUE;
}

char *
gr_xml_host (const char *text)
{
  gsize len = text ? strlen (text) : 0;
  g_autofree char *host = NULL;

  if (len > 2 && text[0] == '[' && text[len - 1] == ']')
    host = g_strndup (text + 1, len - 2);
  else
    host = g_strdup (text);
  if (!gr_validate_host (host, NULL))
    return NULL;
  return g_steal_pointer (&host);
}

gboolean
gr_xml_parse_op_int (const char *name,
                     const char *text,
                     int *value,
                     GError **error)
{
  gint64 number = 0;

  if (text != NULL && *text != '\0' &&
      !g_ascii_string_to_signed (text, 10, G_MININT, G_MAXINT, &number, NULL))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                   "Unexpected gluster output: <%s> is not a number", name);
      return FALSE;
    }
  *value = (int) number;
  return TRUE;
}
