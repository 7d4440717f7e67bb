/* georepd: what one refresh learnt of one session.
 *
 * The refresher (gr-refresh.h) reads gluster and hands one snapshot per
 * session to whoever keeps the session objects
 * (objects/gr-session-sync.c), which applies it through the session's
 * one entry point (gr_session_object_apply_snapshot). Data flows that
 * way only: nothing here knows an object. */
#pragma once

#include <glib.h>

#include "gr-gluster-types.h"
#include "gr-session-id.h"
#include "gr-session-state.h"

G_BEGIN_DECLS

typedef struct {
  GrSessionId *id;
  /* gluster's status, with an Offline worker for each brick of a node
   * that did not answer; the receiver may take it
   * (gr_session_snapshot_steal_status). */
  GrSessionStatus *status;
  GrSessionState state;
  /* The primary volume as the same refresh read it; NULL when unknown.
   * Owned by the refresher, valid during the emission. */
  const GrVolumeInfo *volume;
  /* a{ss}: every option and the options set for the session; both NULL
   * when the config was not read (gsyncd.conf unchanged). */
  GVariant *config;
  GVariant *set_config;
  gint64 config_mtime; /* of gsyncd.conf when the config was read */
} GrSessionSnapshot;

/* Takes @id's reference and @status; completes the status with its
 * Offline workers and computes the state. */
GrSessionSnapshot *gr_session_snapshot_new (GrSessionId *id,
                                            GrSessionStatus *status,
                                            const GrVolumeInfo *volume);
void gr_session_snapshot_free (GrSessionSnapshot *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrSessionSnapshot, gr_session_snapshot_free)

GrSessionStatus *gr_session_snapshot_steal_status (GrSessionSnapshot *self);

/* Whether the session will change soon by itself (on its way up, or a
 * checkpoint pending: set in the workers' status or, before gsyncd
 * picked it up, in the config's @config_checkpoint): the refresher then
 * polls sooner. */
gboolean gr_session_snapshot_is_transient (const GrSessionSnapshot *self,
                                           guint64 config_checkpoint);
/* The checkpoint the snapshot's config sets (Unix seconds), 0 if none or
 * the config was not read. */
guint64 gr_session_snapshot_config_checkpoint (const GrSessionSnapshot *self);

G_END_DECLS
