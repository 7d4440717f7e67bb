/* Integration tests (sandbox): a session's lag, history, health alert
 * and metrics against a real session whose writes the test controls,
 * and a real Prometheus (scripts/sandbox start_prometheus) scraping
 * georepd's /metrics, compared with gluster's own status. */
#include <glib/gstdio.h>
#include <signal.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "gr-error.h"
#include "gr-names.h"
#include "gr-test-gluster.h"
#include "gr-test-gsyncd.h"
#include "gr-test-util.h"
#include "gr-gluster-types.h"
#include "gr-xml-geo-status.h"

#define HOST "127.0.0.1"
#define PRIMARY "grsblagp"
#define SECONDARY "grsblags"

typedef struct {
  GDBusConnection *bus;
  GrManager *manager;
  GDBusObjectManager *objects;
  char *path;
  GrSession *session;
  char *mount;
  GPid stopped_worker; /* a gsyncd worker this test stopped (SIGSTOP) */
} Fixture;

static GVariant *
no_options (void)
{
  return g_variant_new ("a{sv}", NULL);
}

static gint64
now_s (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static GVariant *
create_options (void)
{
  GVariantBuilder options;

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (
      &options, "{sv}", "ssh-port",
      g_variant_new_uint16 ((guint16) atoi (gr_test_env ("GEOREP_SSH_PORT"))));
  /* This platform's rsync leaves gsyncd's files empty without it
   * (docs/rsync-empty-files.md); CreateSession refuses whenever it can
   * tell, as with a root destination that an earlier test left. */
  g_variant_builder_add (&options, "{sv}", "rsync-follow-cwd",
                         g_variant_new_boolean (TRUE));
  return g_variant_builder_end (&options);
}

static void
create_session (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDBusObject) object = NULL;

  gr_manager_call_create_session_sync (f->manager, PRIMARY, HOST, SECONDARY,
                                       create_options (), &f->path, NULL,
                                       &error);
  g_assert_no_error (error);
  gr_test_wait_for_hooks ();
  gr_test_await_object (f->objects, f->path, TRUE, 10000);
  object = g_dbus_object_manager_get_object (f->objects, f->path);
  f->session = gr_object_get_session (GR_OBJECT (object));
  g_dbus_proxy_set_default_timeout (G_DBUS_PROXY (f->session), 300000);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->bus = gr_test_bus ();
  f->manager = gr_test_manager (f->bus);
  f->objects = gr_test_objects (f->bus);
  gr_test_session_destroy (PRIMARY, HOST, SECONDARY);
  gr_test_volume_create (PRIMARY);
  gr_test_volume_create (SECONDARY);
  create_session (f);
  gr_session_call_start_sync (f->session, no_options (), NULL, &error);
  g_assert_no_error (error);
  f->mount = gr_test_mount (PRIMARY);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->stopped_worker > 0)
    kill (f->stopped_worker, SIGCONT);
  if (f->mount != NULL)
    gr_test_unmount (f->mount);
  gr_test_session_destroy (PRIMARY, HOST, SECONDARY);
  gr_test_volume_destroy (PRIMARY);
  gr_test_volume_destroy (SECONDARY);
  g_free (f->mount);
  g_clear_object (&f->session);
  g_free (f->path);
  g_clear_object (&f->objects);
  g_clear_object (&f->manager);
  g_clear_object (&f->bus);
}

static void
write_files (Fixture *f, const char *prefix, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%u", prefix, i);
      g_autofree char *path = g_build_filename (f->mount, name, NULL);
      g_autoptr (GError) error = NULL;

      g_assert_true (g_file_set_contents (path, name, -1, &error));
    }
}

/* --- waiting for the session's properties --- */

typedef struct {
  Fixture *f;
  gint64 lag;
  guint64 synced_since; /* LastSynced at least this */
  gint64 touched;       /* see gr_test_nudge_changelog */
} LagWait;

static gboolean
lag_is (gpointer data)
{
  LagWait *wait = data;

  if (gr_session_get_lag (wait->f->session) != wait->lag)
    return FALSE;
  if (gr_session_get_last_synced (wait->f->session) >= wait->synced_since)
    return TRUE;
  if (wait->lag == 0)
    gr_test_nudge_changelog (wait->f->mount, &wait->touched);
  return FALSE;
}

static void
await_lag (Fixture *f, gint64 lag, guint64 synced_since, guint seconds)
{
  LagWait wait = { f, lag, synced_since, 0 };

  if (!gr_test_wait_for (lag_is, &wait, seconds * 1000))
    g_error ("Lag stayed %" G_GINT64_FORMAT " (LastSynced %" G_GUINT64_FORMAT
             ", Status %s), expected %" G_GINT64_FORMAT
             " with LastSynced >= %" G_GUINT64_FORMAT,
             gr_session_get_lag (f->session),
             gr_session_get_last_synced (f->session),
             gr_session_get_status (f->session), lag, synced_since);
}

static void
refresh (Fixture *f)
{
  g_autoptr (GError) error = NULL;

  gr_manager_call_refresh_sync (f->manager, no_options (), NULL, &error);
  g_assert_no_error (error);
  gr_test_dispatch_pending ();
}

/* The Workers entry of the Active worker. */
static GVariant *
active_worker (Fixture *f)
{
  GVariant *workers = gr_session_get_workers (f->session);

  for (gsize i = 0; workers && i < g_variant_n_children (workers); i++)
    {
      g_autoptr (GVariant) worker = g_variant_get_child_value (workers, i);
      const char *status = "";

      g_variant_lookup (worker, "status", "&s", &status);
      if (g_str_equal (status, "Active"))
        return g_steal_pointer (&worker);
    }
  return NULL;
}

/* Synced and then idle: LastSynced grows old, the lag stays 0. Stopped:
 * unknown. Written while stopped and started again: behind by at least
 * as long as it was stopped, until it caught up. */
static void
test_lag_follows_writes (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) worker = NULL;
  guint64 written;
  gint64 lag = -1;

  written = (guint64) now_s ();
  write_files (f, "first", 3);
  await_lag (f, 0, written, 180);
  g_usleep (6 * G_USEC_PER_SEC);
  refresh (f);
  g_assert_cmpint (gr_session_get_lag (f->session), ==, 0);
  g_assert_cmpint (now_s () - (gint64) gr_session_get_last_synced (f->session),
                   >=, 5);
  g_assert_cmpstr (gr_session_get_lag_trend (f->session), ==, "steady");
  worker = active_worker (f);
  g_assert_nonnull (worker);
  g_assert_true (g_variant_lookup (worker, "lag", "x", &lag));
  g_assert_cmpint (lag, ==, 0);

  gr_session_call_stop_sync (f->session, no_options (), NULL, &error);
  g_assert_no_error (error);
  await_lag (f, -1, 0, 60);
  written = (guint64) now_s ();
  write_files (f, "second", 20);
  g_usleep (5 * G_USEC_PER_SEC);
  gr_session_call_start_sync (f->session, no_options (), NULL, &error);
  g_assert_no_error (error);
  await_lag (f, 0, written, 180);
}

/* --- history --- */

static void
test_history (Fixture *f, gconstpointer data)
{
  g_autoptr (GVariant) samples = NULL;
  g_autoptr (GVariant) recent = NULL;
  g_autoptr (GVariant) last = NULL;
  g_autoptr (GError) error = NULL;
  guint64 first_time = 0, last_time = 0;
  guint32 active = 0;
  gint64 lag = -2;

  write_files (f, "history", 2);
  await_lag (f, 0, 1, 180);
  /* HistoryInterval is 2 s in the sandbox: three samples at least. */
  g_usleep (7 * G_USEC_PER_SEC);
  g_assert_true (gr_session_call_get_history_sync (f->session, no_options (),
                                                   &samples, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_variant_n_children (samples), >=, 3);
  last =
      g_variant_get_child_value (samples, g_variant_n_children (samples) - 1);
  g_assert_true (g_variant_lookup (last, "time", "t", &last_time));
  g_assert_true (g_variant_lookup (last, "active", "u", &active));
  g_assert_true (g_variant_lookup (last, "lag", "x", &lag));
  g_assert_cmpuint (active, ==, 1);
  /* Known, and small: gsyncd may be in the middle of a batch (changes
   * pending since its last sync) when the sample is taken. */
  g_assert_cmpint (lag, >=, 0);
  g_assert_cmpint (lag, <, 60);
  g_assert_cmpint ((gint64) last_time, >=, now_s () - 4);
  {
    g_autoptr (GVariant) first = g_variant_get_child_value (samples, 0);
    g_variant_lookup (first, "time", "t", &first_time);
  }
  g_assert_cmpuint (first_time, <, last_time);
  g_assert_true (gr_session_call_get_history_sync (
      f->session, g_variant_new_parsed ("{'since': <%t>}", last_time), &recent,
      NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_variant_n_children (recent), >=, 1);
  g_assert_cmpuint (g_variant_n_children (recent), <,
                    g_variant_n_children (samples));
  g_assert_false (gr_session_call_get_history_sync (
      f->session, g_variant_new_parsed ("{'bogus': <1>}"), &recent, NULL,
      &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT);
}

/* --- Prometheus --- */

/* Prometheus's answer to an instant query: its result array. */
static JsonArray *
prometheus_query (const char *query)
{
  g_autoptr (SoupSession) soup = soup_session_new ();
  g_autofree char *escaped = g_uri_escape_string (query, NULL, FALSE);
  g_autofree char *url =
      g_strdup_printf ("%sapi/v1/query?query=%s",
                       gr_test_env ("GEOREP_PROMETHEUS_URL"), escaped);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body =
      soup_session_send_and_read (soup, msg, NULL, &error);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root;

  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);
  g_assert_true (
      json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                  (gssize) g_bytes_get_size (body), &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "status"), ==,
                   "success");
  return json_array_ref (json_object_get_array_member (
      json_object_get_object_member (root, "data"), "result"));
}

typedef struct {
  const char *query;
  JsonArray *result;
} QueryWait;

static gboolean
query_answers (gpointer data)
{
  QueryWait *wait = data;

  g_clear_pointer (&wait->result, json_array_unref);
  wait->result = prometheus_query (wait->query);
  return json_array_get_length (wait->result) > 0;
}

static JsonArray *
await_query (const char *query)
{
  QueryWait wait = { query, NULL };

  if (!gr_test_wait_for (query_answers, &wait, 30000))
    g_error ("Prometheus has no series for %s", query);
  return wait.result;
}

static const char *
series_label (JsonArray *result, const char *label)
{
  JsonObject *series = json_array_get_object_element (result, 0);

  return json_object_get_string_member (
      json_object_get_object_member (series, "metric"), label);
}

static double
series_value (JsonArray *result)
{
  JsonObject *series = json_array_get_object_element (result, 0);
  JsonArray *value = json_object_get_array_member (series, "value");

  return g_ascii_strtod (json_array_get_string_element (value, 1), NULL);
}

/* gluster's own status of the session's workers. */
static GPtrArray *
gluster_status (void)
{
  const char *argv[] = { gr_test_env ("GEOREP_GLUSTER"),
                         "--mode=script",
                         "--xml",
                         "volume",
                         "geo-replication",
                         PRIMARY,
                         HOST "::" SECONDARY,
                         "status",
                         NULL };
  int status;
  g_autofree char *out = gr_test_run (&status, argv);
  g_autoptr (GError) error = NULL;
  GrCliStatus envelope;
  GPtrArray *sessions =
      gr_xml_read_geo_status (out, strlen (out), &envelope, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (sessions->len, ==, 1);
  return sessions;
}

static void
test_prometheus (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) sessions = NULL;
  g_autoptr (JsonArray) active = NULL;
  g_autoptr (JsonArray) lag = NULL;
  g_autoptr (JsonArray) faulty = NULL;
  const GrWorker *worker;
  GrSessionStatus *status;

  write_files (f, "metrics", 2);
  await_lag (f, 0, 1, 180);
  active = await_query ("georepd_worker_state{primary_volume=\"" PRIMARY
                        "\",secondary_volume=\"" SECONDARY
                        "\",georepd_worker_state=\"Active\"} == 1");
  lag = await_query ("georepd_worker_lag_seconds{primary_volume=\"" PRIMARY
                     "\"}");
  faulty = prometheus_query ("georepd_worker_state{primary_volume=\"" PRIMARY
                             "\",georepd_worker_state=\"Faulty\"} == 1");
  sessions = gluster_status ();
  status = sessions->pdata[0];
  g_assert_cmpuint (status->workers->len, ==, 1);
  worker = status->workers->pdata[0];
  /* The series Prometheus holds name gluster's worker, in gluster's
   * state, with the lag gluster's figures give (Active, Changelog
   * Crawl, nothing pending: 0). */
  g_assert_cmpint (worker->status, ==, GR_WORKER_STATUS_ACTIVE);
  g_assert_cmpuint (json_array_get_length (active), ==, 1);
  g_assert_cmpstr (series_label (active, "node"), ==, worker->primary_node);
  g_assert_cmpstr (series_label (active, "brick"), ==, worker->primary_brick);
  g_assert_cmpstr (series_label (active, "secondary_host"), ==, HOST);
  g_assert_cmpuint (json_array_get_length (faulty), ==, 0);
  g_assert_cmpint (worker->crawl_status, ==, GR_CRAWL_STATUS_CHANGELOG);
  g_assert_cmpuint (worker->entry + worker->data + worker->meta, ==, 0);
  g_assert_cmpstr (series_label (lag, "brick"), ==, worker->primary_brick);
  g_assert_cmpfloat (series_value (lag), ==, 0);
}

/* --- health alert --- */

typedef struct {
  gsize from; /* of the service's log, at the test's start */
  const char *label;
  const char *words;
} LogWait;

static gsize
log_size (void)
{
  GStatBuf st;

  return g_stat (gr_test_env ("GEOREP_SERVICE_LOG"), &st) == 0
             ? (gsize) st.st_size
             : 0;
}

/* A line of the service's log since the test began, with the session's
 * label and @words. */
static gboolean
log_says (gpointer data)
{
  LogWait *wait = data;
  g_autofree char *text = NULL;
  gsize len = 0;
  g_auto (GStrv) lines = NULL;

  if (!g_file_get_contents (gr_test_env ("GEOREP_SERVICE_LOG"), &text, &len,
                            NULL) ||
      len < wait->from)
    return FALSE;
  lines = g_strsplit (text + wait->from, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (strstr (lines[i], wait->label) && strstr (lines[i], wait->words))
      return TRUE;
  return FALSE;
}

static gboolean
is_active (gpointer data)
{
  Fixture *f = data;

  return g_strcmp0 (gr_session_get_status (f->session), "active") == 0;
}

static GPid
worker_pid (void)
{
  const char *argv[] = { "pgrep", "-f", "gsyncd.py worker " PRIMARY " ", NULL };
  int status;
  g_autofree char *out = gr_test_run (&status, argv);

  return status == 0 ? (GPid) atoi (out) : 0;
}

/* A worker killed: Faulty until gsyncd's monitor restarts it, longer
 * than the sandbox's HealthAlertDelay (3 s): one warning, then one
 * message when it is Active again. */
static void
test_health_alert (Fixture *f, gconstpointer data)
{
  LogWait wait = { 0, strrchr (f->path, '/') + 1, NULL };
  GPid pid;

  write_files (f, "health", 1);
  await_lag (f, 0, 1, 180);
  /* Its start (Initializing) may have been a spell of its own: only the
   * messages from the kill on count. */
  g_usleep (G_USEC_PER_SEC);
  wait.from = log_size ();
  pid = worker_pid ();
  g_assert_cmpint (pid, >, 0);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  wait.words = "unhealthy for";
  if (!gr_test_wait_for (log_says, &wait, 60000))
    g_error ("no health warning for %s in %s", wait.label,
             gr_test_env ("GEOREP_SERVICE_LOG"));
  g_assert_true (strstr (gr_session_get_status (f->session), "faulty") ||
                 gr_session_get_lag (f->session) == -1);
  wait.words = "healthy again";
  if (!gr_test_wait_for (log_says, &wait, 240000))
    g_error ("%s never said healthy again (Status %s)", wait.label,
             gr_session_get_status (f->session));
  /* The message follows georepd's own state; this proxy's copy of it
   * arrives with the signal. */
  if (!gr_test_wait_for (is_active, f, 10000))
    g_error ("healthy again, but Status %s",
             gr_session_get_status (f->session));
}

/* The Active worker's entry says it stalled. */
static gboolean
worker_stalled (gpointer data)
{
  g_autoptr (GVariant) worker = active_worker (data);
  const char *reason = "";

  return worker != NULL &&
         g_variant_lookup (worker, "last-error", "&s", &reason) &&
         strstr (reason, "live changelog processing stalled") != NULL;
}

/* gsyncd's worker stopped (SIGSTOP) looks like a stalled live changelog
 * (tests/gr-test-gsyncd.h): Active, Changelog Crawl, nothing pending,
 * nothing synced. The brick's changelog index shows the change waiting:
 * once it waited GR_LAG_STALLED_AFTER (120 s) the lag runs from
 * LastSynced, the worker says why and the journal warns; continued and
 * restarted, as the reason advises, it syncs and all three clear. */
static void
test_stalled (Fixture *f, gconstpointer data)
{
  g_autoptr (GVariant) worker = NULL;
  const char *reason = NULL;
  guint64 reason_time = 0;
  gint64 written;
  LogWait wait = { 0, strrchr (f->path, '/') + 1, "stalled-worker" };

  write_files (f, "before", 1);
  await_lag (f, 0, 1, 180);
  wait.from = log_size ();
  f->stopped_worker = worker_pid ();
  g_assert_cmpint (f->stopped_worker, >, 0);
  g_assert_cmpint (kill (f->stopped_worker, SIGSTOP), ==, 0);
  written = now_s ();
  write_files (f, "stalled", 1);
  if (!gr_test_wait_for (worker_stalled, f, 300000))
    g_error ("no stall reported (Lag %" G_GINT64_FORMAT ", Status %s)",
             gr_session_get_lag (f->session),
             gr_session_get_status (f->session));
  worker = active_worker (f);
  g_assert_true (g_variant_lookup (worker, "last-error", "&s", &reason));
  g_test_message ("%s", reason);
  g_assert_true (
      g_variant_lookup (worker, "last-error-time", "t", &reason_time));
  g_assert_cmpint ((gint64) reason_time, >=, written - 1);
  g_assert_cmpint (gr_session_get_lag (f->session), >=, 120);
  /* The journal's warning, past the sandbox's HealthAlertDelay (3 s). */
  g_assert_true (gr_test_wait_for (log_says, &wait, 60000));
  g_assert_cmpint (kill (f->stopped_worker, SIGCONT), ==, 0);
  f->stopped_worker = 0;
  /* What the reason advises. Continued alone, the worker sometimes syncs
   * nothing more: its live changelog processing stalled for real. */
  gr_test_restart_session (f->session);
  await_lag (f, 0, (guint64) written, 240);
  g_clear_pointer (&worker, g_variant_unref);
  worker = active_worker (f);
  g_assert_true (g_variant_lookup (worker, "last-error", "&s", &reason));
  g_assert_cmpstr (reason, ==, "");
  wait.words = "healthy again";
  g_assert_true (gr_test_wait_for (log_says, &wait, 60000));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn)                                                          \
  g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/lag-live/follows-writes", test_lag_follows_writes);
  ADD ("/lag-live/history", test_history);
  ADD ("/lag-live/prometheus", test_prometheus);
  ADD ("/lag-live/health-alert", test_health_alert);
  ADD ("/lag-live/stalled", test_stalled);
#undef ADD
  return g_test_run ();
}
