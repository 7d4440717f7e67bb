/* Unit tests: gsyncd.log lines (both naming generations), the failure
 * causes recognized in them and the per-worker reasons, on the recorded
 * logs in tests/data/gsyncd-log/ (see its README.md). */
#include <string.h>

#include "gr-gsyncd-cause.h"
#include "gr-gsyncd-log.h"
#include "gr-gsyncd-reasons.h"
#include "gr-start-verdict.h"
#include "gr-test-data.h"

static GrGsyncdLine *
parse (const char *text)
{
  return gr_gsyncd_line_parse (text, -1);
}

static void
test_parse_monitor (void)
{
  g_autoptr (GrGsyncdLine) line =
      parse ("[2026-12-01 10:00:00.123456] E [syncdutils(monitor):851:logerr]"
             " Popen: ssh> ssh: connect to host 127.0.0.1 port 22: "
             "Connection refused");
  g_autoptr (GDateTime) when = NULL;

  g_assert_nonnull (line);
  g_assert_cmpint (line->level, ==, GR_GSYNCD_LEVEL_ERROR);
  g_assert_cmpint (line->role, ==, GR_GSYNCD_ROLE_MONITOR);
  g_assert_null (line->brick);
  g_assert_cmpstr (line->message, ==,
                   "ssh> ssh: connect to host 127.0.0.1 port 22: "
                   "Connection refused");
  when = g_date_time_new_utc (2026, 12, 1, 10, 0, 0);
  g_assert_cmpint (line->time, ==,
                   g_date_time_to_unix (when) * G_USEC_PER_SEC + 123456);
}

/* gsyncd prints the microseconds with %d: ".95871" is 95871 µs. */
static void
test_parse_worker_and_time (void)
{
  g_autoptr (GrGsyncdLine) line =
      parse ("[2021-03-02 08:15:02.95871] I [primary(worker /bricks/b 1)"
             ":1645:register] _GPrimary: Working dir [{path=/x}]");

  g_assert_nonnull (line);
  g_assert_cmpint (line->role, ==, GR_GSYNCD_ROLE_WORKER);
  g_assert_cmpstr (line->brick, ==, "/bricks/b 1");
  g_assert_cmpint (line->time % G_USEC_PER_SEC, ==, 95871);
  g_assert_cmpstr (line->message, ==, "Working dir [{path=/x}]");
}

static void
test_parse_roles (void)
{
  g_autoptr (GrGsyncdLine) agent =
      parse ("[2021-03-02 08:15:01.9] I [changelogagent(agent /bricks/m1):72:"
             "__init__] ChangelogAgent: Agent listining...");
  g_autoptr (GrGsyncdLine) oldest =
      parse ("[2017-01-01 00:00:00.1] E [resource(/b/x):1:f] <top>: boom");
  g_autoptr (GrGsyncdLine) helper =
      parse ("[2021-03-02 08:15:01.2] I [gsyncd(config-get):318:main] <top>: "
             "Using session config file [{path=/a}]");
  g_autoptr (GrGsyncdLine) named =
      parse ("[2021-03-02 08:15:01.8] I [monitor(monitor):160:monitor] "
             "Monitor: starting gsyncd worker [{brick=/bricks/m1}, "
             "{slave_node=10.0.0.2}]");

  g_assert_cmpint (agent->role, ==, GR_GSYNCD_ROLE_WORKER);
  g_assert_cmpstr (agent->brick, ==, "/bricks/m1");
  g_assert_cmpint (oldest->role, ==, GR_GSYNCD_ROLE_WORKER);
  g_assert_cmpstr (oldest->brick, ==, "/b/x");
  g_assert_cmpint (helper->role, ==, GR_GSYNCD_ROLE_OTHER);
  g_assert_null (helper->brick);
  g_assert_cmpint (named->role, ==, GR_GSYNCD_ROLE_MONITOR);
  g_assert_cmpstr (named->brick, ==, "/bricks/m1");
}

static void
test_parse_not_lines (void)
{
  const char *const texts[] = {
    "",
    "Traceback (most recent call last):",
    "  File \"/usr/lib/x/gsyncd.py\", line 1, in <module>",
    "[2021-03-02 08:15:01.2] X [gsyncd(monitor):1:f] <top>: bad level",
    "[2021-03-02 08:15:01.2] E no origin",
    "[unterminated",
    "[2021-03-02 08:15:01.2] E [noparens] <top>: x",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    g_assert_null (gr_gsyncd_line_parse (texts[i], -1));
}

/* Whatever a log holds, what leaves the parser is valid UTF-8 without
 * control characters, and bounded. */
static void
test_clean (void)
{
  const char raw[] = "a\tb\x1b[31mc\xff\xfe\xc2\x9b"
                     "d\x7f";
  g_autofree char *clean = gr_gsyncd_clean (raw, -1, 100);
  g_autoptr (GString) longer = g_string_new ("[2021-03-02 08:15:01.2] E "
                                             "[x(monitor):1:f] <top>: ");
  g_autoptr (GrGsyncdLine) line = NULL;

  g_assert_true (g_utf8_validate (clean, -1, NULL));
  for (const char *p = clean; *p; p = g_utf8_next_char (p))
    g_assert_false (g_unichar_iscntrl (g_utf8_get_char (p)));
  g_assert_true (g_str_has_prefix (clean, "a b [31mc"));
  for (int i = 0; i < 1000; i++)
    g_string_append (longer, "é");
  line = gr_gsyncd_line_parse (longer->str, longer->len);
  g_assert_cmpuint (strlen (line->message), <=, GR_GSYNCD_MESSAGE_MAX);
  g_assert_true (g_utf8_validate (line->message, -1, NULL));
  g_assert_true (g_str_has_suffix (line->message, "…"));
}

static void
test_field (void)
{
  const char *message = "Config Change [{brick=/b/x}, {sync_jobs=4}]";
  g_autofree char *brick = gr_gsyncd_field (message, "brick");
  g_autofree char *jobs = gr_gsyncd_field (message, "sync_jobs");
  g_autofree char *none = gr_gsyncd_field (message, "none");

  g_assert_cmpstr (brick, ==, "/b/x");
  g_assert_cmpstr (jobs, ==, "4");
  g_assert_null (none);
}

static void
test_cause_table (void)
{
  gsize n;
  const GrGsyncdCause *causes = gr_gsyncd_causes (&n);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (n, >=, 15);
  for (gsize i = 0; i < n; i++)
    {
      g_assert_true (g_hash_table_add (seen, (gpointer) causes[i].id));
      g_assert_cmpuint (strlen (causes[i].advice), >, 20);
      g_assert_true (gr_gsyncd_cause_lookup (causes[i].id) == &causes[i]);
    }
  g_assert_nonnull (gr_gsyncd_cause_lookup (GR_GSYNCD_CAUSE_UNKNOWN));
}

static const char *
cause_of (const char *text)
{
  g_autoptr (GrGsyncdLine) line = parse (text);
  const GrGsyncdCause *cause;

  g_assert_nonnull (line);
  cause = gr_gsyncd_cause_find (line);
  return cause ? cause->id : NULL;
}

static void
test_cause_find (void)
{
  g_assert_null (cause_of ("[2021-03-02 08:15:01.2] I [m(monitor):1:f] "
                           "Monitor: starting gsyncd worker [{brick=/b}]"));
  g_assert_cmpstr (cause_of ("[2021-03-02 08:15:01.2] E [m(monitor):1:f] "
                             "<top>: something new"),
                   ==, GR_GSYNCD_CAUSE_UNKNOWN);
  g_assert_cmpstr (cause_of ("[2021-03-02 08:15:01.2] I [m(monitor):1:f] "
                             "Monitor: worker died in startup phase "
                             "[{brick=/b}]"),
                   ==, "worker-died");
  g_assert_cmpstr (cause_of ("[2021-03-02 08:15:01.2] E [s(worker /b):1:f] "
                             "Popen: ssh> ssh: Could not resolve hostname "
                             "nowhere: Name or service not known"),
                   ==, "ssh-host-unreachable");
}

/* A recorded log fed whole: the reasons left at its end. */
static GrGsyncdReasons *
feed_file (const char *name)
{
  g_autofree char *path = g_build_filename ("gsyncd-log", name, NULL);
  gsize len;
  g_autofree char *data = gr_test_read_data (path, &len);
  g_auto (GStrv) lines = g_strsplit (data, "\n", -1);
  GrGsyncdReasons *reasons = gr_gsyncd_reasons_new ();

  for (guint i = 0; lines[i]; i++)
    gr_gsyncd_reasons_feed (reasons, lines[i], strlen (lines[i]));
  return reasons;
}

/* Feeds the first @n lines of a recorded log; the cause then held for
 * @brick (NULL: the monitor). */
static char *
cause_after (const char *name, guint n, const char *brick)
{
  g_autofree char *path = g_build_filename ("gsyncd-log", name, NULL);
  gsize len;
  g_autofree char *data = gr_test_read_data (path, &len);
  g_auto (GStrv) lines = g_strsplit (data, "\n", -1);
  g_autoptr (GrGsyncdReasons) reasons = gr_gsyncd_reasons_new ();
  const GrGsyncdReason *reason;

  for (guint i = 0; lines[i] && i < n; i++)
    gr_gsyncd_reasons_feed (reasons, lines[i], strlen (lines[i]));
  reason = gr_gsyncd_reasons_get (reasons, brick);
  return reason ? g_strdup (reason->cause) : NULL;
}

/* gsyncd logs an exception as "FAIL:" and a traceback: its last line is
 * the reason. */
static void
test_v10_traceback (void)
{
  g_autofree char *cause =
      cause_after ("v10-rsync-gone.log", 21,
                   "/var/tmp/georep-sandbox/bricks/grsbrsnp.1796325519486383");
  g_autofree char *before =
      cause_after ("v10-rsync-gone.log", 20,
                   "/var/tmp/georep-sandbox/bricks/grsbrsnp.1796325519486383");
  g_autoptr (GrGsyncdReasons) reasons = feed_file ("v10-rsync-gone.log");
  const GrGsyncdReason *reason = gr_gsyncd_reasons_get (
      reasons, "/var/tmp/georep-sandbox/bricks/grsbrsnp.1796325519486383");

  g_assert_null (before);
  g_assert_cmpstr (cause, ==, "rsync-missing-local");
  /* Still the reason after "worker died" and the restart that follows. */
  g_assert_nonnull (reason);
  g_assert_cmpstr (reason->cause, ==, "rsync-missing-local");
  g_assert_nonnull (strstr (reason->message, "gone-rsync"));
}

static void
test_v9_reasons (void)
{
  const struct {
    guint lines;
    const char *brick;
    const char *cause;
  } cases[] = {
    { 10, "/bricks/m1", "gsyncd-missing-remote" },
    /* "worker died" does not hide the cause logged just before */
    { 13, "/bricks/m1", "gsyncd-missing-remote" },
    { 22, "/bricks/m1", NULL }, /* Active again */
    { 25, "/bricks/m1", "rsync-missing-remote" },
    { 29, "/bricks/m1", "rsync-missing-remote" },
    { 31, NULL, "ssh-authentication-failed" },
    { 32, NULL, "ssh-timeout" },
    { 34, "/bricks/m1", "version-mismatch" },
    { 35, "/bricks/m1", "mountbroker-refused" },
    { 37, NULL, "secondary-volume-missing" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *cause =
          cause_after ("v9-crafted.log", cases[i].lines, cases[i].brick);

      g_test_message ("after line %u", cases[i].lines);
      g_assert_cmpstr (cause, ==, cases[i].cause);
    }
}

static void
test_reasons_message (void)
{
  g_autoptr (GrGsyncdReasons) reasons = feed_file ("v9-crafted.log");
  const GrGsyncdReason *monitor = gr_gsyncd_reasons_get (reasons, NULL);
  const GrGsyncdReason *latest;

  g_assert_nonnull (monitor);
  g_assert_true (g_str_has_prefix (monitor->message,
                                   "The secondary volume does not exist"));
  g_assert_nonnull (strstr (monitor->message, "(gsyncd: getting volume info"));
  g_assert_cmpuint (strlen (monitor->message), <=, GR_GSYNCD_MESSAGE_MAX);
  latest = gr_gsyncd_reasons_latest (reasons, 0);
  g_assert_true (latest == monitor);
  g_assert_null (gr_gsyncd_reasons_latest (reasons, monitor->time + 1));
}

/* Every line of a real log reads; the worker that lost its peer keeps
 * that reason, the one running at the end has none, and the helpers'
 * errors (monitor-status) are not the session's. */
static void
test_v10_cluster (void)
{
  const char *file = "v10-cluster-peer-broken.log";
  g_autofree char *path = g_build_filename ("gsyncd-log", file, NULL);
  g_autofree char *data = gr_test_read_data (path, NULL);
  g_auto (GStrv) lines = g_strsplit (data, "\n", -1);
  g_autoptr (GrGsyncdReasons) reasons = feed_file (file);
  const GrGsyncdReason *lost = gr_gsyncd_reasons_get (
      reasons, "/var/tmp/georep-sandbox/bricks/grsb_cr_p.1796316190781347");
  guint parsed = 0;

  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr (GrGsyncdLine) line = parse (lines[i]);

      g_assert_true (line != NULL || lines[i][0] != '[');
      parsed += line != NULL;
    }
  g_assert_cmpuint (parsed, >, 250);
  g_assert_nonnull (lost);
  g_assert_cmpstr (lost->cause, ==, "connection-broken");
  g_assert_null (gr_gsyncd_reasons_get (
      reasons, "/var/tmp/georep-sandbox/bricks/grsb_cr_p.1796316362491017"));
  g_assert_null (gr_gsyncd_reasons_get (reasons, NULL));
}

/* The failure of issue 13, recorded: the session's ssh port was not kept,
 * gsyncd's monitor dialled port 22 and died; Start must say so. */
static void
test_v10_ssh_refused (void)
{
  g_autoptr (GrGsyncdReasons) reasons = feed_file ("v10-ssh-refused.log");
  const GrGsyncdReason *monitor = gr_gsyncd_reasons_get (reasons, NULL);
  g_autoptr (GDateTime) started = g_date_time_new_utc (2026, 12, 3, 16, 59, 33);
  gint64 start = g_date_time_to_unix (started) * G_USEC_PER_SEC;

  g_assert_nonnull (monitor);
  g_assert_cmpstr (monitor->cause, ==, "ssh-connection-refused");
  g_assert_nonnull (strstr (monitor->message, "ssh-port"));
  g_assert_nonnull (strstr (monitor->message, "127.0.0.1 port 22"));
  g_assert_true (gr_gsyncd_reasons_latest (reasons, start) == monitor);
  g_assert_null (
      gr_gsyncd_reasons_latest (reasons, start + 60 * G_USEC_PER_SEC));
}

static GPtrArray *
workers_with (GrWorkerStatus status)
{
  GPtrArray *workers =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gr_worker_free);
  GrWorker *worker = gr_worker_new ();

  worker->status = status;
  g_ptr_array_add (workers, worker);
  return workers;
}

static void
test_start_verdict (void)
{
  g_autoptr (GPtrArray) initializing =
      workers_with (GR_WORKER_STATUS_INITIALIZING);
  g_autoptr (GPtrArray) active = workers_with (GR_WORKER_STATUS_ACTIVE);
  g_autoptr (GPtrArray) none = g_ptr_array_new ();
  GrGsyncdReason reason = { .cause = (char *) "ssh-connection-refused",
                            .message = (char *) "The secondary host refused" };
  const gint64 late = GR_START_MONITOR_GRACE_US;
  g_autofree char *because = gr_start_failure_message (&reason, FALSE, 30);
  g_autofree char *timed_out = gr_start_failure_message (NULL, TRUE, 30);

  g_assert_cmpint (gr_start_verdict (TRUE, initializing, NULL, 0), ==,
                   GR_START_WAITING);
  g_assert_cmpint (gr_start_verdict (FALSE, initializing, NULL, 0), ==,
                   GR_START_WAITING);
  g_assert_cmpint (gr_start_verdict (FALSE, initializing, NULL, late), ==,
                   GR_START_FAILED);
  g_assert_cmpint (gr_start_verdict (TRUE, initializing, &reason, 0), ==,
                   GR_START_FAILED);
  g_assert_cmpint (gr_start_verdict (TRUE, active, &reason, 0), ==,
                   GR_START_RUNNING);
  g_assert_cmpint (gr_start_verdict (FALSE, none, NULL, late), ==,
                   GR_START_RUNNING);
  g_assert_nonnull (strstr (because, "The secondary host refused"));
  g_assert_nonnull (strstr (timed_out, "30 s"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gsyncd-log/parse/monitor", test_parse_monitor);
  g_test_add_func ("/gsyncd-log/parse/worker", test_parse_worker_and_time);
  g_test_add_func ("/gsyncd-log/parse/roles", test_parse_roles);
  g_test_add_func ("/gsyncd-log/parse/not-lines", test_parse_not_lines);
  g_test_add_func ("/gsyncd-log/clean", test_clean);
  g_test_add_func ("/gsyncd-log/field", test_field);
  g_test_add_func ("/gsyncd-log/cause/table", test_cause_table);
  g_test_add_func ("/gsyncd-log/cause/find", test_cause_find);
  g_test_add_func ("/gsyncd-log/reasons/v9", test_v9_reasons);
  g_test_add_func ("/gsyncd-log/reasons/message", test_reasons_message);
  g_test_add_func ("/gsyncd-log/reasons/v10-cluster", test_v10_cluster);
  g_test_add_func ("/gsyncd-log/reasons/v10-ssh-refused", test_v10_ssh_refused);
  g_test_add_func ("/gsyncd-log/reasons/v10-traceback", test_v10_traceback);
  g_test_add_func ("/gsyncd-log/start-verdict", test_start_verdict);
  return g_test_run ();
}
