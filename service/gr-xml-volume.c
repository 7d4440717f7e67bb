/* georepd: `gluster --xml volume info` and `volume list`.
 *
 *   cliOutput/volInfo/volumes/volume/{name, statusStr, brickCount,
 *     replicaCount, disperseCount, typeStr, bricks/brick/name}
 *   cliOutput/volList/volume
 */
#include "gr-xml.h"

static guint
child_uint (xmlNode *parent, const char *name)
{
  return (guint) MIN (gr_xml_child_uint64 (parent, name), G_MAXUINT);
}

static char *
child_text_or_empty (xmlNode *parent, const char *name)
{
  char *text = gr_xml_child_text (parent, name);

  return text ? text : g_strdup ("");
}

/* A brick reads "host:/path" both as its own text and in <name>; the
 * text also collects the children's, so <name> is preferred. */
static char *
brick_name (xmlNode *brick)
{
  char *name = gr_xml_child_text (brick, "name");

  return name ? name : gr_xml_text (brick);
}

static void
parse_bricks (xmlNode *volume_node, GPtrArray *bricks)
{
  xmlNode *list = gr_xml_child (volume_node, "bricks");

  for (xmlNode *brick = gr_xml_child (list, "brick"); brick;
       brick = gr_xml_next (brick, "brick"))
    {
      g_autofree char *name = brick_name (brick);

      if (gr_xml_is_name (name))
        g_ptr_array_add (bricks, g_steal_pointer (&name));
    }
}

static GrVolumeInfo *
parse_volume (xmlNode *node)
{
  g_autoptr (GrVolumeInfo) volume = gr_volume_info_new ();

  volume->name = gr_xml_child_text (node, "name");
  if (!gr_xml_is_name (volume->name))
    {
      g_warning ("Ignoring a volume with an unusable name in gluster's output");
      return NULL;
    }
  volume->type = child_text_or_empty (node, "typeStr");
  volume->status = child_text_or_empty (node, "statusStr");
  volume->replica_count = child_uint (node, "replicaCount");
  volume->disperse_count = child_uint (node, "disperseCount");
  volume->brick_count = child_uint (node, "brickCount");
  parse_bricks (node, volume->bricks);
  if (volume->brick_count == 0)
    volume->brick_count = volume->bricks->len;
  return g_steal_pointer (&volume);
}

GPtrArray *
gr_xml_parse_volume_info (xmlDoc *doc, GError **error)
{
  xmlNode *info = gr_xml_cli_section (doc, "volInfo", error);
  g_autoptr (GPtrArray) volumes = NULL;

  if (info == NULL)
    return NULL;
  volumes =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gr_volume_info_free);
  for (xmlNode *node = gr_xml_child (gr_xml_child (info, "volumes"), "volume");
       node != NULL; node = gr_xml_next (node, "volume"))
    {
      GrVolumeInfo *volume = parse_volume (node);

      if (volume != NULL)
        g_ptr_array_add (volumes, volume);
    }
  return g_steal_pointer (&volumes);
}

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
