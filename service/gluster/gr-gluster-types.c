/* georepd: constructors and destructors of the gluster data structs. */
#include "gr-gluster-types.h"

GrVolumeInfo *
gr_volume_info_new (void)
{
  GrVolumeInfo *volume = g_new0 (GrVolumeInfo, 1);

  volume->bricks = g_ptr_array_new_with_free_func (g_free);
  return volume;
}

void
gr_volume_info_free (GrVolumeInfo *volume)
{
  if (volume == NULL)
    return;
  g_free (volume->name);
  g_free (volume->type);
  g_free (volume->status);
  g_clear_pointer (&volume->bricks, g_ptr_array_unref);
  g_free (volume);
}

/* Every string starts out empty rather than NULL, so that consumers need
 * no NULL checks for fields an older gluster does not print. */
GrWorker *
gr_worker_new (void)
{
  GrWorker *worker = g_new0 (GrWorker, 1);

  worker->primary_node = g_strdup ("");
  worker->primary_node_uuid = g_strdup ("");
  worker->primary_brick = g_strdup ("");
  worker->secondary_node = g_strdup ("");
  worker->status = g_strdup ("");
  worker->crawl_status = g_strdup ("");
  return worker;
}

void
gr_worker_free (GrWorker *worker)
{
  if (worker == NULL)
    return;
  g_free (worker->primary_node);
  g_free (worker->primary_node_uuid);
  g_free (worker->primary_brick);
  g_free (worker->secondary_node);
  g_free (worker->status);
  g_free (worker->crawl_status);
  g_free (worker);
}

gboolean
gr_worker_equal (const GrWorker *a, const GrWorker *b)
{
  return g_str_equal (a->primary_node, b->primary_node) &&
         g_str_equal (a->primary_node_uuid, b->primary_node_uuid) &&
         g_str_equal (a->primary_brick, b->primary_brick) &&
         g_str_equal (a->secondary_node, b->secondary_node) &&
         g_str_equal (a->status, b->status) &&
         g_str_equal (a->crawl_status, b->crawl_status) &&
         a->last_synced == b->last_synced && a->entry == b->entry &&
         a->data == b->data && a->meta == b->meta &&
         a->failures == b->failures &&
         a->checkpoint_time == b->checkpoint_time &&
         a->checkpoint_completion_time == b->checkpoint_completion_time &&
         a->checkpoint_completed == b->checkpoint_completed;
}

gboolean
gr_workers_equal (GPtrArray *a, GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!gr_worker_equal (a->pdata[i], b->pdata[i]))
      return FALSE;
  return TRUE;
}

GrSessionStatus *
gr_session_status_new (void)
{
  GrSessionStatus *status = g_new0 (GrSessionStatus, 1);

  status->workers =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gr_worker_free);
  return status;
}

void
gr_session_status_free (GrSessionStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->primary_volume);
  g_free (status->secondary_host);
  g_free (status->secondary_user);
  g_free (status->secondary_volume);
  g_clear_pointer (&status->workers, g_ptr_array_unref);
  g_free (status);
}
