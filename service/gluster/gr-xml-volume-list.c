/* georepd: `gluster --xml volume list`, in one pass (gr-xml-cli-output.h).
 *
 *   cliOutput/volList/volume
 */
#include "gr-validate.h"
#include "gr-xml-cli-output.h"
#include "gr-xml-volume-list.h"

enum {
  VOL_LIST = GR_XML_FIRST_KIND,
  VOLUME,
};

static const GrXmlRule rules[] = {
  { GR_XML_CLI_OUTPUT, "volList", VOL_LIST, GR_XML_FIRST },
  { VOL_LIST, "volume", VOLUME, GR_XML_EACH, TRUE },
};

static void
on_end (gpointer data, guint kind, const char *name, char *text)
{
  GPtrArray *names = data;

  if (kind != VOLUME)
    return;
  if (gr_validate_volume (text, NULL))
    g_ptr_array_add (names, g_strdup (text));
  else
    g_warning ("Ignoring a volume with an unusable name in gluster's output");
}

static GrXmlSchema schema = {
  .rules = rules,
  .n_rules = G_N_ELEMENTS (rules),
  .section = VOL_LIST,
  .end = on_end,
};

gpointer
gr_xml_read_volume_list (const char *data,
                         gsize len,
                         GrCliStatus *envelope,
                         GError **error)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (!gr_xml_sax_parse (&schema, data, len, names, envelope, error))
    return NULL;
  return g_steal_pointer (&names);
}
