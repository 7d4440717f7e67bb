/* georepd: reading one line of gsyncd.log (gr-gsyncd-log.h). */
#include <stdio.h>
#include <string.h>

#include "gr-gsyncd-log.h"

#define ELLIPSIS "…"

static void
replace_controls (GString *text)
{
  for (gsize i = 0; i < text->len; i++)
    {
      guchar c = (guchar) text->str[i];

      if (c < 0x20 || c == 0x7f)
        text->str[i] = ' ';
    }
}

/* Also removes the C1 controls (U+0080–U+009F), which terminals obey. */
static GString *
without_c1 (const char *valid)
{
  GString *out = g_string_new (NULL);

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x80 && c <= 0x9f)
        g_string_append_c (out, ' ');
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return out;
}

char *
gr_gsyncd_clean (const char *text, gssize len, gsize max)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", len);
  g_autoptr (GString) out = without_c1 (valid);
  gsize keep;

  replace_controls (out);
  if (out->len <= max)
    return g_string_free (g_steal_pointer (&out), FALSE);
  g_assert (max > strlen (ELLIPSIS));
  keep = max - strlen (ELLIPSIS);
  /* Cut at a character boundary: back up over continuation bytes. */
  while (keep > 0 && ((guchar) out->str[keep] & 0xc0) == 0x80)
    keep--;
  g_string_truncate (out, keep);
  g_string_append (out, ELLIPSIS);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

void
gr_gsyncd_line_free (GrGsyncdLine *line)
{
  if (line == NULL)
    return;
  g_free (line->brick);
  g_free (line->message);
  g_free (line);
}

/* "2026-12-01 10:00:00.123456" (the fraction being microseconds, not
 * zero-padded) → Unix µs; 0 when it does not read. */
static gint64
parse_time (const char *stamp)
{
  int year, month, day, hour, minute, second, used = 0;
  guint64 micro = 0;
  g_autoptr (GDateTime) time = NULL;

  if (sscanf (stamp, "%4d-%2d-%2d %2d:%2d:%2d%n", &year, &month, &day, &hour,
              &minute, &second, &used) != 6)
    return 0;
  if (stamp[used] == '.')
    micro = MIN (g_ascii_strtoull (stamp + used + 1, NULL, 10), 999999);
  time = g_date_time_new_utc (year, month, day, hour, minute, second);
  if (time == NULL)
    return 0;
  return g_date_time_to_unix (time) * G_USEC_PER_SEC + (gint64) micro;
}

static gboolean
parse_level (char letter, GrGsyncdLevel *level)
{
  static const char letters[] = "DIWEC";
  const char *at = letter ? strchr (letters, letter) : NULL;

  if (at == NULL)
    return FALSE;
  *level = (GrGsyncdLevel) (at - letters);
  return TRUE;
}

/* "monitor", "worker /b", "agent /b", "/b" (the oldest releases). */
static void
parse_role (const char *role, GrGsyncdLine *line)
{
  const char *brick = NULL;

  if (g_str_equal (role, "monitor"))
    line->role = GR_GSYNCD_ROLE_MONITOR;
  else if (g_str_has_prefix (role, "worker "))
    brick = role + strlen ("worker ");
  else if (g_str_has_prefix (role, "agent "))
    brick = role + strlen ("agent ");
  else if (role[0] == '/')
    brick = role;
  if (brick != NULL)
    {
      line->role = GR_GSYNCD_ROLE_WORKER;
      line->brick = gr_gsyncd_clean (brick, -1, GR_GSYNCD_MESSAGE_MAX);
    }
}

/* The part inside "[module(role):line:function]": the role, or "" when
 * the module has none. NULL when the part does not look like that. */
static char *
extract_role (const char *origin, gsize len)
{
  const char *open = memchr (origin, '(', len);
  const char *close;

  if (open == NULL)
    return memchr (origin, ':', len) ? g_strdup ("") : NULL;
  /* A brick path may hold ')': the role ends at the last "):". */
  close = g_strrstr_len (origin, len, "):");
  if (close == NULL || close < open)
    return NULL;
  return g_strndup (open + 1, close - open - 1);
}

/* "context: message" → "message", when the context is one word (a class
 * name or "<top>"). */
static const char *
skip_context (const char *text)
{
  const char *colon = strstr (text, ": ");

  if (colon == NULL || memchr (text, ' ', colon - text) != NULL)
    return text;
  return colon + 2;
}

/* The bracketed origin ends at the first "] " after its last "):",
 * since a brick path may hold "] " too. */
static const char *
origin_end (const char *origin)
{
  const char *role_end = strstr (origin, "):");

  return strstr (role_end ? role_end : origin, "] ");
}

static GrGsyncdLine *
parse_body (const char *text, gint64 time, GrGsyncdLevel level)
{
  g_autoptr (GrGsyncdLine) line = g_new0 (GrGsyncdLine, 1);
  const char *origin = text + 1;
  const char *end;
  g_autofree char *role = NULL;

  if (text[0] != '[' || (end = origin_end (origin)) == NULL)
    return NULL;
  role = extract_role (origin, end - origin);
  if (role == NULL)
    return NULL;
  line->time = time;
  line->level = level;
  parse_role (role, line);
  line->message =
      gr_gsyncd_clean (skip_context (end + 2), -1, GR_GSYNCD_MESSAGE_MAX);
  if (line->brick == NULL && line->role == GR_GSYNCD_ROLE_MONITOR)
    line->brick = gr_gsyncd_field (line->message, "brick");
  return g_steal_pointer (&line);
}

GrGsyncdLine *
gr_gsyncd_line_parse (const char *text, gssize len)
{
  g_autofree char *copy = NULL;
  const char *stamp_end;
  GrGsyncdLevel level;

  if (text == NULL)
    return NULL;
  copy = len < 0 ? g_strdup (text) : g_strndup (text, len);
  if (copy[0] != '[' || (stamp_end = strstr (copy, "] ")) == NULL)
    return NULL;
  /* "] L [": a one-letter level between the stamp and the origin. */
  if (!parse_level (stamp_end[2], &level) || stamp_end[3] != ' ')
    return NULL;
  return parse_body (stamp_end + 4, parse_time (copy + 1), level);
}

char *
gr_gsyncd_field (const char *message, const char *key)
{
  g_autofree char *open = g_strconcat ("{", key, "=", NULL);
  const char *start = message ? strstr (message, open) : NULL;
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen (open);
  /* A value may hold "}" (a path); the field ends at "}, {" or "}]". */
  end = strstr (start, "}, {");
  if (end == NULL)
    end = strstr (start, "}]");
  if (end == NULL)
    end = strchr (start, '}');
  if (end == NULL)
    return NULL;
  return gr_gsyncd_clean (start, end - start, GR_GSYNCD_MESSAGE_MAX);
}
