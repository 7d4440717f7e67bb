/* georepd: `gluster --xml volume info`, in one pass (gr-xml-cli-output.h).
 *
 *   cliOutput/volInfo/volumes/volume/{name, statusStr, brickCount,
 *     replicaCount, disperseCount, typeStr, bricks/brick/name}
 *
 * Each value is read from the first element of its name under its
 * parent: the <name> of a volume is not that of one of its bricks or
 * options. */
#include <string.h>

#include "gr-gluster-types.h"
#include "gr-validate.h"
#include "gr-xml-cli-output.h"
#include "gr-xml-values.h"
#include "gr-xml-volume-info.h"

enum {
  VOL_INFO = GR_XML_FIRST_KIND,
  VOLUMES,
  VOLUME,
  NAME,
  TYPE,
  STATUS,
  REPLICA_COUNT,
  DISPERSE_COUNT,
  BRICK_COUNT,
  BRICKS,
  BRICK,
  BRICK_NAME,
};

static const GrXmlRule rules[] = {
  { GR_XML_CLI_OUTPUT, "volInfo", VOL_INFO, GR_XML_FIRST },
  { VOL_INFO, "volumes", VOLUMES, GR_XML_FIRST },
  { VOLUMES, "volume", VOLUME, GR_XML_EACH },
  { VOLUME, "name", NAME, GR_XML_FIRST, TRUE },
  { VOLUME, "typeStr", TYPE, GR_XML_FIRST, TRUE },
  { VOLUME, "statusStr", STATUS, GR_XML_FIRST, TRUE },
  { VOLUME, "replicaCount", REPLICA_COUNT, GR_XML_FIRST, TRUE },
  { VOLUME, "disperseCount", DISPERSE_COUNT, GR_XML_FIRST, TRUE },
  { VOLUME, "brickCount", BRICK_COUNT, GR_XML_FIRST, TRUE },
  { VOLUME, "bricks", BRICKS, GR_XML_FIRST },
  { BRICKS, "brick", BRICK, GR_XML_EACH, TRUE },
  { BRICK, "name", BRICK_NAME, GR_XML_FIRST, TRUE },
};

typedef struct {
  GPtrArray *volumes;
  GrVolumeInfo *volume; /* the <volume> being read */
  char *brick_name;     /* the <name> of the <brick> being read */
} GrVolumeReader;

static void
on_start (gpointer data, guint kind)
{
  GrVolumeReader *reader = data;

  if (kind == VOLUME)
    {
      g_clear_pointer (&reader->volume, gr_volume_info_free);
      reader->volume = gr_volume_info_new ();
    }
}

static guint
to_uint (const char *text)
{
  return (guint) MIN (gr_xml_parse_uint64 (text), G_MAXUINT);
}

/* "host:/path", with a host a caller could name. The path is only
 * compared (gr-session-state.c) and escaped into a file name
 * (gr-status-file.c), never joined to another path as it is. */
static gboolean
is_brick (const char *name)
{
  const char *path = name ? strstr (name, ":/") : NULL;
  g_autofree char *host = NULL;
  g_autofree char *bare = NULL;

  if (path == NULL || !gr_xml_is_name (name))
    return FALSE;
  host = g_strndup (name, path - name);
  bare = gr_xml_host (host);
  return bare != NULL;
}

/* A brick reads "host:/path" both as its own text and in <name>; the
 * latter is the one meant to be read, the former the fallback. */
static void
end_brick (GrVolumeReader *reader, const char *own_text)
{
  g_autofree char *name = g_steal_pointer (&reader->brick_name);

  if (name == NULL)
    name = g_strdup (own_text);
  if (is_brick (name))
    g_ptr_array_add (reader->volume->bricks, g_steal_pointer (&name));
  else
    g_warning ("Ignoring a brick with an unusable name in gluster's output");
}

static void
end_volume (GrVolumeReader *reader)
{
  g_autoptr (GrVolumeInfo) volume = g_steal_pointer (&reader->volume);

  if (!gr_validate_volume (volume->name, NULL))
    {
      g_warning ("Ignoring a volume with an unusable name in gluster's output");
      return;
    }
  if (volume->type == NULL)
    volume->type = g_strdup ("");
  if (volume->status == NULL)
    volume->status = g_strdup ("");
  if (volume->brick_count == 0)
    volume->brick_count = volume->bricks->len;
  g_ptr_array_add (reader->volumes, g_steal_pointer (&volume));
}

static void
on_end (gpointer data, guint kind, const char *name, char *text)
{
  GrVolumeReader *reader = data;
  GrVolumeInfo *volume = reader->volume;

  switch (kind)
    {
      case NAME:
        gr_xml_sax_set (&volume->name, text);
        break;
      case TYPE:
        gr_xml_sax_set (&volume->type, text);
        break;
      case STATUS:
        gr_xml_sax_set (&volume->status, text);
        break;
      case REPLICA_COUNT:
        volume->replica_count = to_uint (text);
        break;
      case DISPERSE_COUNT:
        volume->disperse_count = to_uint (text);
        break;
      case BRICK_COUNT:
        volume->brick_count = to_uint (text);
        break;
      case BRICK_NAME:
        gr_xml_sax_set (&reader->brick_name, text);
        break;
      case BRICK:
        end_brick (reader, text);
        break;
      case VOLUME:
        end_volume (reader);
        break;
    }
}

static GrXmlSchema schema = {
  .rules = rules,
  .n_rules = G_N_ELEMENTS (rules),
  .section = VOL_INFO,
  .start = on_start,
  .end = on_end,
};

gpointer
gr_xml_read_volume_info (const char *data,
                         gsize len,
                         GrCliStatus *envelope,
                         GError **error)
{
  GrVolumeReader reader = { 0 };
  gboolean ok;

  reader.volumes =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gr_volume_info_free);
  ok = gr_xml_sax_parse (&schema, data, len, &reader, envelope, error);
  /* Left over only when the document ended early. */
  gr_volume_info_free (reader.volume);
  g_free (reader.brick_name);
  if (!ok)
    g_clear_pointer (&reader.volumes, g_ptr_array_unref);
  return reader.volumes;
}
