/* georepd: what the gluster CLI tells about volumes and geo-replication
 * sessions, as plain structs filled by the XML parsers (gr-xml.h). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *name;
  char *type;   /* typeStr: "Replicate", "Distribute", "Disperse", ... */
  char *status; /* statusStr: "Started", "Stopped", "Created" */
  guint replica_count;
  guint disperse_count;
  guint brick_count;
  GPtrArray *bricks; /* char *, "host:/path", in volume order */
} GrVolumeInfo;

/* One gsyncd worker, i.e. one brick of the primary volume. Strings are
 * never NULL. status and crawl_status are kept as gluster prints them
 * ("Active", "Initializing...", "Changelog Crawl", "N/A"); secondary_node
 * is "" while gluster does not know it (it prints "N/A" or nothing). */
typedef struct {
  char *primary_node;
  char *primary_node_uuid;
  char *primary_brick; /* the brick path only, as gluster prints it */
  char *secondary_node;
  char *status;
  char *crawl_status;
  /* Times are Unix seconds, counters plain numbers; 0 for "N/A". */
  guint64 last_synced;
  guint64 entry;
  guint64 data;
  guint64 meta;
  guint64 failures;
  guint64 checkpoint_time;
  guint64 checkpoint_completion_time;
  gboolean checkpoint_completed;
} GrWorker;

typedef struct {
  char *primary_volume;
  char *secondary_host;
  char *secondary_user; /* "root" when gluster names none */
  char *secondary_volume;
  GPtrArray *workers; /* GrWorker * */
} GrSessionStatus;

GrVolumeInfo *gr_volume_info_new (void);
void gr_volume_info_free (GrVolumeInfo *volume);

GrWorker *gr_worker_new (void);
void gr_worker_free (GrWorker *worker);

/* Field by field; workers in the same order. */
gboolean gr_worker_equal (const GrWorker *a, const GrWorker *b);
gboolean gr_workers_equal (GPtrArray *a, GPtrArray *b);

GrSessionStatus *gr_session_status_new (void);
void gr_session_status_free (GrSessionStatus *status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrVolumeInfo, gr_volume_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrWorker, gr_worker_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrSessionStatus, gr_session_status_free)

G_END_DECLS
