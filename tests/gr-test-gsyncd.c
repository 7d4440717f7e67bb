/* Integration test helper: data that gsyncd missed live
 * (gr-test-gsyncd.h). */
#include "gr-test-gsyncd.h"
#include "gr-test-util.h"

#define FIRST_WAIT_MS 60000
#define RESTARTS 3
#define WAIT_AFTER_RESTART_MS 90000

typedef struct {
  GrSession *session;
  const char *status;
} StatusWait;

static gboolean
has_status (gpointer data)
{
  StatusWait *wait = data;

  return g_strcmp0 (gr_session_get_status (wait->session), wait->status) == 0;
}

void
gr_test_await_status (GrSession *session, const char *status, guint seconds)
{
  StatusWait wait = { session, status };

  if (!gr_test_wait_for (has_status, &wait, seconds * 1000))
    g_error ("Status stayed %s, expected %s", gr_session_get_status (session),
             status);
}

void
gr_test_restart_session (GrSession *session)
{
  g_autoptr (GError) error = NULL;
  GVariant *no_options = g_variant_new ("a{sv}", NULL);

  g_test_message ("restarting the session");
  gr_session_call_stop_sync (session, no_options, NULL, &error);
  g_assert_no_error (error);
  gr_test_await_status (session, "stopped", 60);
  no_options = g_variant_new ("a{sv}", NULL);
  gr_session_call_start_sync (session, no_options, NULL, &error);
  g_assert_no_error (error);
  gr_test_await_status (session, "active", 180);
}

gboolean
gr_test_await_synced (GrSession *session,
                      gboolean (*check) (gpointer),
                      gpointer data)
{
  if (gr_test_wait_for (check, data, FIRST_WAIT_MS))
    return TRUE;
  for (guint i = 0; i < RESTARTS; i++)
    {
      g_test_message ("gsyncd missed the changes live");
      gr_test_restart_session (session);
      if (gr_test_wait_for (check, data, WAIT_AFTER_RESTART_MS))
        return TRUE;
    }
  return FALSE;
}
