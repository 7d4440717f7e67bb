/* georepd: what an event glustereventsd posts asks georepd to re-read. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The worker an event of gsyncd names (GEOREP_ACTIVE, _PASSIVE, _FAULTY,
 * _CHECKPOINT_COMPLETED): its node (name and uuid) and brick path, each
 * NULL when the event does not name it or names it in a way no worker
 * could be named. */
typedef struct {
  char *node;
  char *node_uuid;
  char *brick;
  guint64 checkpoint_time; /* of CHECKPOINT_COMPLETED; 0 if not told */
  guint64 checkpoint_completion_time;
} GrEventWorker;

void gr_event_worker_clear (GrEventWorker *worker);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GrEventWorker, gr_event_worker_clear)

/* What an event body asks for: FALSE when it is not a geo-replication
 * event or not JSON. *primary, *host and *secondary name the session when
 * the event does (else NULL: refresh everything). @worker (may be NULL)
 * gets the worker it names. */
gboolean gr_events_parse (const char *body,
                          gsize len,
                          char **event,
                          char **primary,
                          char **host,
                          char **secondary,
                          GrEventWorker *worker);

G_END_DECLS
