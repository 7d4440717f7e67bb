/* georepd: a session's Health — does its data really arrive? — from what
 * is known: how it syncs, the secondary's rsync, the last verification. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  GR_HEALTH_UNKNOWN,
  GR_HEALTH_OK,
  GR_HEALTH_EMPTY_FILES,
  GR_HEALTH_MISMATCH,
} GrHealth;

typedef struct {
  const char *sync_method;     /* the session's sync-method; NULL: rsync */
  const char *rsync_options;   /* its rsync-options; NULL: none */
  const char *secondary_rsync; /* "3.5.0"; NULL: not known */
  gboolean verified;           /* a verification ran to its end */
  guint mismatches;            /* …and found these */
} GrHealthFacts;

/* The health and, unless ok, why (*@message, newly allocated). A
 * verification that found mismatches outweighs everything; a known bad
 * rsync outweighs a clean verification (which may have sampled files
 * synced before). */
GrHealth gr_health_assess (const GrHealthFacts *facts, char **message);
const char *gr_health_to_string (GrHealth health);

G_END_DECLS
