/* georepd: worker reasons across the cluster.
 *
 * Each node's georepd knows why its own workers failed (their
 * gsyncd.log, gluster/gr-gsyncd-watch.h), and nothing of the others'.
 * gluster's shared storage volume (cluster.enable-shared-storage:
 * gluster_shared_storage, mounted by glusterd on every node at
 * /run/gluster/shared_storage; geo-replication's meta-volume lives
 * there too) is what the nodes share: each georepd writes a small
 * record there (gr-reasons-record.h), atomically, and reads the
 * others'. No protocol between georepds.
 *
 * The volume is a FUSE mount that may hang while gluster does: every
 * read and write runs in a thread, one at a time, and the main loop
 * never waits for it. Without the volume mounted, nothing is written,
 * and another node's faulty worker says how to get its reason here. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "gr-reasons-record.h"
#include "gr-reasons-shared.h"
#include "gr-session-object.h"
#include "gr-status-file.h"

#define WRITE_SETTLE_MS 100
#define RECORD_MAX (1024 * 1024)
#define RECORDS_MAX 64
/* After a worker faults: read now and then after these many ms. */
static const guint reread_ms[] = { 300, 700, 1000, 2000, 4000, 8000 };

struct _GrReasonsShared {
  const GrConfig *config;
  GrRefresher *refresher;
  GrRegistry *registry;
  char *root;      /* SharedStorageDirectory */
  char *dir;       /* …/georepd/reasons */
  char *node_uuid; /* read once glusterd wrote it */
  gulong added_id, removed_id, refreshed_id;
  guint write_id;
  char *written; /* the last record written */
  gboolean writing, write_again;
  gboolean reading, read_again;
  guint reread_id, reread_next;
  gboolean freed; /* a thread still reports back */
};

static void schedule_write (GrReasonsShared *self);
static void read_records (GrReasonsShared *self);

/* --- in the threads --- */

/* Whether gluster's shared storage is mounted there: another device
 * than its parent directory. */
static gboolean
is_mounted (const char *root)
{
  g_autofree char *parent = g_path_get_dirname (root);
  struct stat st_root, st_parent;

  return stat (root, &st_root) == 0 && S_ISDIR (st_root.st_mode) &&
         stat (parent, &st_parent) == 0 && st_root.st_dev != st_parent.st_dev;
}

typedef struct {
  char *root, *dir, *node_uuid, *record;
} Job;

static void
job_free (Job *job)
{
  g_free (job->root);
  g_free (job->dir);
  g_free (job->node_uuid);
  g_free (job->record);
  g_free (job);
}

static Job *
job_new (GrReasonsShared *self, char *record)
{
  Job *job = g_new0 (Job, 1);

  job->root = g_strdup (self->root);
  job->dir = g_strdup (self->dir);
  job->node_uuid = g_strdup (self->node_uuid);
  job->record = record;
  return job;
}

static void
write_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *c)
{
  Job *job = data;
  g_autofree char *name = g_strconcat (job->node_uuid, ".json", NULL);
  g_autofree char *file = g_build_filename (job->dir, name, NULL);
  g_autoptr (GError) error = NULL;

  if (!is_mounted (job->root))
    {
      g_task_return_boolean (task, FALSE);
      return;
    }
  if (g_mkdir_with_parents (job->dir, 0755) < 0 ||
      !g_file_set_contents_full (file, job->record, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0644, &error))
    g_debug ("Cannot write %s: %s", file,
             error ? error->message : g_strerror (errno));
  g_task_return_boolean (task, TRUE);
}

static void
read_file (const char *file, GHashTable *by_label, const char *own_uuid)
{
  g_autofree char *text = NULL;
  g_autofree char *uuid = NULL;
  g_autoptr (GHashTable) theirs = gr_reasons_record_table_new ();
  gsize len = 0;
  struct stat st;

  if (stat (file, &st) != 0 || !S_ISREG (st.st_mode) ||
      st.st_size > RECORD_MAX ||
      !g_file_get_contents (file, &text, &len, NULL) ||
      !gr_reasons_record_parse (text, len, theirs, &uuid) ||
      g_strcmp0 (uuid, own_uuid) == 0)
    return;
  /* The record names its node: only what it says of its own workers. */
  gr_reasons_record_parse (text, len, by_label, NULL);
}

static void
read_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *c)
{
  Job *job = data;
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GHashTable) by_label = gr_reasons_record_table_new ();
  const char *name;
  guint n = 0;

  if (!is_mounted (job->root))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  dir = g_dir_open (job->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL &&
         n < RECORDS_MAX)
    if (g_str_has_suffix (name, ".json") && name[0] != '.')
      {
        g_autofree char *file = g_build_filename (job->dir, name, NULL);

        read_file (file, by_label, job->node_uuid);
        n++;
      }
  g_task_return_pointer (task, g_steal_pointer (&by_label),
                         (GDestroyNotify) g_hash_table_unref);
}

/* --- on the main loop --- */

static gboolean
know_node (GrReasonsShared *self)
{
  if (self->node_uuid == NULL)
    self->node_uuid =
        gr_status_file_read_node_uuid (self->config->glusterd_dir);
  return self->node_uuid != NULL;
}

static char *
build_record (GrReasonsShared *self)
{
  g_autoptr (GPtrArray) sessions = gr_registry_list_sessions (self->registry);
  g_autoptr (JsonBuilder) builder = gr_reasons_record_begin (
      self->node_uuid, g_get_real_time () / G_USEC_PER_SEC);

  for (guint i = 0; i < sessions->len; i++)
    {
      GrSessionObject *session = sessions->pdata[i];

      gr_reasons_record_add_session (
          builder, gr_session_object_get_id (session)->label,
          gr_session_get_workers (GR_SESSION (session)), self->node_uuid);
    }
  return gr_reasons_record_end (builder);
}

/* The time in a record changes every write: compare without it. */
static gboolean
same_record (const char *a, const char *b)
{
  const char *sa = a ? strstr (a, "\"sessions\"") : NULL;
  const char *sb = b ? strstr (b, "\"sessions\"") : NULL;

  return sa != NULL && sb != NULL && g_str_equal (sa, sb);
}

static void
on_written (GObject *source, GAsyncResult *res, gpointer data)
{
  GrReasonsShared *self = data;

  self->writing = FALSE;
  if (self->freed)
    {
      gr_reasons_shared_free (self);
      return;
    }
  if (!g_task_propagate_boolean (G_TASK (res), NULL))
    g_clear_pointer (&self->written, g_free);
  if (self->write_again)
    schedule_write (self);
}

static gboolean
on_write_due (gpointer data)
{
  GrReasonsShared *self = data;
  g_autofree char *record = NULL;
  g_autoptr (GTask) task = NULL;

  self->write_id = 0;
  self->write_again = FALSE;
  if (!know_node (self))
    return G_SOURCE_REMOVE;
  record = build_record (self);
  if (same_record (record, self->written))
    return G_SOURCE_REMOVE;
  g_free (self->written);
  self->written = g_strdup (record);
  self->writing = TRUE;
  task = g_task_new (NULL, NULL, on_written, self);
  g_task_set_task_data (task, job_new (self, g_steal_pointer (&record)),
                        (GDestroyNotify) job_free);
  g_task_run_in_thread (task, write_in_thread);
  return G_SOURCE_REMOVE;
}

static void
schedule_write (GrReasonsShared *self)
{
  if (self->writing)
    self->write_again = TRUE;
  else if (self->write_id == 0)
    self->write_id = g_timeout_add (WRITE_SETTLE_MS, on_write_due, self);
}

static void
apply_reasons (GrReasonsShared *self, GHashTable *by_label)
{
  g_autoptr (GPtrArray) sessions = gr_registry_list_sessions (self->registry);

  for (guint i = 0; i < sessions->len; i++)
    {
      GrSessionObject *session = sessions->pdata[i];
      const char *label = gr_session_object_get_id (session)->label;

      gr_session_object_set_remote_reasons (
          session, by_label ? g_hash_table_lookup (by_label, label) : NULL,
          by_label != NULL);
    }
}

static void
on_read (GObject *source, GAsyncResult *res, gpointer data)
{
  GrReasonsShared *self = data;
  g_autoptr (GHashTable) by_label =
      g_task_propagate_pointer (G_TASK (res), NULL);

  self->reading = FALSE;
  if (self->freed)
    {
      gr_reasons_shared_free (self);
      return;
    }
  apply_reasons (self, by_label);
  if (self->read_again)
    read_records (self);
}

static void
read_records (GrReasonsShared *self)
{
  g_autoptr (GTask) task = NULL;

  self->read_again = self->reading;
  if (self->reading)
    return;
  know_node (self);
  self->reading = TRUE;
  task = g_task_new (NULL, NULL, on_read, self);
  g_task_set_task_data (task, job_new (self, NULL), (GDestroyNotify) job_free);
  g_task_run_in_thread (task, read_in_thread);
}

static gboolean
on_reread_due (gpointer data)
{
  GrReasonsShared *self = data;

  self->reread_id = 0;
  read_records (self);
  if (self->reread_next < G_N_ELEMENTS (reread_ms))
    self->reread_id =
        g_timeout_add (reread_ms[self->reread_next++], on_reread_due, self);
  return G_SOURCE_REMOVE;
}

void
gr_reasons_shared_read_soon (GrReasonsShared *self)
{
  g_clear_handle_id (&self->reread_id, g_source_remove);
  self->reread_next = 0;
  on_reread_due (self);
}

static void
on_workers_changed (GObject *session, GParamSpec *pspec, gpointer data)
{
  schedule_write (data);
}

static void
on_session_added (GrRegistry *registry, GrSessionObject *session, gpointer data)
{
  g_signal_connect (session, "notify::workers", G_CALLBACK (on_workers_changed),
                    data);
  schedule_write (data);
}

static void
on_session_removed (GrRegistry *registry,
                    GrSessionObject *session,
                    gpointer data)
{
  g_signal_handlers_disconnect_by_data (session, data);
  schedule_write (data);
}

static void
on_refreshed (GObject *refresher, GParamSpec *pspec, gpointer data)
{
  read_records (data);
}

GrReasonsShared *
gr_reasons_shared_new (GrContext *context)
{
  GrReasonsShared *self = g_new0 (GrReasonsShared, 1);

  self->config = gr_context_get_config (context);
  self->refresher = gr_context_get_refresher (context);
  self->registry = gr_context_get_registry (context);
  self->root = g_strdup (self->config->shared_storage_dir);
  self->dir = g_build_filename (self->root, "georepd", "reasons", NULL);
  self->added_id = g_signal_connect (self->registry, "session-added",
                                     G_CALLBACK (on_session_added), self);
  self->removed_id = g_signal_connect (self->registry, "session-removed",
                                       G_CALLBACK (on_session_removed), self);
  self->refreshed_id = g_signal_connect (
      self->refresher, "notify::last-refresh", G_CALLBACK (on_refreshed), self);
  return self;
}

static void
disconnect (GrReasonsShared *self)
{
  g_autoptr (GPtrArray) sessions = gr_registry_list_sessions (self->registry);

  for (guint i = 0; i < sessions->len; i++)
    g_signal_handlers_disconnect_by_data (sessions->pdata[i], self);
  g_clear_signal_handler (&self->added_id, self->registry);
  g_clear_signal_handler (&self->removed_id, self->registry);
  g_clear_signal_handler (&self->refreshed_id, self->refresher);
  g_clear_handle_id (&self->write_id, g_source_remove);
  g_clear_handle_id (&self->reread_id, g_source_remove);
}

void
gr_reasons_shared_free (GrReasonsShared *self)
{
  if (!self->freed)
    disconnect (self);
  self->freed = TRUE;
  /* A thread reports back to it: the last one frees it. */
  if (self->writing || self->reading)
    return;
  g_free (self->root);
  g_free (self->dir);
  g_free (self->node_uuid);
  g_free (self->written);
  g_free (self);
}
