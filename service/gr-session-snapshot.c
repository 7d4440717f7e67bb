/* georepd: one session as one refresh read it (gr-session-snapshot.h). */
#include "gr-effective-config.h"
#include "gr-session-snapshot.h"

GrSessionSnapshot *
gr_session_snapshot_new (GrSessionId *id,
                         GrSessionStatus *status,
                         const GrVolumeInfo *volume)
{
  GrSessionSnapshot *self = g_new0 (GrSessionSnapshot, 1);

  self->id = id;
  self->status = status;
  self->volume = volume;
  gr_status_add_offline_workers (status->workers, volume);
  self->state = gr_status_aggregate (status->workers, volume);
  self->config_mtime = -1;
  return self;
}

void
gr_session_snapshot_free (GrSessionSnapshot *self)
{
  gr_session_id_unref (self->id);
  g_clear_pointer (&self->status, gr_session_status_free);
  g_clear_pointer (&self->config, g_variant_unref);
  g_clear_pointer (&self->set_config, g_variant_unref);
  g_free (self);
}

GrSessionStatus *
gr_session_snapshot_steal_status (GrSessionSnapshot *self)
{
  return g_steal_pointer (&self->status);
}

gboolean
gr_session_snapshot_is_transient (const GrSessionSnapshot *self,
                                  guint64 config_checkpoint)
{
  GrStatusSummary summary;

  if (self->state == GR_SESSION_STATE_INITIALIZING)
    return TRUE;
  if (self->status == NULL)
    return FALSE;
  gr_status_summarize (self->status->workers, &summary);
  return MAX (summary.checkpoint_time, config_checkpoint) != 0 &&
         !summary.checkpoint_completed;
}

guint64
gr_session_snapshot_config_checkpoint (const GrSessionSnapshot *self)
{
  const char *checkpoint = NULL;

  if (self->config == NULL || (checkpoint = gr_effective_config_lookup (
                                   self->config, "checkpoint")) == NULL)
    return 0;
  return g_ascii_strtoull (checkpoint, NULL, 10);
}
