/* Unit tests of the cleaning of text from outside (common/gr-text.c):
 * what comes out is valid UTF-8, one line, bounded, and as close to what
 * went in as that allows. */
#include <json-glib/json-glib.h>
#include <string.h>

#include "gr-text.h"

#define REPLACEMENT "\xef\xbf\xbd" /* U+FFFD */

static void
assert_clean (const char *in, gsize len, gsize max, const char *expected)
{
  g_autofree char *out = gr_text_clean_len (in, len, max);

  g_assert_cmpstr (out, ==, expected);
  g_assert_true (g_utf8_validate (out, -1, NULL));
  g_assert_cmpuint (strlen (out), <=, max);
  g_assert_true (gr_text_is_clean (out, max));
}

/* Literals may hold NUL bytes: their length is their size. */
#define ASSERT_CLEAN(in, max, expected)                                        \
  assert_clean (in, sizeof (in) - 1, max, expected)

static void
test_clean (void)
{
  g_assert_null (gr_text_clean (NULL, 16));
  ASSERT_CLEAN ("plain text", 64, "plain text");
  ASSERT_CLEAN ("gr\xc3\xbc\xc3\x9f", 64, "gr\xc3\xbc\xc3\x9f");
  /* Invalid bytes, NUL bytes and lone surrogates (CESU) are replaced. */
  ASSERT_CLEAN ("a\xff"
                "b",
                64, "a" REPLACEMENT "b");
  ASSERT_CLEAN ("a\0b", 64, "a" REPLACEMENT "b");
  ASSERT_CLEAN ("\xed\xb0\x80", 64, REPLACEMENT REPLACEMENT REPLACEMENT);
  /* Controls, C1 controls and line separators become spaces. */
  ASSERT_CLEAN ("line\nforged: CRITICAL\r\t\x1b[31m", 64,
                "line forged: CRITICAL   [31m");
  ASSERT_CLEAN ("x\xc2\x85y\xe2\x80\xa8z", 64, "x y z");
  /* Bidi overrides and isolates (RLO, PDF, LRI, PDI) too. */
  ASSERT_CLEAN ("a\xe2\x80\xae"
                "cba\xe2\x80\xac\xe2\x81\xa6"
                "b\xe2\x81\xa9",
                64, "a cba  b ");
  /* Bounded, cut at a character boundary with an ellipsis. */
  ASSERT_CLEAN ("abcdefghij", 8, "abcde\xe2\x80\xa6");
  ASSERT_CLEAN ("abcdefgh", 8, "abcdefgh");
  ASSERT_CLEAN ("\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc", 8,
                "\xc3\xbc\xc3\xbc\xe2\x80\xa6");
  g_assert_false (gr_text_is_clean ("a\nb", 64));
  g_assert_false (gr_text_is_clean ("a\xff", 64));
  g_assert_false (gr_text_is_clean ("abcdefghij", 8));
}

static void
test_clean_long (void)
{
  g_autofree char *big = g_strnfill (1 << 20, '\xff');
  g_autofree char *out = gr_text_clean (big, GR_TEXT_MESSAGE_MAX);

  g_assert_cmpuint (strlen (out), <=, GR_TEXT_MESSAGE_MAX);
  g_assert_true (g_utf8_validate (out, -1, NULL));
}

static char *
parsed_string (const char *json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  gsize len = 0;
  g_autofree char *fixed = gr_text_json_fix (json, strlen (json), &len);
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, fixed, (gssize) len, &error);
  g_assert_no_error (error);
  return g_strdup (json_object_get_string_member (
      json_node_get_object (json_parser_get_root (parser)), "a"));
}

static void
test_json_fix (void)
{
  g_autofree char *lone_low = parsed_string ("{\"a\": \"x\\udc00y\"}");
  g_autofree char *lone_high = parsed_string ("{\"a\": \"\\ud800\"}");
  g_autofree char *high_then_x = parsed_string ("{\"a\": \"\\ud800\\u0041\"}");
  g_autofree char *pair = parsed_string ("{\"a\": \"\\ud83d\\ude00\"}");
  g_autofree char *bytes = parsed_string ("{\"a\": \"\xff\xfe\"}");
  g_autofree char *backslash = parsed_string ("{\"a\": \"\\\\udc00\"}");

  g_assert_cmpstr (lone_low, ==, "x" REPLACEMENT "y");
  g_assert_cmpstr (lone_high, ==, REPLACEMENT);
  g_assert_cmpstr (high_then_x, ==, REPLACEMENT "A");
  g_assert_cmpstr (pair, ==, "\xf0\x9f\x98\x80");
  g_assert_cmpstr (bytes, ==, REPLACEMENT REPLACEMENT);
  /* An escaped backslash before "udc00" is text, left alone. */
  g_assert_cmpstr (backslash, ==, "\\udc00");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/text/clean", test_clean);
  g_test_add_func ("/text/clean-long", test_clean_long);
  g_test_add_func ("/text/json-fix", test_json_fix);
  return g_test_run ();
}
