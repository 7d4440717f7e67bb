/* georepd: constructors and destructors of the gluster data structs. */
#include "gr-gluster-types.h"

/* Indexed by GrWorkerStatus. */
static const char *const worker_status_words[] = {
  [GR_WORKER_STATUS_UNKNOWN] = "Unknown",
  [GR_WORKER_STATUS_CREATED] = "Created",
  [GR_WORKER_STATUS_INITIALIZING] = "Initializing...",
  [GR_WORKER_STATUS_ACTIVE] = "Active",
  [GR_WORKER_STATUS_PASSIVE] = "Passive",
  [GR_WORKER_STATUS_FAULTY] = "Faulty",
  [GR_WORKER_STATUS_CONFIG_CORRUPTED] = "Config Corrupted",
  [GR_WORKER_STATUS_PAUSED] = "Paused",
  [GR_WORKER_STATUS_STOPPED] = "Stopped",
  [GR_WORKER_STATUS_OFFLINE] = "Offline",
};
G_STATIC_ASSERT (G_N_ELEMENTS (worker_status_words) ==
                 GR_WORKER_STATUS_OFFLINE + 1);

/* Indexed by GrCrawlStatus. */
static const char *const crawl_status_words[] = {
  [GR_CRAWL_STATUS_NONE] = "N/A",
  [GR_CRAWL_STATUS_HYBRID] = "Hybrid Crawl",
  [GR_CRAWL_STATUS_HISTORY] = "History Crawl",
  [GR_CRAWL_STATUS_CHANGELOG] = "Changelog Crawl",
};
G_STATIC_ASSERT (G_N_ELEMENTS (crawl_status_words) ==
                 GR_CRAWL_STATUS_CHANGELOG + 1);

static guint
word_index (const char *const *words, guint n_words, const char *text)
{
  for (guint i = 1; text != NULL && i < n_words; i++)
    if (g_ascii_strcasecmp (text, words[i]) == 0)
      return i;
  return 0;
}

GrWorkerStatus
gr_worker_status_parse (const char *text)
{
  /* Some gluster versions print it without the dots. */
  if (text != NULL && g_ascii_strcasecmp (text, "Initializing") == 0)
    return GR_WORKER_STATUS_INITIALIZING;
  return word_index (worker_status_words, G_N_ELEMENTS (worker_status_words),
                     text);
}

const char *
gr_worker_status_to_string (GrWorkerStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (worker_status_words), "Unknown");
  return worker_status_words[status];
}

GrCrawlStatus
gr_crawl_status_parse (const char *text)
{
  return word_index (crawl_status_words, G_N_ELEMENTS (crawl_status_words),
                     text);
}

const char *
gr_crawl_status_to_string (GrCrawlStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (crawl_status_words), "N/A");
  return crawl_status_words[status];
}

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
  g_free (worker);
}

gboolean
gr_worker_equal (const GrWorker *a, const GrWorker *b)
{
  return g_str_equal (a->primary_node, b->primary_node) &&
         g_str_equal (a->primary_node_uuid, b->primary_node_uuid) &&
         g_str_equal (a->primary_brick, b->primary_brick) &&
         g_str_equal (a->secondary_node, b->secondary_node) &&
         a->status == b->status && a->crawl_status == b->crawl_status &&
         a->last_synced == b->last_synced && a->entry == b->entry &&
         a->data == b->data && a->meta == b->meta &&
         a->failures == b->failures &&
         a->checkpoint_time == b->checkpoint_time &&
         a->checkpoint_completion_time == b->checkpoint_completion_time &&
         a->checkpoint_completed == b->checkpoint_completed &&
         a->unsynced_change == b->unsynced_change;
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
