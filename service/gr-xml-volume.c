/* georepd: `gluster --xml volume list` (volume info is read in one pass,
 * gr-xml-volume-stream.c).
 *
 *   cliOutput/volList/volume
 */
#include "gr-xml.h"

GPtrArray *
gr_xml_parse_volume_list (xmlDoc *doc, GError **error)
{
  xmlNode *list = gr_xml_cli_section (doc, "volList", error);
  g_autoptr (GPtrArray) names = NULL;

  if (list == NULL)
    return NULL;
  names = g_ptr_array_new_with_free_func (g_free);
  for (xmlNode *node = gr_xml_child (list, "volume"); node;
       node = gr_xml_next (node, "volume"))
    {
      g_autofree char *name = gr_xml_text (node);

      if (gr_xml_is_name (name))
        g_ptr_array_add (names, g_steal_pointer (&name));
      else
        g_warning (
            "Ignoring a volume with an unusable name in gluster's output");
    }
  return g_steal_pointer (&names);
}
