/* georepd: how much a volume holds and has free, from `gluster --xml
 * volume status VOL detail` (each brick's sizeTotal and sizeFree) and
 * `gluster --xml volume info VOL` (its layout), read in one pass each
 * (gr-xml-cli-output.h) under the rules for untrusted input.
 *
 * The capacity is what a client mount shows, as gluster's own create check
 * measures it (gverify.sh runs df on a mount): the sum over the distribute
 * subvolumes of the smallest brick of each, times the data bricks of a
 * dispersed subvolume (disperse count less redundancy). */
#pragma once

#include "gr-gluster-types.h"
#include "gr-xml-cli-output.h"

G_BEGIN_DECLS

typedef struct {
  char *name; /* "host:/path", as in volume info */
  guint64 total;
  guint64 free;
  gboolean online;
} GrBrickSpace;

void gr_brick_space_free (GrBrickSpace *brick);

/* `volume status VOL detail`: GPtrArray of GrBrickSpace * (free func
 * set), in the order printed. See GrXmlAnswerReader (the gr-xml-*.h readers).
 */
gpointer gr_xml_read_brick_space (const char *data,
                                  gsize len,
                                  GrCliStatus *envelope,
                                  GError **error);

/* The redundancyCount of the first volume of `volume info VOL` (0 when
 * it has none). FALSE with GR_ERROR_FAILED as for GrXmlAnswerReader. */
gboolean gr_xml_read_redundancy (const char *data,
                                 gsize len,
                                 guint *redundancy,
                                 GError **error);

/* The capacity and free space of @volume (its bricks in volume order)
 * from @bricks. FALSE when a brick of the volume has no size in @bricks
 * (offline, or on a node that did not answer): the sizes are unknown. */
gboolean gr_volume_space (const GrVolumeInfo *volume,
                          guint redundancy,
                          GPtrArray *bricks,
                          guint64 *total,
                          guint64 *free);

G_END_DECLS
