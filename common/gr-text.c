/* georepd: cleaning of text from outside.
 *
 * A string an SSH server, gluster or a status file wrote can hold any
 * bytes. Invalid UTF-8 makes GVariant refuse it (a D-Bus property or
 * error) and json-glib refuse the file it was saved in; control
 * characters forge log lines; and its length is the sender's choice. So
 * each such string is cleaned once, where it enters georepd. */
#include <string.h>

#include "gr-text.h"

#define ELLIPSIS "\xe2\x80\xa6" /* U+2026 */

/* The bidirectional embeddings, overrides and isolates (U+202A..U+202E,
 * U+2066..U+2069): they make a text read in another order than it is
 * written ("Trojan Source"). */
static gboolean
is_bidi_control (gunichar c)
{
  return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

static gboolean
is_control (gunichar c)
{
  /* Cc (C0, DEL, C1), the Unicode line and paragraph separators, which
   * end a line for some log readers, and the bidi controls. */
  return g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029 ||
         is_bidi_control (c);
}

/* @valid: valid UTF-8, controls each replaced by a space. */
static GString *
without_controls (const char *valid)
{
  GString *out = g_string_sized_new (strlen (valid) + 1);

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    if (is_control (g_utf8_get_char (p)))
      g_string_append_c (out, ' ');
    else
      g_string_append_len (out, p, g_utf8_next_char (p) - p);
  return out;
}

/* Cut at a character boundary so that the text and an ellipsis fit. */
static void
shorten (GString *text, gsize max)
{
  const char *cut = text->str + (max - strlen (ELLIPSIS));

  /* The first byte of a character is never 10xxxxxx. */
  while (cut > text->str && (*cut & 0xc0) == 0x80)
    cut--;
  g_string_truncate (text, cut - text->str);
  g_string_append (text, ELLIPSIS);
}

char *
gr_text_clean_len (const char *text, gsize len, gsize max)
{
  g_autofree char *valid = NULL;
  GString *out;

  g_return_val_if_fail (max > strlen (ELLIPSIS), NULL);
  if (text == NULL)
    return NULL;
  /* g_utf8_make_valid also replaces NUL bytes, which it counts invalid
   * within @len. */
  valid = g_utf8_make_valid (text, (gssize) len);
  out = without_controls (valid);
  if (out->len > max)
    shorten (out, max);
  return g_string_free (out, FALSE);
}

char *
gr_text_clean (const char *text, gsize max)
{
  if (text == NULL)
    return NULL;
  return gr_text_clean_len (text, strlen (text), max);
}

gboolean
gr_text_is_clean (const char *text, gsize max)
{
  g_autofree char *clean = gr_text_clean (text, max);

  return g_strcmp0 (clean, text) == 0;
}

/* The value of the 4 hex digits at @p, or -1. */
static int
hex4 (const char *p, const char *end)
{
  int value = 0;

  if (end - p < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

static gboolean
is_high_surrogate (int unit)
{
  return unit >= 0xd800 && unit <= 0xdbff;
}

static gboolean
is_low_surrogate (int unit)
{
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/* Copies the escape at @p (a backslash) to @out; returns its length.
 * Backslashes occur only inside strings in JSON, so no tokenizer is
 * needed to know that this is an escape. */
static gsize
copy_escape (GString *out, const char *p, const char *end)
{
  int unit = p + 1 < end && p[1] == 'u' ? hex4 (p + 2, end) : -1;

  if (unit < 0)
    {
      gsize n = MIN ((gsize) (end - p), 2);

      g_string_append_len (out, p, n);
      return n;
    }
  if (is_high_surrogate (unit) && end - p >= 12 && p[6] == '\\' &&
      p[7] == 'u' && is_low_surrogate (hex4 (p + 8, end)))
    {
      g_string_append_len (out, p, 12);
      return 12;
    }
  if (is_high_surrogate (unit) || is_low_surrogate (unit))
    g_string_append (out, "\\ufffd");
  else
    g_string_append_len (out, p, 6);
  return 6;
}

char *
gr_text_json_fix (const char *data, gsize len, gsize *out_len)
{
  g_autofree char *valid = g_utf8_make_valid (data, (gssize) len);
  const char *end = valid + strlen (valid);
  GString *out = g_string_sized_new (end - valid + 1);

  for (const char *p = valid; p < end;)
    {
      const char *slash = memchr (p, '\\', end - p);

      if (slash == NULL)
        slash = end;
      g_string_append_len (out, p, slash - p);
      p = slash;
      if (p < end)
        p += copy_escape (out, p, end);
    }
  *out_len = out->len;
  return g_string_free (out, FALSE);
}
