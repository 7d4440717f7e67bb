/* georepd: what the Manager's method files share (gr-manager.c,
 * gr-manager-create-session.c, gr-manager-destinations.c). */
#pragma once

#include "gr-manager.h"
#include "gr-session-command.h"

G_BEGIN_DECLS

GrContext *gr_manager_object_get_context (GrManagerObject *self);
GrRefresher *gr_manager_object_get_refresher (GrManagerObject *self);
GrRegistry *gr_manager_object_get_registry (GrManagerObject *self);
GrDestinations *gr_manager_object_get_destinations (GrManagerObject *self);
/* NULL until the daemon set it (gr_manager_object_set_events). */
GrEvents *gr_manager_object_get_events (GrManagerObject *self);

/* gr-manager-sessions.c */
gboolean gr_manager_handle_get_sessions (GrManager *manager,
                                         GDBusMethodInvocation *invocation,
                                         GVariant *options);

/* gr-manager-events.c */
gboolean
gr_manager_handle_register_events_webhook (GrManager *manager,
                                           GDBusMethodInvocation *invocation,
                                           GVariant *options);
gboolean
gr_manager_handle_unregister_events_webhook (GrManager *manager,
                                             GDBusMethodInvocation *invocation,
                                             GVariant *options);

gboolean gr_manager_handle_create_session (GrManager *manager,
                                           GDBusMethodInvocation *invocation,
                                           const char *primary,
                                           const char *host,
                                           const char *secondary,
                                           GVariant *options);
gboolean gr_manager_handle_probe_host (GrManager *manager,
                                       GDBusMethodInvocation *invocation,
                                       const char *host,
                                       guint16 port,
                                       GVariant *options);
gboolean gr_manager_handle_add_destination (GrManager *manager,
                                            GDBusMethodInvocation *invocation,
                                            const char *host,
                                            guint16 port,
                                            const char *user,
                                            const char *fingerprint,
                                            GVariant *options);

gboolean gr_manager_handle_check_secondary (GrManager *manager,
                                            GDBusMethodInvocation *invocation,
                                            const char *primary,
                                            const char *host,
                                            const char *secondary,
                                            GVariant *options);
/* How a new session will sync: the options sync-method (s: rsync or
 * tarssh) and rsync-follow-cwd (b: rsync-options that make the receiver
 * follow /proc/PID/cwd, gr-rsync-receiver.h) of CheckSecondary and
 * CreateSession. */
typedef struct {
  const char *sync_method; /* NULL: gluster's default */
  gboolean rsync_follow_cwd;
} GrSyncChoice;

/* Reads @choice from @options (which must outlive it); FALSE with
 * InvalidArgument for an unknown method or both at once. */
gboolean
gr_sync_choice_read (GrSyncChoice *choice, GVariant *options, GError **error);

/* CheckSecondary's findings (GPtrArray of GrFinding *), also for
 * CreateSession, for a session that will sync as @choice says. */
void gr_manager_check_secondary_async (GrManagerObject *manager,
                                       const char *primary,
                                       const char *user,
                                       const char *host,
                                       const char *secondary,
                                       const GrSyncChoice *choice,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
GPtrArray *gr_manager_check_secondary_finish (GrManagerObject *manager,
                                              GAsyncResult *result,
                                              GError **error);

/* Whether a push-pem create of @id would install the session's keys: a
 * non-root user, and georepd has the root destination of the host. */
gboolean gr_manager_session_keys_apply (GrManagerObject *manager,
                                        const GrSessionId *id);
/* For a non-root secondary user, when georepd has the root destination of
 * the host: installs the session's keys for the user after @command's
 * create (gr-manager-session-keys.c). Whether it will. */
gboolean gr_manager_add_session_keys_step (GrManagerObject *manager,
                                           GrSessionCommand *command,
                                           const GrSessionId *id);

G_END_DECLS
