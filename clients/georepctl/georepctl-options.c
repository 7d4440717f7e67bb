/* georepctl: a session's options as georepctl config shows them: every
 * effective option, each marked whether it is set for the session.
 *
 * The service gives them in two parts (interfaces/
 * org.gluster.GeoReplication1.Session.xml): GetEffectiveConfig answers
 * every effective option, the Config property holds the ones set. */
#include <string.h>

#include "georepctl-options.h"

static int
compare_keys (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The keys of both, once each, sorted; only @key when not NULL. Copied:
 * a later lookup may serialise a variant and free what "&s" pointed to. */
static GPtrArray *
union_of_keys (GVariant *effective, GVariant *set, const char *key)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  GVariant *const sources[] = { effective, set };
  const char *name;

  for (guint s = 0; s < G_N_ELEMENTS (sources); s++)
    {
      GVariantIter iter;

      g_variant_iter_init (&iter, sources[s]);
      while (g_variant_iter_next (&iter, "{&s&s}", &name, NULL))
        if ((key == NULL || g_str_equal (name, key)) &&
            !g_hash_table_contains (seen, name))
          {
            char *copy = g_strdup (name);

            g_hash_table_add (seen, copy);
            g_ptr_array_add (keys, copy);
          }
    }
  g_ptr_array_sort (keys, compare_keys);
  return keys;
}

/* @effective and @set are a{ss}; the answer is a(ssb), sorted by key:
 * key, value, set. The value is the effective one, or the one set when
 * gluster did not report it. With @key, that option only (none: empty). */
GVariant *
ctl_options_merge (GVariant *effective, GVariant *set, const char *key)
{
  g_autoptr (GPtrArray) keys = union_of_keys (effective, set, key);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ssb)"));
  for (guint i = 0; i < keys->len; i++)
    {
      const char *name = g_ptr_array_index (keys, i);
      const char *value = NULL;
      gboolean is_set = g_variant_lookup (set, name, "&s", &value);

      g_variant_lookup (effective, name, "&s", &value);
      g_variant_builder_add (&builder, "(ssb)", name, value, is_set);
    }
  return g_variant_builder_end (&builder);
}
