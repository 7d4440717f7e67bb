/* georepd: one geo-replication session in the model, exported as
 * …/sessions/LABEL with the Session interface. */
#pragma once

#include "gr-daemon.h"
#include "gr-gluster-types.h"

G_BEGIN_DECLS

struct _GrSessionObject {
  GrDaemon *daemon;
  char *label;
  char *path;
  char *primary;
  char *host;
  char *secondary;
  GrObjectSkeleton *object;
  GrSession *iface;
  gboolean seen; /* present in the last full refresh */
  GrSessionStatus
      *status; /* gluster's last word, updated from local status files */
  guint64 config_checkpoint; /* the checkpoint in the config, Unix seconds */
  gint64 config_mtime;       /* of gsyncd.conf when Config was read; -1 never */
  GVariant *effective_config; /* a{ss}: every option, for GetEffectiveConfig */
};

GrSessionObject *gr_session_object_new (GrDaemon *daemon,
                                        const char *primary,
                                        const char *host,
                                        const char *secondary);
void gr_session_object_free (GrSessionObject *session);

/* Sets every status property from gluster's view at once, so that one
 * PropertiesChanged carries all that changed. Takes @status. */
void gr_session_object_apply_status (GrSessionObject *session,
                                     GrSessionStatus *status,
                                     const GrVolumeInfo *volume);
/* A session's config (key → value, as parsed) as an a{ss}: sorted and
 * flattened, a few KB instead of a hash table's tens, so that a refresh
 * can hold a thousand until it applies them. With @set_keys, only the
 * options an admin set among those (Config); NULL: all (the effective
 * config). */
GVariant *gr_session_config_to_variant (GHashTable *config,
                                        GHashTable *set_keys);
/* Keeps @config (every option) for GetEffectiveConfig and sets Config to
 * @set_config (the options set); a{ss} from gr_session_config_to_variant. */
void gr_session_object_apply_config (GrSessionObject *session,
                                     GVariant *config,
                                     GVariant *set_config);
/* glusterd cannot be asked: the status is unknown, not stale. */
void gr_session_object_set_unknown (GrSessionObject *session);

/* The Workers entry of one worker. */
GVariant *gr_worker_to_variant (const GrWorker *worker);

/* Registers the method handlers (gr-session-methods.c). */
void gr_session_object_connect_methods (GrSessionObject *session);
/* Calls that arrive after the session is freed are refused. */
void gr_session_object_disconnect_methods (GrSessionObject *session);

G_END_DECLS
