/* georepctl refresh and version: the service as a whole. */
#include "config.h"

#include "georepctl.h"
#include "gr-names.h"

int
ctl_verb_refresh (CtlContext *ctx, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  GVariantBuilder options;

  if (!ctl_parse_options (ctx, NULL, &argc, &argv))
    return CTL_EXIT_USAGE;
  if (argc != 1)
    return ctl_usage (ctx, _ ("too many arguments"));
  ctl_options_init (ctx, &options);
  /* Allowed to anyone: no agent, no interactive authorization. */
  reply =
      ctl_read_call (ctx, GR_DBUS_PATH, GR_DBUS_INTERFACE_MANAGER, "Refresh",
                     g_variant_new ("(a{sv})", &options), NULL, &error);
  if (reply == NULL)
    return ctl_fail (ctx, _ ("refreshing"), error);
  return CTL_EXIT_OK;
}

static void
print_versions_json (CtlContext *ctx, GVariant *props)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;
  const char *const names[] = { "Version", "GlusterVersion" };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "georepctl");
  json_builder_add_string_value (builder, GR_VERSION);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *value = "";

      g_variant_lookup (props, names[i], "&s", &value);
      json_builder_set_member_name (builder, names[i]);
      json_builder_add_string_value (builder, value);
    }
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  ctl_print_json (ctx, node);
}

static void
print_versions (GVariant *props)
{
  const char *version = "", *gluster = "";

  g_variant_lookup (props, "Version", "&s", &version);
  g_variant_lookup (props, "GlusterVersion", "&s", &gluster);
  g_print ("georepd %s\n", version);
  /* Translators: the gluster version when the service does not know it. */
  g_print ("glusterfs %s\n", *gluster ? gluster : C_ ("version", "unknown"));
}

int
ctl_verb_version (CtlContext *ctx, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) props = NULL;

  if (!ctl_parse_options (ctx, NULL, &argc, &argv))
    return CTL_EXIT_USAGE;
  if (argc != 1)
    return ctl_usage (ctx, _ ("too many arguments"));
  /* Our own version even when the service cannot be asked. */
  if (!ctx->json)
    g_print ("georepctl %s\n", GR_VERSION);
  props = ctl_get_all (ctx, GR_DBUS_PATH, GR_DBUS_INTERFACE_MANAGER, &error);
  if (props == NULL)
    return ctl_fail (ctx, _ ("reading the service's version"), error);
  if (ctx->json)
    print_versions_json (ctx, props);
  else
    print_versions (props);
  return CTL_EXIT_OK;
}
