/* georepd: one geo-replication session, exported as …/sessions/LABEL: a
 * subclass of the generated Session skeleton that holds gluster's view of
 * the session and answers its methods (gr-session-methods.c). */
#pragma once

#include "gr-generated.h"
#include "gr-gluster-types.h"
#include "gr-gsyncd-watch.h"
#include "gr-session-id.h"
#include "gr-status.h"

G_BEGIN_DECLS

/* The refresher (gr-refresh.h) runs the gluster commands of the
 * session's methods and refreshes the session after them. */
typedef struct _GrRefresher GrRefresher;

#define GR_TYPE_SESSION_OBJECT (gr_session_object_get_type ())
G_DECLARE_FINAL_TYPE (GrSessionObject,
                      gr_session_object,
                      GR,
                      SESSION_OBJECT,
                      GrSessionSkeleton)

/* Takes a reference to @id; @refresher outlives every session. */
GrSessionObject *gr_session_object_new (GrSessionId *id,
                                        GrRefresher *refresher);

GrSessionId *gr_session_object_get_id (GrSessionObject *self);
/* gluster's last word on the session; NULL until the first refresh. The
 * status watcher updates the workers of this node in place. */
GrSessionStatus *gr_session_object_get_status (GrSessionObject *self);
GrRefresher *gr_session_object_get_refresher (GrSessionObject *self);

/* Sets every status property from gluster's view at once, so that one
 * PropertiesChanged carries all that changed. Takes @status (which may be
 * the one the session holds, updated in place). */
void gr_session_object_apply_status (GrSessionObject *self,
                                     GrSessionStatus *status,
                                     const GrVolumeInfo *volume);
/* The state behind the Status property. */
GrSessionState gr_session_object_get_state (GrSessionObject *self);
/* glusterd cannot be asked: the status is unknown, not stale. */
void gr_session_object_set_unknown (GrSessionObject *self);

/* A session's config (key → value, as parsed) as an a{ss}: sorted and
 * flattened, a few KB instead of a hash table's tens, so that a refresh
 * can hold a thousand until it applies them. With @set_keys, only the
 * options an admin set among those (Config); NULL: all (the effective
 * config). */
GVariant *gr_session_config_to_variant (GHashTable *config,
                                        GHashTable *set_keys);
/* Keeps @config (every option) for GetEffectiveConfig and sets Config to
 * @set_config (the options set); a{ss} from gr_session_config_to_variant.
 * @mtime: of gsyncd.conf when they were read. */
void gr_session_object_apply_config (GrSessionObject *self,
                                     GVariant *config,
                                     GVariant *set_config,
                                     gint64 mtime);
GVariant *gr_session_object_get_effective_config (GrSessionObject *self);
/* The gsyncd.conf modification time the config was read at, -1: never. */
gint64 gr_session_object_get_config_mtime (GrSessionObject *self);

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

/* Whether the session was in the last full refresh's answer. */
gboolean gr_session_object_get_seen (GrSessionObject *self);
void gr_session_object_set_seen (GrSessionObject *self, gboolean seen);
/* Counts one more full refresh without the session; returns how many in
 * a row (seeing it again starts over). */
guint gr_session_object_count_miss (GrSessionObject *self);

/* The Workers entry of one worker. */
/* A Workers entry; @last_error (may be NULL) and @last_error_time (Unix
 * seconds) say why the worker failed last. */
GVariant *gr_worker_to_variant (const GrWorker *worker,
                                const char *last_error,
                                guint64 last_error_time);
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

G_END_DECLS
