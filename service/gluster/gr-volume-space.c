/* georepd: a volume's capacity and free space (gr-volume-space.h).
 *
 *   cliOutput/volStatus/volumes/volume/node/{hostname, path, status,
 *     sizeTotal, sizeFree}
 *   cliOutput/volInfo/volumes/volume/redundancyCount */
#include "gr-gluster-types.h"
#include "gr-volume-space.h"
#include "gr-xml-cli-output.h"
#include "gr-xml-values.h"

enum {
  VOL_STATUS = GR_XML_FIRST_KIND,
  VOLUMES,
  VOLUME,
  NODE,
  HOSTNAME,
  PATH,
  STATUS,
  SIZE_TOTAL,
  SIZE_FREE,
};

static const GrXmlRule space_rules[] = {
  { GR_XML_CLI_OUTPUT, "volStatus", VOL_STATUS, GR_XML_FIRST },
  { VOL_STATUS, "volumes", VOLUMES, GR_XML_FIRST },
  { VOLUMES, "volume", VOLUME, GR_XML_EACH },
  { VOLUME, "node", NODE, GR_XML_EACH },
  { NODE, "hostname", HOSTNAME, GR_XML_FIRST, TRUE },
  { NODE, "path", PATH, GR_XML_FIRST, TRUE },
  { NODE, "status", STATUS, GR_XML_FIRST, TRUE },
  { NODE, "sizeTotal", SIZE_TOTAL, GR_XML_FIRST, TRUE },
  { NODE, "sizeFree", SIZE_FREE, GR_XML_FIRST, TRUE },
};

typedef struct {
  GPtrArray *bricks;
  char *host;
  char *path;
  GrBrickSpace brick; /* the <node> being read; name unused */
} GrSpaceReader;

void
gr_brick_space_free (GrBrickSpace *brick)
{
  if (brick == NULL)
    return;
  g_free (brick->name);
  g_free (brick);
}

static void
space_start (gpointer data, guint kind)
{
  GrSpaceReader *reader = data;

  if (kind != NODE)
    return;
  g_clear_pointer (&reader->host, g_free);
  g_clear_pointer (&reader->path, g_free);
  reader->brick = (GrBrickSpace){ 0 };
}

/* Self-heal and other daemons are nodes too, with a path that is no
 * brick's ("localhost"); they have no sizes and are left out. */
static void
end_node (GrSpaceReader *reader)
{
  GrBrickSpace *brick;

  if (!gr_xml_is_name (reader->host) || reader->path == NULL ||
      reader->path[0] != '/')
    return;
  brick = g_new0 (GrBrickSpace, 1);
  *brick = reader->brick;
  brick->name = g_strconcat (reader->host, ":", reader->path, NULL);
  g_ptr_array_add (reader->bricks, brick);
}

static void
space_end (gpointer data, guint kind, const char *name, char *text)
{
  GrSpaceReader *reader = data;

  switch (kind)
    {
      case HOSTNAME:
        gr_xml_sax_set (&reader->host, text);
        break;
      case PATH:
        gr_xml_sax_set (&reader->path, text);
        break;
      case STATUS:
        reader->brick.online = g_strcmp0 (text, "1") == 0;
        break;
      case SIZE_TOTAL:
        reader->brick.total = gr_xml_parse_uint64 (text);
        break;
      case SIZE_FREE:
        reader->brick.free = gr_xml_parse_uint64 (text);
        break;
      case NODE:
        end_node (reader);
        break;
    }
}

static GrXmlSchema space_schema = {
  .rules = space_rules,
  .n_rules = G_N_ELEMENTS (space_rules),
  .section = VOL_STATUS,
  .start = space_start,
  .end = space_end,
};

gpointer
gr_xml_read_brick_space (const char *data,
                         gsize len,
                         GrCliStatus *envelope,
                         GError **error)
{
  GrSpaceReader reader = { 0 };
  gboolean ok;

  reader.bricks =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gr_brick_space_free);
  ok = gr_xml_sax_parse (&space_schema, data, len, &reader, envelope, error);
  g_free (reader.host);
  g_free (reader.path);
  if (!ok)
    g_clear_pointer (&reader.bricks, g_ptr_array_unref);
  return reader.bricks;
}

enum {
  VOL_INFO = GR_XML_FIRST_KIND,
  INFO_VOLUMES,
  INFO_VOLUME,
  REDUNDANCY,
};

static const GrXmlRule redundancy_rules[] = {
  { GR_XML_CLI_OUTPUT, "volInfo", VOL_INFO, GR_XML_FIRST },
  { VOL_INFO, "volumes", INFO_VOLUMES, GR_XML_FIRST },
  { INFO_VOLUMES, "volume", INFO_VOLUME, GR_XML_FIRST },
  { INFO_VOLUME, "redundancyCount", REDUNDANCY, GR_XML_FIRST, TRUE },
};

static void
redundancy_end (gpointer data, guint kind, const char *name, char *text)
{
  guint *redundancy = data;

  if (kind == REDUNDANCY)
    *redundancy = (guint) MIN (gr_xml_parse_uint64 (text), G_MAXUINT);
}

static GrXmlSchema redundancy_schema = {
  .rules = redundancy_rules,
  .n_rules = G_N_ELEMENTS (redundancy_rules),
  .section = VOL_INFO,
  .end = redundancy_end,
};

gboolean
gr_xml_read_redundancy (const char *data,
                        gsize len,
                        guint *redundancy,
                        GError **error)
{
  *redundancy = 0;
  return gr_xml_sax_parse (&redundancy_schema, data, len, redundancy, NULL,
                           error);
}

static const GrBrickSpace *
find_brick (GPtrArray *bricks, const char *name)
{
  for (guint i = 0; i < bricks->len; i++)
    {
      const GrBrickSpace *brick = g_ptr_array_index (bricks, i);

      if (g_str_equal (brick->name, name) && brick->online && brick->total)
        return brick;
    }
  return NULL;
}

/* Bricks per distribute subvolume, and how many of them hold data. */
static void
subvolume_shape (const GrVolumeInfo *volume,
                 guint redundancy,
                 guint *width,
                 guint *data)
{
  *width = 1;
  *data = 1;
  if (volume->disperse_count > redundancy && volume->disperse_count > 1)
    {
      *width = volume->disperse_count;
      *data = volume->disperse_count - redundancy;
    }
  else if (volume->replica_count > 1)
    *width = volume->replica_count;
}

gboolean
gr_volume_space (const GrVolumeInfo *volume,
                 guint redundancy,
                 GPtrArray *bricks,
                 guint64 *total,
                 guint64 *free)
{
  guint width, data;

  subvolume_shape (volume, redundancy, &width, &data);
  *total = *free = 0;
  if (volume->bricks->len == 0)
    return FALSE;
  for (guint first = 0; first < volume->bricks->len; first += width)
    {
      guint64 min_total = G_MAXUINT64, min_free = G_MAXUINT64;

      for (guint i = first; i < MIN (first + width, volume->bricks->len); i++)
        {
          const GrBrickSpace *brick =
              find_brick (bricks, g_ptr_array_index (volume->bricks, i));

          if (brick == NULL)
            return FALSE;
          min_total = MIN (min_total, brick->total);
          min_free = MIN (min_free, brick->free);
        }
      *total += min_total * data;
      *free += min_free * data;
    }
  return TRUE;
}
