/* Unit tests of what georepctl --json prints: D-Bus values mapped by
 * json-glib as georepctl's users have read them so far, and the options
 * of georepctl config. */
#include "georepctl-json.h"
#include "georepctl-options.h"

static void
assert_json (GVariant *value, const char *compact, const char *pretty)
{
  g_autoptr (JsonNode) node = ctl_json_from_variant (value);
  g_autofree char *one_line = ctl_json_to_text (node, FALSE);

  g_assert_cmpstr (one_line, ==, compact);
  if (pretty != NULL)
    {
      g_autofree char *indented = ctl_json_to_text (node, TRUE);

      g_assert_cmpstr (indented, ==, pretty);
    }
}

static void
assert_parsed_json (const char *text, const char *compact)
{
  assert_json (g_variant_new_parsed (text), compact, NULL);
}

/* Integers of any width as numbers, object paths as strings, a maybe as
 * null or its value, a variant as what it holds. */
static void
test_scalars (void)
{
  assert_parsed_json ("true", "true");
  assert_parsed_json ("byte 255", "255");
  assert_parsed_json ("int16 -32768", "-32768");
  assert_parsed_json ("uint32 4294967295", "4294967295");
  assert_parsed_json ("uint64 1700000000", "1700000000");
  assert_parsed_json ("1.5", "1.5");
  assert_parsed_json ("'q\"b\\\\s\\n'", "\"q\\\"b\\\\s\\n\"");
  assert_parsed_json ("'UTF-8: é'", "\"UTF-8: é\"");
  assert_parsed_json ("objectpath '/org/gluster/GeoReplication1'",
                      "\"/org/gluster/GeoReplication1\"");
  assert_parsed_json ("@ms nothing", "null");
  assert_parsed_json ("<<'nested'>>", "\"nested\"");
}

static void
test_containers (void)
{
  assert_parsed_json ("@as []", "[]");
  assert_parsed_json ("@a{sv} {}", "{}");
  assert_parsed_json ("(1, 'x', [true])", "[1,\"x\",[true]]");
  assert_parsed_json ("{'a': <1>, 'b': <'x'>}", "{\"a\":1,\"b\":\"x\"}");
  assert_parsed_json ("{'sync-jobs': '3'}", "{\"sync-jobs\":\"3\"}");
}

/* What georepctl status --json prints for a session (abridged): the
 * D-Bus property names as members, one line for pipes, indented for a
 * terminal. */
static void
test_session (void)
{
  assert_json (
      g_variant_new_parsed ("{'PrimaryVolume': <'pvol'>, "
                            "'Destination': <objectpath '/'>, "
                            "'Workers': <[{'status': <'Active'>, "
                            "'last-synced': <uint64 1700000000>}]>, "
                            "'Failures': <uint64 0>, "
                            "'Config': <@a{ss} {}>}"),
      "{\"PrimaryVolume\":\"pvol\",\"Destination\":\"/\","
      "\"Workers\":[{\"status\":\"Active\",\"last-synced\":1700000000}],"
      "\"Failures\":0,\"Config\":{}}",
      "{\n"
      "  \"PrimaryVolume\" : \"pvol\",\n"
      "  \"Destination\" : \"/\",\n"
      "  \"Workers\" : [\n"
      "    {\n"
      "      \"status\" : \"Active\",\n"
      "      \"last-synced\" : 1700000000\n"
      "    }\n"
      "  ],\n"
      "  \"Failures\" : 0,\n"
      "  \"Config\" : {  }\n"
      "}");
}

static char *
options_json (const char *effective, const char *set, const char *key)
{
  g_autoptr (GVariant) e =
      g_variant_ref_sink (g_variant_new_parsed (effective));
  g_autoptr (GVariant) s = g_variant_ref_sink (g_variant_new_parsed (set));
  g_autoptr (GVariant) merged =
      g_variant_ref_sink (ctl_options_merge (e, s, key));
  g_autoptr (JsonNode) node = ctl_json_options (merged);

  return ctl_json_to_text (node, FALSE);
}

/* Every effective option, sorted, each marked whether it is set; an
 * option set but not reported effective is still shown. */
static void
test_options (void)
{
  g_autofree char *all = options_json (
      "{'sync-jobs': '3', 'log-level': 'DEBUG', 'checkpoint': '0'}",
      "{'log-level': 'DEBUG', 'ignore-deletes': 'true'}", NULL);
  g_autofree char *one =
      options_json ("{'sync-jobs': '3', 'log-level': 'DEBUG'}",
                    "{'log-level': 'DEBUG'}", "sync-jobs");
  g_autofree char *none =
      options_json ("{'sync-jobs': '3'}", "@a{ss} {}", "no-such-option");
  g_autofree char *set_only =
      options_json ("{'log-level': 'INFO'}", "{'log-level': 'INFO'}", NULL);

  g_assert_cmpstr (all, ==,
                   "{\"checkpoint\":{\"value\":\"0\",\"set\":false},"
                   "\"ignore-deletes\":{\"value\":\"true\",\"set\":true},"
                   "\"log-level\":{\"value\":\"DEBUG\",\"set\":true},"
                   "\"sync-jobs\":{\"value\":\"3\",\"set\":false}}");
  g_assert_cmpstr (one, ==, "{\"sync-jobs\":{\"value\":\"3\",\"set\":false}}");
  g_assert_cmpstr (none, ==, "{}");
  g_assert_cmpstr (set_only, ==,
                   "{\"log-level\":{\"value\":\"INFO\",\"set\":true}}");
}

/* The effective value wins over the one recorded as set. */
static void
test_options_effective_wins (void)
{
  g_autofree char *text =
      options_json ("{'sync-jobs': '4'}", "{'sync-jobs': '5'}", NULL);

  g_assert_cmpstr (text, ==, "{\"sync-jobs\":{\"value\":\"4\",\"set\":true}}");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json-output/scalars", test_scalars);
  g_test_add_func ("/json-output/containers", test_containers);
  g_test_add_func ("/json-output/session", test_session);
  g_test_add_func ("/json-output/options", test_options);
  g_test_add_func ("/json-output/options-effective-wins",
                   test_options_effective_wins);
  return g_test_run ();
}
