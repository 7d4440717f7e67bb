/* georepd: applying the refresher's snapshots to the session objects
 * (gr-session-sync.h). */
#include "gr-log.h"
#include "gr-session-object.h"
#include "gr-session-sync.h"

struct _GrSessionSync {
  GrContext *context;
  GrRefresher *refresher;
  GrRegistry *registry;
};

static GrSessionObject *
ensure_session (GrSessionSync *self, GrSessionSnapshot *snapshot)
{
  GrSessionObject *session =
      gr_registry_lookup_session (self->registry, snapshot->id->label);
  g_autoptr (GrSessionObject) created = NULL;

  if (session != NULL)
    return session;
  created = gr_session_object_new (snapshot->id, self->context);
  gr_registry_add_session (self->registry, snapshot->id, created);
  return created;
}

static void
log_if_faulty (GrSessionObject *session, GrSessionState before)
{
  const GrSessionId *id = gr_session_object_get_id (session);

  if (gr_session_object_get_state (session) == GR_SESSION_STATE_FAULTY &&
      before != GR_SESSION_STATE_FAULTY)
    gr_log_event (GR_MESSAGE_SESSION_FAULTY, GR_LOG_FIELD_SESSION, id->label,
                  "Session %s::%s::%s is faulty", id->primary, id->host,
                  id->secondary);
}

static void
on_snapshot (GrRefresher *refresher, GrSessionSnapshot *snapshot, gpointer data)
{
  GrSessionObject *session = ensure_session (data, snapshot);
  GrSessionState before = gr_session_object_get_state (session);

  gr_session_object_apply_snapshot (session, snapshot);
  log_if_faulty (session, before);
}

static void
on_gone (GrRefresher *refresher, const char *label, gpointer data)
{
  GrSessionSync *self = data;

  gr_registry_remove_session (self->registry, label);
}

/* Without glusterd the status is unknown, not stale. */
static void
on_glusterd_running (GrRefresher *refresher, GParamSpec *pspec, gpointer data)
{
  GrSessionSync *self = data;
  g_autoptr (GPtrArray) sessions = NULL;

  if (gr_refresher_get_glusterd_running (refresher))
    return;
  sessions = gr_registry_list_sessions (self->registry);
  for (guint i = 0; i < sessions->len; i++)
    gr_session_object_set_unknown (sessions->pdata[i]);
}

GrSessionSync *
gr_session_sync_new (GrContext *context)
{
  GrSessionSync *self = g_new0 (GrSessionSync, 1);

  self->context = context;
  self->refresher = gr_context_get_refresher (context);
  self->registry = gr_context_get_registry (context);
  g_signal_connect (self->refresher, "session-snapshot",
                    G_CALLBACK (on_snapshot), self);
  g_signal_connect (self->refresher, "session-gone", G_CALLBACK (on_gone),
                    self);
  g_signal_connect (self->refresher, "notify::glusterd-running",
                    G_CALLBACK (on_glusterd_running), self);
  return self;
}

void
gr_session_sync_free (GrSessionSync *self)
{
  g_signal_handlers_disconnect_by_data (self->refresher, self);
  g_free (self);
}
