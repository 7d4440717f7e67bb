/* georepd: one geo-replication session, exported as …/sessions/LABEL: a
 * subclass of the generated Session skeleton that holds gluster's view of
 * the session and answers its methods (gr-session-methods.c). */
#pragma once

#include "gr-generated.h"
#include "gr-gluster-types.h"
#include "gr-gsyncd-watch.h"
#include "gr-history.h"
#include "gr-context.h"
#include "gr-registry.h"
#include "gr-session-id.h"
#include "gr-session-snapshot.h"
#include "gr-session-state.h"

G_BEGIN_DECLS

#define GR_TYPE_SESSION_OBJECT (gr_session_object_get_type ())
G_DECLARE_FINAL_TYPE (GrSessionObject,
                      gr_session_object,
                      GR,
                      SESSION_OBJECT,
                      GrSessionSkeleton)

/* Takes a reference to @id; @context (the daemon's) outlives every
 * session. */
GrSessionObject *gr_session_object_new (GrSessionId *id, GrContext *context);

GrSessionId *gr_session_object_get_id (GrSessionObject *self);
/* gluster's last word on the session; NULL until the first refresh. The
 * status watcher updates the workers of this node in place. */
GrSessionStatus *gr_session_object_get_status (GrSessionObject *self);
GrContext *gr_session_object_get_context (GrSessionObject *self);
/* The context's refresher and registry. */
GrRefresher *gr_session_object_get_refresher (GrSessionObject *self);
GrRegistry *gr_session_object_get_registry (GrSessionObject *self);

/* The one entry point of a refresh: sets every property from what the
 * refresh read (status, and config when it was read) at once, so that
 * one PropertiesChanged carries all that changed. Takes the snapshot's
 * status. */
void gr_session_object_apply_snapshot (GrSessionObject *self,
                                       GrSessionSnapshot *snapshot);

/* Sets every status property from @status at once; the status watch
 * (gr-session-status-watch.c) calls it with the one the session holds,
 * updated in place from this node's status files. Takes @status. */
void gr_session_object_apply_status (GrSessionObject *self,
                                     GrSessionStatus *status,
                                     const GrVolumeInfo *volume);
/* The state behind the Status property. */
GrSessionState gr_session_object_get_state (GrSessionObject *self);
/* glusterd cannot be asked: the status is unknown, not stale. */
void gr_session_object_set_unknown (GrSessionObject *self);

/* Keeps @config (every option) for GetEffectiveConfig and sets Config to
 * @set_config (the options set); a{ss}, sorted (gr-refresh-apply.c).
 * @mtime: of gsyncd.conf when they were read. */
void gr_session_object_apply_config (GrSessionObject *self,
                                     GVariant *config,
                                     GVariant *set_config,
                                     gint64 mtime);
GVariant *gr_session_object_get_effective_config (GrSessionObject *self);

/* The secondary's rsync version ("3.5.0") as the session's destination
 * last told (Destination.RemoteRsyncVersion); NULL when not known. */
const char *gr_session_object_get_secondary_rsync (GrSessionObject *self);
void gr_session_object_set_secondary_rsync (GrSessionObject *self,
                                            const char *version);

/* Sets Health and HealthMessage from the config, the secondary's rsync
 * and LastVerification (gr-session-health.c). */
void gr_session_object_update_health (GrSessionObject *self);

/* Verify's work without a caller (gr-session-verify.c): for a periodic
 * run (@trigger "periodic") or the one after a checkpoint completed
 * ("checkpoint"): a sample, whose result goes to LastVerification. */
void gr_session_object_verify_async (GrSessionObject *self,
                                     const char *trigger,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data);
gboolean gr_session_object_verify_finish (GrSessionObject *self,
                                          GAsyncResult *result,
                                          GError **error);

/* The Workers entry of one worker. */
/* A Workers entry; @last_error (may be NULL) and @last_error_time (Unix
 * seconds) say why the worker failed last. */
/* @lag: the worker's (gr-lag.h). */
GVariant *gr_worker_to_variant (const GrWorker *worker,
                                const char *last_error,
                                guint64 last_error_time,
                                gint64 lag);
/* This node's workers as their status files tell now (GrWorker *). */
GPtrArray *gr_session_object_read_local_workers (GrSessionObject *self);
/* The watch on the session's gsyncd.log, once its config is known; NULL
 * before. */
GrGsyncdWatch *gr_session_object_get_log_watch (GrSessionObject *self);

/* Why other nodes' workers failed, as their georepd shared it
 * (gr-reasons-shared.h): "NODE-UUID\nBRICK" → (s message, t time,
 * Unix seconds), or NULL for none; @shared_storage FALSE when there is
 * no shared storage to read them from (a faulty worker of another node
 * then says how to get its reason here). */
void gr_session_object_set_remote_reasons (GrSessionObject *self,
                                           GHashTable *reasons,
                                           gboolean shared_storage);

/* Installs the method handlers in @iface (gr-session-methods.c, and
 * gr-session-verify.c for Verify and SetVerifyInterval). */
void gr_session_object_iface_init_methods (GrSessionIface *iface);
void gr_session_object_iface_init_verify (GrSessionIface *iface);
/* GetHistory (gr-session-history.c). */
void gr_session_object_iface_init_history (GrSessionIface *iface);

/* The session's history (HistorySize samples at most), which the
 * monitor (service/monitor/gr-monitor.c) fills and GetHistory reads. */
GrHistory *gr_session_object_get_history (GrSessionObject *self);

/* SetSchedule, RemoveSchedule, RunSyncWindow, GetRuns
 * (gr-session-schedule.c) and Failback (gr-dr-failback.c). */
void gr_session_object_iface_init_schedule (GrSessionIface *iface);
void gr_session_object_iface_init_failback (GrSessionIface *iface);

G_END_DECLS
