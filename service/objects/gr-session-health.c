/* georepd: a session's Health and HealthMessage (gr-health.h), assessed
 * again whenever one of their inputs changes: the config (sync-method,
 * rsync-options), the secondary's rsync, LastVerification. */
#include "gr-effective-config.h"
#include "gr-health.h"
#include "gr-session-object.h"

/* Whether LastVerification holds a verification that ran to its end,
 * and its mismatches. */
static gboolean
last_verified (GrSession *iface, guint *mismatches)
{
  GVariant *last = gr_session_get_last_verification (iface);
  const char *error = NULL;
  guint32 found = 0;

  *mismatches = 0;
  if (last == NULL || !g_variant_lookup (last, "mismatches", "u", &found))
    return FALSE;
  if (g_variant_lookup (last, "error", "&s", &error) && *error != '\0')
    return FALSE;
  *mismatches = found;
  return TRUE;
}

void
gr_session_object_update_health (GrSessionObject *self)
{
  GrSession *iface = GR_SESSION (self);
  GVariant *config = gr_session_object_get_effective_config (self);
  GrHealthFacts facts = {
    .secondary_rsync = gr_session_object_get_secondary_rsync (self),
  };
  g_autofree char *message = NULL;
  GrHealth health;

  facts.sync_method = gr_effective_config_lookup (config, "sync-method");
  facts.rsync_options = gr_effective_config_lookup (config, "rsync-options");
  facts.verified = last_verified (iface, &facts.mismatches);
  health = gr_health_assess (&facts, &message);
  gr_session_set_health (iface, gr_health_to_string (health));
  gr_session_set_health_message (iface, message ? message : "");
}
