/* Fuzz target: `gluster volume info --xml` (gr_xml_read_volume_info),
 * and what georepd derives from a volume: its replica sets
 * (gr_status_aggregate; a huge replicaCount once crashed it). */
#include "fuzz-xml.h"
#include "gr-xml-volume-info.h"
#include "gr-session-state.h"

static void
aggregate_over_bricks (gpointer result)
{
  GPtrArray *volumes = result;

  for (guint i = 0; i < volumes->len; i++)
    {
      const GrVolumeInfo *volume = g_ptr_array_index (volumes, i);
      g_autoptr (GPtrArray) workers =
          g_ptr_array_new_with_free_func ((GDestroyNotify) gr_worker_free);

      for (guint b = 0; volume->bricks && b < volume->bricks->len; b++)
        {
          GrWorker *worker = gr_worker_new ();
          const char *brick = g_ptr_array_index (volume->bricks, b);
          const char *colon = strchr (brick, ':');

          g_free (worker->primary_node);
          worker->primary_node =
              colon ? g_strndup (brick, colon - brick) : g_strdup (brick);
          g_free (worker->primary_brick);
          worker->primary_brick = g_strdup (colon ? colon + 1 : brick);
          worker->status = (GrWorkerStatus) (b % 4);
          g_ptr_array_add (workers, worker);
        }
      gr_status_aggregate (workers, volume);
    }
}

GR_FUZZ_XML_TARGET (gr_xml_read_volume_info,
                    aggregate_over_bricks,
                    g_ptr_array_unref)
