/* Unit tests of georepctl's JSON writer: it must print what json-glib
 * printed before it, byte for byte, compact and pretty. */
#include <json-glib/json-glib.h>

#include "georepctl-json.h"

static char *
json_glib_text (JsonNode *node, gboolean pretty)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, pretty);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static void
assert_same_as_json_glib (GVariant *value)
{
  g_autoptr (GVariant) owned = g_variant_ref_sink (value);
  g_autoptr (JsonNode) node = json_gvariant_serialize (owned);

  for (int pretty = 0; pretty <= 1; pretty++)
    {
      g_autoptr (CtlJson) json = ctl_json_new (pretty);
      g_autofree char *expected = json_glib_text (node, pretty);

      ctl_json_add_variant (json, owned);
      g_assert_cmpstr (ctl_json_get_text (json), ==, expected);
    }
}

/* Each of @texts, NULL-terminated, in GVariant's text format. */
static void
assert_parsed_same (const char *const *texts)
{
  for (guint i = 0; texts[i] != NULL; i++)
    assert_same_as_json_glib (g_variant_new_parsed (texts[i]));
}

static void
test_scalars (void)
{
  const char *const texts[] = {
    "true",
    "false",
    "byte 255",
    "int16 -32768",
    "uint16 65535",
    "-7",
    "uint32 4294967295",
    "int64 -9223372036854775808",
    "uint64 18446744073709551615",
    "uint64 9223372036854775807",
    "handle 3",
    "1.0",
    "0.1",
    "-2.5e-300",
    "1e300",
    "''",
    "'plain'",
    "objectpath '/org/gluster/GeoReplication1/sessions/p_h_s'",
    "signature 'a{sv}'",
    NULL,
  };

  assert_parsed_same (texts);
}

static void
test_strings (void)
{
  char controls[33];

  for (int c = 1; c <= 32; c++)
    controls[c - 1] = (char) c;
  controls[32] = '\0';
  assert_same_as_json_glib (g_variant_new_string (controls));
  assert_same_as_json_glib (g_variant_new_string ("q\"b\\s/d\x7f"));
  assert_same_as_json_glib (g_variant_new_string ("UTF-8: é € 😀"));
}

static void
test_containers (void)
{
  const char *const texts[] = {
    "@as []",
    "@a{sv} {}",
    "['a', 'b']",
    "{'a': <1>, 'b': <'x'>}",
    "[{'a': <1>}, {}]",
    "@aa{sv} [{}, {}]",
    "(1, 'x', [true])",
    "@ms nothing",
    "@ms 'j'",
    "<<'nested'>>",
    "{1: 'a', 2: 'b'}",
    "{uint64 18446744073709551615: 'max'}",
    "{1.5: 'a'}",
    "{true: 'yes'}",
    "{objectpath '/a': <@as []>}",
    "b'hi'",
    "@a{sv} {'deep': <{'er': <[<@a{sv} {}>, <[@as []]>]>}>}",
    NULL,
  };

  assert_parsed_same (texts);
  assert_same_as_json_glib (g_variant_new_dict_entry (
      g_variant_new_string ("k"),
      g_variant_new_variant (g_variant_new_int32 (1))));
}

/* What georepctl status --json prints for a session (abridged). */
static void
test_session (void)
{
  assert_same_as_json_glib (g_variant_new_parsed (
      "[{'PrimaryVolume': <'pvol'>, 'SecondaryHost': <'127.0.0.1'>, "
      "'SecondaryVolume': <'svol'>, 'SecondaryUser': <'root'>, "
      "'Destination': <objectpath '/'>, 'Status': <'Active'>, "
      "'Workers': <[{'primary-node': <'vm'>, 'status': <'Active'>, "
      "'last-synced': <uint64 1700000000>, 'entry': <uint64 0>, "
      "'checkpoint-completed': <false>}]>, "
      "'LastSynced': <uint64 1700000000>, 'Failures': <uint64 0>, "
      "'Config': <{'sync-jobs': '3', 'log-file': "
      "'/var/log/${local_id}.log'}>}]"));
}

/* The objects georepctl builds member by member (version, monitor). */
static void
test_members (void)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GVariant) props = g_variant_ref_sink (
      g_variant_new_parsed ("{'Status': <'Paused'>, 'Failures': <uint64 2>}"));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "event");
  json_builder_add_string_value (builder, "changed");
  json_builder_set_member_name (builder, "old");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "new");
  json_builder_add_value (builder, json_gvariant_serialize (props));
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  for (int pretty = 0; pretty <= 1; pretty++)
    {
      g_autoptr (CtlJson) json = ctl_json_new (pretty);
      g_autofree char *expected = json_glib_text (node, pretty);

      ctl_json_begin_object (json);
      ctl_json_set_member (json, "event");
      ctl_json_add_string (json, "changed");
      ctl_json_set_member (json, "old");
      ctl_json_add_null (json);
      ctl_json_set_member (json, "new");
      ctl_json_add_variant (json, props);
      ctl_json_end_object (json);
      g_assert_cmpstr (ctl_json_get_text (json), ==, expected);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json-output/scalars", test_scalars);
  g_test_add_func ("/json-output/strings", test_strings);
  g_test_add_func ("/json-output/containers", test_containers);
  g_test_add_func ("/json-output/session", test_session);
  g_test_add_func ("/json-output/members", test_members);
  return g_test_run ();
}
