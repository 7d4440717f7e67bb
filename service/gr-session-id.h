/* georepd: who a session is. One value computes, once, every name and
 * path the service derives from a session's identity; nobody rebuilds
 * them. */
#pragma once

#include <glib.h>

#include "gr-config.h"

G_BEGIN_DECLS

typedef struct {
  char *primary;   /* the primary volume */
  char *user;      /* the user on the secondary host, "root" by default */
  char *host;      /* the secondary host */
  char *secondary; /* the secondary volume */
  char *label;     /* the object path's last element (gr-label.h) */
  char *path;      /* the D-Bus object path */
  char *url;       /* [USER@]HOST::SECONDARY, as the gluster CLI takes it */
  char *dir;       /* GLUSTERD_DIR/geo-replication/PRIMARY_HOST_SECONDARY */
  char *conf_path; /* the session's gsyncd.conf in dir */
  char *pid_file;  /* GLUSTER_RUN_DIR/gsyncd-PRIMARY-HOST-SECONDARY.pid */
} GrSessionId;

/* @user may be NULL for root. */
GrSessionId *gr_session_id_new (const GrConfig *config,
                                const char *primary,
                                const char *user,
                                const char *host,
                                const char *secondary);
/* The same session with another secondary user. */
GrSessionId *gr_session_id_new_with_user (const GrSessionId *id,
                                          const char *user);
GrSessionId *gr_session_id_ref (GrSessionId *id);
void gr_session_id_unref (GrSessionId *id);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrSessionId, gr_session_id_unref)

/* Whether gluster keeps the session's directory on this node: the only
 * way to tell "no such session" from a failing status command. */
gboolean gr_session_id_dir_exists (const GrSessionId *id);
/* The modification time (µs) of the session's gsyncd.conf, 0 if none. */
gint64 gr_session_id_conf_mtime (const GrSessionId *id);

/* Whether this node has a geo-replication session directory of one of
 * @volumes (PRIMARY_HOST_SECONDARY, with PRIMARY among them). A directory
 * left behind by a deleted volume does not count: gluster's status knows
 * sessions from its volumes only. */
gboolean gr_session_id_any_dir (const GrConfig *config,
                                const char *const *volumes);

G_END_DECLS
