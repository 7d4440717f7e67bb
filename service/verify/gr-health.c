/* georepd: a session's Health (gr-health.h). */
#include "gr-health.h"
#include "gr-rsync-receiver.h"

const char *
gr_health_to_string (GrHealth health)
{
  static const char *const names[] = {
    [GR_HEALTH_UNKNOWN] = "unknown",
    [GR_HEALTH_OK] = "ok",
    [GR_HEALTH_EMPTY_FILES] = "empty-files",
    [GR_HEALTH_MISMATCH] = "mismatch",
  };

  return names[health];
}

static gboolean
syncs_with_rsync (const GrHealthFacts *facts)
{
  return facts->sync_method == NULL || *facts->sync_method == '\0' ||
         g_str_equal (facts->sync_method, "rsync");
}

GrHealth
gr_health_assess (const GrHealthFacts *facts, char **message)
{
  *message = NULL;
  if (facts->verified && facts->mismatches > 0)
    {
      *message = g_strdup_printf (
          "The last verification found %u file(s) that differ between the "
          "primary and the secondary (Verify lists them)",
          facts->mismatches);
      return GR_HEALTH_MISMATCH;
    }
  if (gr_rsync_session_leaves_files_empty (
          facts->sync_method, facts->rsync_options, facts->secondary_rsync))
    {
      *message = g_strdup_printf (
          "The secondary's rsync %s skips every file gsyncd sends: files "
          "arrive empty while the status says synced. Set rsync-options "
          "to " GR_RSYNC_FOLLOW_CWD_OPTIONS " or sync-method to tarssh",
          facts->secondary_rsync);
      return GR_HEALTH_EMPTY_FILES;
    }
  if (facts->verified || facts->secondary_rsync != NULL ||
      !syncs_with_rsync (facts))
    return GR_HEALTH_OK;
  *message = g_strdup ("Neither verified nor known to be safe: Verify "
                       "compares the files, a destination's Test tells the "
                       "secondary's rsync");
  return GR_HEALTH_UNKNOWN;
}
