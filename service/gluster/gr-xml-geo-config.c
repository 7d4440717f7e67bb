/* georepd: `gluster --xml volume geo-replication P H::S config [KEY]`,
 * in one pass (gr-xml-cli-output.h).
 *
 *   cliOutput/geoRep/config/<key>value</key>...
 *
 * gsyncd prints every key with '_' when listing them all, but a single
 * key as it was asked for; the CLI takes either, so keys are given back
 * with '-' throughout. A key listed twice has its last value. */
#include "gr-xml-cli-output.h"
#include "gr-xml-geo-config.h"

enum {
  GEO_REP = GR_XML_FIRST_KIND,
  CONFIG,
  KEY,
};

static const GrXmlRule rules[] = {
  { GR_XML_CLI_OUTPUT, "geoRep", GEO_REP, GR_XML_FIRST },
  { GEO_REP, "config", CONFIG, GR_XML_FIRST },
  { CONFIG, NULL, KEY, GR_XML_EACH, TRUE },
};

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

static void
on_end (gpointer data, guint kind, const char *name, char *text)
{
  GHashTable *values = data;

  if (kind == KEY && is_key (name))
    g_hash_table_replace (values, g_strdelimit (g_strdup (name), "_", '-'),
                          g_strdup (text));
}

static GrXmlSchema schema = {
  .rules = rules,
  .n_rules = G_N_ELEMENTS (rules),
  .section = CONFIG,
  .end = on_end,
};

gpointer
gr_xml_read_geo_config (const char *data,
                        gsize len,
                        GrCliStatus *envelope,
                        GError **error)
{
  g_autoptr (GHashTable) values =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (!gr_xml_sax_parse (&schema, data, len, values, envelope, error))
    return NULL;
  return g_steal_pointer (&values);
}
