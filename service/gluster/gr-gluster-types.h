/* georepd: what the gluster CLI tells about volumes and geo-replication
 * sessions, as plain structs filled by the XML parsers (gr-xml-*.c). */
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

/* A worker's state as gsyncd reports it. Parsed once where gluster's
 * text comes in; spelled as gluster spells it only at the D-Bus edge. */
typedef enum {
  GR_WORKER_STATUS_UNKNOWN, /* not reported, or a word we do not know */
  GR_WORKER_STATUS_CREATED,
  GR_WORKER_STATUS_INITIALIZING,
  GR_WORKER_STATUS_ACTIVE,
  GR_WORKER_STATUS_PASSIVE,
  GR_WORKER_STATUS_FAULTY,
  GR_WORKER_STATUS_CONFIG_CORRUPTED,
  GR_WORKER_STATUS_PAUSED,
  GR_WORKER_STATUS_STOPPED,
  /* georepd's word, not gsyncd's: a brick of the volume whose node did
   * not answer, so that its worker's state is not known now. */
  GR_WORKER_STATUS_OFFLINE,
} GrWorkerStatus;

/* How a worker finds changes. */
typedef enum {
  GR_CRAWL_STATUS_NONE, /* "N/A": not crawling, or not reported */
  GR_CRAWL_STATUS_HYBRID,
  GR_CRAWL_STATUS_HISTORY,
  GR_CRAWL_STATUS_CHANGELOG,
} GrCrawlStatus;

/* Gluster's words ("Active", "Initializing...", case-insensitive; NULL
 * is unknown) and back. */
GrWorkerStatus gr_worker_status_parse (const char *text);
const char *gr_worker_status_to_string (GrWorkerStatus status);
/* "Changelog Crawl" … "N/A" and back; what is not known reads as NONE. */
GrCrawlStatus gr_crawl_status_parse (const char *text);
const char *gr_crawl_status_to_string (GrCrawlStatus status);

/* One gsyncd worker, i.e. one brick of the primary volume. Strings are
 * never NULL; secondary_node is "" while gluster does not know it (it
 * prints "N/A" or nothing). */
typedef struct {
  char *primary_node;
  char *primary_node_uuid;
  char *primary_brick; /* the brick path only, as gluster prints it */
  char *secondary_node;
  GrWorkerStatus status;
  GrCrawlStatus crawl_status;
  /* Times are Unix seconds, counters plain numbers; 0 for "N/A". */
  guint64 last_synced;
  guint64 entry;
  guint64 data;
  guint64 meta;
  guint64 failures;
  guint64 checkpoint_time;
  guint64 checkpoint_completion_time;
  gboolean checkpoint_completed;
  /* This node's bricks only, and only while gsyncd reports nothing
   * pending: the time of the oldest changelog with changes gsyncd has not
   * synced (gr-changelog-index.h); 0 none or not known. */
  guint64 unsynced_change;
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
