/* Integration tests (a private georepd, gluster's recorded answers):
 * a session's history survives a restart of georepd (history.json in
 * the state directory, saved when it stops), and a corrupt file is set
 * aside, not silently overwritten. */
#include <glib/gstdio.h>
#include <signal.h>

#include "gr-label.h"
#include "gr-names.h"
#include "gr-test-private.h"
#include "gr-test-util.h"

static GrPrivateService *service;

static GVariant *
history (void)
{
  g_autofree char *path =
      gr_session_path ("grsb_rec_p", "127.0.0.1", "grsb_rec_s2");
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = g_dbus_connection_call_sync (
      service->bus, GR_DBUS_NAME, path, GR_DBUS_INTERFACE_SESSION, "GetHistory",
      g_variant_new_parsed ("(@a{sv} {},)"), G_VARIANT_TYPE ("(aa{sv})"), 0,
      10000, NULL, &error);

  g_assert_no_error (error);
  return g_variant_get_child_value (reply, 0);
}

static gboolean
has_samples (gpointer data)
{
  g_autoptr (GVariant) samples = history ();

  return g_variant_n_children (samples) >= GPOINTER_TO_UINT (data);
}

static guint64
first_time (GVariant *samples)
{
  g_autoptr (GVariant) first = g_variant_get_child_value (samples, 0);
  guint64 time = 0;

  g_assert_true (g_variant_lookup (first, "time", "t", &time));
  return time;
}

static void
test_history_survives_restart (void)
{
  g_autoptr (GVariant) before = NULL;
  g_autoptr (GVariant) after = NULL;
  g_autofree char *file =
      gr_private_service_path (service, "state/history.json");

  g_assert_true (gr_test_wait_for (has_samples, GUINT_TO_POINTER (3), 20000));
  before = history ();
  gr_private_service_restart (service);
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
  after = history ();
  g_assert_cmpuint (g_variant_n_children (after), >=,
                    g_variant_n_children (before));
  g_assert_cmpuint (first_time (after), ==, first_time (before));
}

static void
test_corrupt_file_set_aside (void)
{
  g_autofree char *file =
      gr_private_service_path (service, "state/history.json");
  g_autofree char *aside =
      gr_private_service_path (service, "state/history.json.corrupt");
  g_autofree char *kept = NULL;
  g_autoptr (GVariant) after = NULL;

  kill (service->service_pid, SIGSTOP);
  g_assert_true (g_file_set_contents (file, "{\"version\": 7}", -1, NULL));
  kill (service->service_pid, SIGKILL);
  gr_private_service_restart (service);
  g_assert_true (g_file_get_contents (aside, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "{\"version\": 7}");
  after = history ();
  /* Started afresh: at most the samples taken since. */
  g_assert_cmpuint (g_variant_n_children (after), <=, 2);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  service = gr_private_service_new ("history");
  gr_private_service_install_standin (service);
  {
    g_autofree char *config = g_strdup_printf (
        "GlusterCommand=%s/gluster\nPollInterval=3600\nPollIntervalMin=3600\n"
        "GlusterdDirectory=%s/glusterd\nHistoryInterval=1\n",
        service->dir, service->dir);

    gr_private_service_start (service, config);
  }
  g_test_add_func ("/history/survives-restart", test_history_survives_restart);
  g_test_add_func ("/history/corrupt-file-set-aside",
                   test_corrupt_file_set_aside);
  status = g_test_run ();
  gr_private_service_stop (service);
  return status;
}
