/* georepd: reading the [vars] of a session's gsyncd.conf.
 *
 * gsyncd keeps the options set for a session in that group, one
 * "key = value" line each (Python's RawConfigParser writes it), and its
 * defaults elsewhere (/etc/glusterfs/gsyncd.conf). Only the key names are
 * taken from here; the values come from gluster's own `config` answer, so
 * that they read exactly as gluster shows them. */
#include <gio/gio.h>

#include "gr-config-keys.h"
#include "gr-gsyncd-conf.h"

#define VARS_GROUP "vars"

static char *
dashed (const char *key)
{
  return g_strdelimit (g_strdup (key), "_", '-');
}

GHashTable *
gr_gsyncd_conf_read_set_keys (const char *path, GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GHashTable) keys =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GError) local = NULL;
  g_auto (GStrv) names = NULL;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local))
    {
      /* gluster creates the file empty and fills it on the first set; an
       * empty file is a parse success, a missing one means nothing set. */
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&keys);
      g_propagate_prefixed_error (error, g_steal_pointer (&local),
                                  "%s: ", path);
      return NULL;
    }
  names = g_key_file_get_keys (file, VARS_GROUP, NULL, NULL);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      char *key = dashed (names[i]);

      g_hash_table_insert (keys, key, key);
    }
  return g_steal_pointer (&keys);
}

gboolean
gr_gsyncd_conf_key_is_admin_set (const char *key)
{
  GrConfigKeyClass class = gr_config_key_classify (key, NULL);

  if (class == GR_CONFIG_KEY_UNKNOWN || class == GR_CONFIG_KEY_READ_ONLY)
    return FALSE;
  return g_strcmp0 (key, "stime-xattr-prefix") != 0;
}
