/* georepd: `gluster --xml volume geo-replication P H::S config [KEY]`.
 *
 *   cliOutput/geoRep/config/<key>value</key>...
 *
 * gsyncd prints every key with '_' when listing them all, but a single
 * key as it was asked for; the CLI takes either, so keys are given back
 * with '-' throughout. */
#include "gr-error.h"
#include "gr-xml.h"

static gboolean
is_key (const char *key)
{
  if (*key == '\0')
    return FALSE;
  for (const char *p = key; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

GHashTable *
gr_xml_parse_config (xmlDoc *doc, GError **error)
{
  xmlNode *geo = gr_xml_cli_section (doc, "geoRep", error);
  xmlNode *config = geo ? gr_xml_child (geo, "config") : NULL;
  g_autoptr (GHashTable) values = NULL;

  if (geo == NULL)
    return NULL;
  if (config == NULL)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                   "Unexpected gluster output: no geo-replication config");
      return NULL;
    }
  values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (xmlNode *node = config->children; node != NULL; node = node->next)
    {
      const char *name = (const char *) node->name;

      if (node->type != XML_ELEMENT_NODE || !is_key (name))
        continue;
      g_hash_table_replace (values, g_strdelimit (g_strdup (name), "_", '-'),
                            gr_xml_text (node));
    }
  return g_steal_pointer (&values);
}
