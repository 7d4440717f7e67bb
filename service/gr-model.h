/* georepd: the in-memory model: volumes and session objects. */
#pragma once

#include "gr-daemon.h"
#include "gr-gluster-types.h"
#include "gr-session-object.h"

G_BEGIN_DECLS

GrSessionObject *gr_model_lookup_session (GrDaemon *daemon,
                                          const char *primary,
                                          const char *host,
                                          const char *secondary);
/* Returns the session, creating and exporting it when new. */
GrSessionObject *gr_model_ensure_session (GrDaemon *daemon,
                                          const char *primary,
                                          const char *host,
                                          const char *secondary);
void gr_model_remove_session (GrDaemon *daemon, GrSessionObject *session);

/* Takes @volumes (GrVolumeInfo *) and updates Manager.Volumes. */
void gr_model_set_volumes (GrDaemon *daemon, GPtrArray *volumes);
const GrVolumeInfo *gr_model_lookup_volume (GrDaemon *daemon, const char *name);

/* Applies one session's status (taken) and config: every effective
 * option and the ones set (both NULL when not read this time). */
GrSessionObject *gr_model_apply_session (GrDaemon *daemon,
                                         GrSessionStatus *status,
                                         GVariant *config,
                                         GVariant *set_config);

/* Whether gluster keeps a directory for the session on this node, the
 * only way to tell "no such session" from a failing status command. */
gboolean gr_model_session_dir_exists (GrDaemon *daemon,
                                      const char *primary,
                                      const char *host,
                                      const char *secondary);
/* The session's gsyncd.conf. */
char *gr_model_session_config_path (GrDaemon *daemon,
                                    const char *primary,
                                    const char *host,
                                    const char *secondary);
/* The modification time (µs) of the session's gsyncd.conf, 0 if none. */
gint64 gr_model_session_config_mtime (GrDaemon *daemon,
                                      const char *primary,
                                      const char *host,
                                      const char *secondary);

/* The pid file whose lock the session's gsyncd monitor holds. */
char *gr_model_session_pid_file (const char *primary,
                                 const char *host,
                                 const char *secondary);

/* Whether this node has any geo-replication session directory. */
gboolean gr_model_any_session_dir (GrDaemon *daemon);

G_END_DECLS
