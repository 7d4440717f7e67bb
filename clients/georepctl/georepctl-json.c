/* georepctl: D-Bus values as JSON, through json-glib.
 *
 * A value maps as json_gvariant_serialize () maps it, so that --json keeps
 * the D-Bus names: an a{sv} of properties becomes an object with the same
 * member names, integers become numbers (a uint64 above G_MAXINT64 wraps,
 * which no property of the service reaches), a variant its value.
 *
 * The one shape of georepctl's own is a session's options (see
 * ctl_json_options ()). tests/test-json-output.c holds both. */
#include "georepctl-json.h"

/* @value may be floating. */
JsonNode *
ctl_json_from_variant (GVariant *value)
{
  g_autoptr (GVariant) owned = g_variant_ref_sink (value);

  return json_gvariant_serialize (owned);
}

/* georepctl config --json: the a(ssb) of ctl_options_merge () as
 * {"KEY": {"value": "…", "set": true|false}, …}, in its order. */
JsonNode *
ctl_json_options (GVariant *options)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  GVariantIter iter;
  const char *key, *value;
  gboolean set;

  json_builder_begin_object (builder);
  g_variant_iter_init (&iter, options);
  while (g_variant_iter_next (&iter, "(&s&sb)", &key, &value, &set))
    {
      json_builder_set_member_name (builder, key);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "value");
      json_builder_add_string_value (builder, value);
      json_builder_set_member_name (builder, "set");
      json_builder_add_boolean_value (builder, set);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
ctl_json_to_text (JsonNode *node, gboolean pretty)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, pretty);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}
