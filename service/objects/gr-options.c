/* georepd: option dictionary checks. Unknown keys are errors rather than
 * ignored so that a typo ("forse") is not silently a different request. */
#include "gr-error.h"
#include "gr-names.h"
#include "gr-options.h"

static const GrOptionSpec common_options[] = {
  { GR_OPTION_NO_USER_INTERACTION, "b" },
  { NULL, NULL },
};

static const GrOptionSpec *
find_spec (const GrOptionSpec *specs, const char *key)
{
  for (const GrOptionSpec *spec = specs; spec && spec->key; spec++)
    if (g_str_equal (spec->key, key))
      return spec;
  return NULL;
}

gboolean
gr_options_check (GVariant *options, const GrOptionSpec *specs, GError **error)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_iter_init (&iter, options);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      g_autoptr (GVariant) owned = value;
      const GrOptionSpec *spec = find_spec (common_options, key);

      if (spec == NULL)
        spec = find_spec (specs, key);
      if (spec == NULL)
        {
          g_set_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
                       "Unknown option '%s'", key);
          return FALSE;
        }
      if (!g_variant_is_of_type (value, G_VARIANT_TYPE (spec->type)))
        {
          g_set_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
                       "Option '%s' must be of type '%s'", key, spec->type);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
gr_options_get_boolean (GVariant *options, const char *key, gboolean fallback)
{
  gboolean value;

  if (g_variant_lookup (options, key, "b", &value))
    return value;
  return fallback;
}

gboolean
gr_invocation_refuse (GDBusMethodInvocation *invocation, GError *error)
{
  g_dbus_method_invocation_return_gerror (invocation, error);
  g_error_free (error);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}
