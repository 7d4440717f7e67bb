/* Integration tests of georepctl against the sandbox's real service:
 * every verb's human and JSON output against the D-Bus properties, exit
 * codes from real cases, monitor following a concurrent start, key setup
 * with a password file, the man page and the bash completion. */
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "gr-error.h"
#include "gr-names.h"
#include "gr-test-ctl.h"
#include "gr-test-gluster.h"
#include "gr-test-util.h"

#define PRIMARY "grsb_ctl_p"
#define SECONDARY "grsb_ctl_s"
#define HOST "127.0.0.1"
#define SECONDARY_URL HOST "::" SECONDARY
/* A second session of PRIMARY, which makes PRIMARY alone ambiguous. */
#define SECONDARY2 "grsb_ctl_s2"
#define SECONDARY2_URL HOST "::" SECONDARY2

typedef struct {
  GDBusConnection *bus;
  GrTestCtl ctl;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->bus = gr_test_bus ();
  gr_test_ctl_init (&f->ctl);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  gr_test_ctl_clear (&f->ctl);
  g_clear_object (&f->bus);
}

static void
refresh_service (Fixture *f)
{
  gr_test_refresh (f->bus);
}

static void
session_setup (Fixture *f, gconstpointer data)
{
  fixture_setup (f, data);
  gr_test_session_destroy (PRIMARY, HOST, SECONDARY);
  gr_test_session_destroy (PRIMARY, HOST, SECONDARY2);
  gr_test_volume_create (PRIMARY);
  gr_test_volume_create (SECONDARY);
  gr_test_volume_create (SECONDARY2);
  /* The service learns of what the CLI changed at its next refresh. */
  refresh_service (f);
}

static void
session_teardown (Fixture *f, gconstpointer data)
{
  gr_test_session_destroy (PRIMARY, HOST, SECONDARY);
  gr_test_session_destroy (PRIMARY, HOST, SECONDARY2);
  gr_test_volume_destroy (PRIMARY);
  gr_test_volume_destroy (SECONDARY);
  gr_test_volume_destroy (SECONDARY2);
  fixture_teardown (f, data);
}

/* georepctl ARGS…, or PREFIX… georepctl ARGS… in the environment ENV. */
#define CTL_WITH(f, prefix, env, ...)                                          \
  gr_test_ctl_run (&(f)->ctl, (prefix), (env),                                 \
                   (const char *const[]){ __VA_ARGS__, NULL })
#define CTL(f, ...) CTL_WITH ((f), NULL, NULL, __VA_ARGS__)
#define CTL_OK(f, ...) g_assert_cmpint (CTL ((f), __VA_ARGS__), ==, 0)

static gboolean
contains (const char *text, const char *needle)
{
  return text != NULL && strstr (text, needle) != NULL;
}

static void
test_usage (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (CTL (f, "no-such-verb"), ==, 2);
  g_assert_true (
      contains (f->ctl.err, "georepctl: unknown verb 'no-such-verb'"));
  g_assert_cmpint (CTL (f, "create", PRIMARY), ==, 2);
  g_assert_cmpint (CTL (f, "create", PRIMARY, "no-double-colon"), ==, 2);
  g_assert_cmpint (CTL (f, "status", "a", "b::c", "d"), ==, 2);
  g_assert_cmpint (CTL (f, "start", "--no-such-option", PRIMARY), ==, 2);
  g_assert_cmpint (CTL (f, "--timeout", "-1", "status"), ==, 2);
  g_assert_cmpint (CTL (f, "checkpoint", PRIMARY, "--time", "yesterday"), ==,
                   2);
  g_assert_cmpint (CTL (f, "destination", "frobnicate"), ==, 2);
  /* Generated help, with the exit codes. */
  CTL_OK (f, "--help");
  g_assert_true (contains (f->ctl.out, "Exit status:") &&
                 contains (f->ctl.out, "destination"));
  CTL_OK (f, "start", "--help");
  g_assert_true (contains (f->ctl.out, "--force") &&
                 contains (f->ctl.out, "PRIMARY"));
  CTL_OK (f, "help", "create");
  g_assert_true (contains (f->ctl.out, "--ssh-port"));
  /* The options that shape the output, checked before the service is
   * asked. */
  g_assert_cmpint (CTL (f, "--json=bogus", "status"), ==, 2);
  g_assert_true (contains (f->ctl.err, "--json takes short, pretty or off"));
  g_assert_cmpint (CTL (f, "status", "--legend=maybe"), ==, 2);
  g_assert_true (contains (f->ctl.err, "--legend: expected yes or no"));
  g_assert_cmpint (CTL (f, "status", "-o", "primary,nosuch"), ==, 2);
  g_assert_cmpstr (f->ctl.err, ==,
                   "georepctl: status: no column 'nosuch'; the columns are "
                   "primary,secondary,status,health,last-synced,failures,"
                   "lag,eta "
                   "(see 'georepctl status --help')\n");
  g_assert_cmpint (CTL (f, "verify", PRIMARY, "--output=path,path"), ==, 2);
  CTL_OK (f, "destination", "list", "--output=help");
  g_assert_cmpstr (f->ctl.out, ==,
                   "host\nport\nuser\npasswordless\nlast-test\nsessions\n"
                   "key-type\nfingerprint\n");
  CTL_OK (f, "status", PRIMARY, "-o", "help");
  g_assert_true (contains (f->ctl.out, "\ncrawl-status\n"));
}

/* Runs georepctl @args on a terminal (script(1) gives it one) with
 * $PAGER and $SYSTEMD_PAGER as given (NULL: unset); the output as the
 * terminal showed it. */
static char *
run_on_terminal (Fixture *f,
                 const char *pager,
                 const char *systemd_pager,
                 const char *args)
{
  g_autofree char *command = g_strdup_printf ("'%s' %s", f->ctl.program, args);
  const char *argv[] = { "script", "-qefc", command, "/dev/null", NULL };
  g_auto (GStrv) env = g_environ_unsetenv (g_get_environ (), "PAGER");
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int wait_status;

  env = g_environ_unsetenv (env, "SYSTEMD_PAGER");
  if (pager != NULL)
    env = g_environ_setenv (env, "PAGER", pager, TRUE);
  if (systemd_pager != NULL)
    env = g_environ_setenv (env, "SYSTEMD_PAGER", systemd_pager, TRUE);
  g_spawn_sync (NULL, (char **) argv, env,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                &out, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  return out;
}

/* On a terminal the output goes through $SYSTEMD_PAGER, else $PAGER;
 * not with --no-pager, nor with cat, nor into a pipe. */
static void
test_pager (Fixture *f, gconstpointer data)
{
  const char *sed = "sed s/^/paged:/";
  g_autofree char *paged = run_on_terminal (f, sed, NULL, "help");
  g_autofree char *systemd = run_on_terminal (f, sed, "sed s/^/sd:/", "help");
  g_autofree char *no_pager = run_on_terminal (f, sed, NULL, "--no-pager help");
  g_autofree char *cat = run_on_terminal (f, sed, "cat", "help");

  g_assert_true (g_str_has_prefix (paged, "paged:Usage:"));
  g_assert_true (contains (paged, "paged:  status "));
  g_assert_true (g_str_has_prefix (systemd, "sd:Usage:"));
  g_assert_true (g_str_has_prefix (no_pager, "Usage:"));
  g_assert_true (g_str_has_prefix (cat, "Usage:"));
  g_assert_cmpint (CTL_WITH (f, NULL, NULL, "help"), ==, 0);
  g_assert_true (g_str_has_prefix (f->ctl.out, "Usage:"));
}

static void
test_version (Fixture *f, gconstpointer data)
{
  g_autoptr (GVariant) props =
      gr_test_get_all (f->bus, GR_DBUS_PATH, GR_DBUS_INTERFACE_MANAGER);
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *line = NULL;
  const char *version, *gluster;
  JsonObject *object;

  g_assert_true (g_variant_lookup (props, "Version", "&s", &version));
  g_assert_true (g_variant_lookup (props, "GlusterVersion", "&s", &gluster));
  CTL_OK (f, "version");
  line = g_strdup_printf ("georepctl %s\ngeorepd %s\nglusterfs %s\n",
                          GR_TEST_VERSION, version, gluster);
  g_assert_cmpstr (f->ctl.out, ==, line);
  CTL_OK (f, "--json", "version");
  node = gr_test_parse_json (f->ctl.out);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "georepctl"), ==,
                   GR_TEST_VERSION);
  g_assert_cmpstr (json_object_get_string_member (object, "Version"), ==,
                   version);
  g_assert_cmpstr (json_object_get_string_member (object, "GlusterVersion"), ==,
                   gluster);
  /* One line when not on a terminal. */
  g_assert_cmpint (strchr (f->ctl.out, '\n') - f->ctl.out, ==,
                   (int) strlen (f->ctl.out) - 1);
}

static guint64
last_refresh (Fixture *f)
{
  g_autoptr (GVariant) props =
      gr_test_get_all (f->bus, GR_DBUS_PATH, GR_DBUS_INTERFACE_MANAGER);
  guint64 value = 0;

  g_variant_lookup (props, "LastRefresh", "t", &value);
  return value;
}

static void
test_refresh (Fixture *f, gconstpointer data)
{
  guint64 before = last_refresh (f);

  CTL_OK (f, "refresh");
  g_assert_cmpstr (f->ctl.out, ==, "");
  g_assert_cmpuint (last_refresh (f), >, before);
}

static void
test_not_found (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (CTL (f, "status", "grsb_ctl_none"), ==, 6);
  g_assert_cmpstr (f->ctl.err, ==,
                   "georepctl: finding the session: No session grsb_ctl_none "
                   "(" GR_DBUS_ERROR_PREFIX "NotFound)\n");
  g_assert_cmpint (CTL (f, "start", "grsb_ctl_none", HOST "::grsb_ctl_none"),
                   ==, 6);
  g_assert_cmpint (CTL (f, "config", "grsb_ctl_none"), ==, 6);
  g_assert_cmpint (
      CTL (f, "destination", "test", "no-such-destination.invalid"), ==, 6);
  g_assert_true (
      contains (f->ctl.err, "No destination no-such-destination.invalid"));
}

/* A private bus on which nobody owns the service's name. */
static void
test_not_running (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) daemon = g_subprocess_new (
      G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
      &error, "dbus-daemon", "--session", "--nofork", "--print-address=1",
      NULL);
  g_autoptr (GDataInputStream) stream = NULL;
  g_autofree char *address = NULL;
  g_auto (GStrv) env = NULL;

  g_assert_no_error (error);
  stream = g_data_input_stream_new (g_subprocess_get_stdout_pipe (daemon));
  address = g_data_input_stream_read_line (stream, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (address);
  env = g_environ_setenv (g_get_environ (), "DBUS_SYSTEM_BUS_ADDRESS", address,
                          TRUE);
  g_assert_cmpint (CTL_WITH (f, NULL, env, "status"), ==, 5);
  g_assert_true (
      contains (f->ctl.err, "(org.freedesktop.DBus.Error.ServiceUnknown)"));
  g_assert_cmpint (CTL_WITH (f, NULL, env, "version"), ==, 5);
  g_assert_cmpint (CTL_WITH (f, NULL, env, "monitor"), ==, 5);
  g_assert_cmpint (CTL_WITH (f, NULL, env, "start", PRIMARY), ==, 5);
  g_subprocess_force_exit (daemon);
  g_subprocess_wait (daemon, NULL, NULL);
}

/* The unprivileged test user may read, but not probe hosts. */
static void
test_not_authorized (Fixture *f, gconstpointer data)
{
  const char *user = gr_test_env ("GEOREP_PLAIN_USER");
  struct passwd *pw = getpwnam (user);
  g_autofree char *reuid = g_strdup_printf ("--reuid=%s", user);
  g_autofree char *regid = NULL;
  const char *as[] = { "setpriv", reuid, NULL, "--init-groups", NULL };

  g_assert_nonnull (pw);
  regid = g_strdup_printf ("--regid=%u", (guint) pw->pw_gid);
  as[2] = regid;
  g_assert_cmpint (CTL_WITH (f, as, NULL, "--no-ask-password", "destination",
                             "add", HOST, "--port",
                             gr_test_env ("GEOREP_SSH_PORT"), "--yes"),
                   ==, 4);
  g_assert_true (
      contains (f->ctl.err, "georepctl: adding destination " HOST ": "));
  g_assert_true (
      contains (f->ctl.err, "(" GR_DBUS_ERROR_PREFIX "NotAuthorized"));
  g_assert_cmpint (CTL_WITH (f, as, NULL, "status"), ==, 0);
  g_assert_cmpint (CTL_WITH (f, as, NULL, "refresh"), ==, 0);
}

static void
test_man_page (Fixture *f, gconstpointer data)
{
  g_autofree char *page =
      g_build_filename (gr_test_env ("GEOREP_SOURCE_ROOT"), "clients",
                        "georepctl", "georepctl.1", NULL);
  const char *argv[] = { "man", "-l", page, NULL };
  int status;
  g_autofree char *out = gr_test_run (&status, argv);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (contains (out, "georepctl") && contains (out, "EXIT STATUS"));
  g_assert_true (contains (out, "destination setup"));
}

static char *
complete (Fixture *f, const char *words, int cword)
{
  g_autofree char *script =
      g_build_filename (gr_test_env ("GEOREP_SOURCE_ROOT"), "clients",
                        "georepctl", "georepctl.bash", NULL);
  g_autofree char *code = g_strdup_printf (
      "source '%s'; COMP_WORDS=(%s); COMP_CWORD=%d; _georepctl; "
      "echo \"${COMPREPLY[@]}\"",
      script, words, cword);
  const char *argv[] = { "bash", "-c", code, NULL };

  return g_strstrip (gr_test_run (NULL, argv));
}

/* The completion of "georepctl WORDS" (the program of the build). */
static char *
complete_ctl (Fixture *f, const char *words, int cword)
{
  g_autofree char *line = g_strdup_printf ("'%s' %s", f->ctl.program, words);

  return complete (f, line, cword);
}

/* The options come from each verb's --help, the columns from
 * --output=help. */
static void
test_completion (Fixture *f, gconstpointer data)
{
  g_autofree char *verbs = complete_ctl (f, "st", 1);
  g_autofree char *options = complete_ctl (f, "delete --re", 2);
  g_autofree char *sub = complete_ctl (f, "destination se", 2);
  g_autofree char *time = complete_ctl (f, "checkpoint v --time n", 4);
  g_autofree char *json = complete_ctl (f, "status --js", 2);
  g_autofree char *verify = complete_ctl (f, "verify --max", 2);
  g_autofree char *columns = complete_ctl (f, "status --output = st", 3);
  g_autofree char *more = complete_ctl (f, "status -o primary,las", 3);
  g_autofree char *legend = complete_ctl (f, "--legend = n", 2);

  g_assert_cmpstr (verbs, ==, "status start stop");
  g_assert_cmpstr (options, ==, "--reset-sync-time");
  g_assert_cmpstr (sub, ==, "setup");
  g_assert_cmpstr (time, ==, "now");
  g_assert_cmpstr (json, ==, "--json --json=short --json=pretty");
  g_assert_cmpstr (verify, ==, "--max-files=");
  g_assert_cmpstr (columns, ==, "status");
  g_assert_cmpstr (more, ==, "primary,last-synced");
  g_assert_cmpstr (legend, ==, "no");
}

/* The zsh completion with compsys's functions stubbed: each candidate
 * that matches the word being completed, one a line. */
static char *
complete_zsh (Fixture *f, const char *words)
{
  g_autofree char *script =
      g_build_filename (gr_test_env ("GEOREP_SOURCE_ROOT"), "clients",
                        "georepctl", "_georepctl", NULL);
  g_autofree char *code = g_strdup_printf (
      "_georepctl_offer () { shift 2; print -rl -- ${(M)@:#$PREFIX*} }\n"
      "compset () { local m=${(M)PREFIX##$~2}; IPREFIX+=$m; "
      "PREFIX=${PREFIX#$m}; [[ -n $m ]] }\n"
      "_files () { print files }; _hosts () { print hosts }\n"
      "words=('%s' %s); CURRENT=$#words; PREFIX=$words[CURRENT]\n"
      "source '%s'",
      f->ctl.program, words, script);
  const char *argv[] = { "zsh", "-f", "-c", code, NULL };
  int status;
  char *out = gr_test_run (&status, argv);

  g_assert_cmpint (status, ==, 0);
  return out;
}

static void
test_zsh_completion (Fixture *f, gconstpointer data)
{
  g_autofree char *verbs = complete_zsh (f, "st");
  g_autofree char *options = complete_zsh (f, "delete --re");
  g_autofree char *json = complete_zsh (f, "status --js");
  g_autofree char *columns = complete_zsh (f, "status --output=primary,las");
  g_autofree char *value = complete_zsh (f, "destination list -o h");
  g_autofree char *sub = complete_zsh (f, "destination se");
  g_autofree char *file =
      complete_zsh (f, "destination setup h --password-file ''");
  g_autofree char *time = complete_zsh (f, "checkpoint v --time n");

  g_assert_cmpstr (verbs, ==, "status\nstart\nstop\n");
  g_assert_cmpstr (options, ==, "--reset-sync-time\n");
  g_assert_cmpstr (json, ==, "--json\n--json=short\n--json=pretty\n");
  g_assert_cmpstr (columns, ==, "last-synced\n");
  g_assert_cmpstr (value, ==, "host\n");
  g_assert_cmpstr (sub, ==, "setup\n");
  g_assert_cmpstr (file, ==, "files\n");
  g_assert_cmpstr (time, ==, "now\n");
}

typedef struct {
  const char *name;
  GVariant *value;
} Expected;

static gboolean
property_is (GVariant *props, gconstpointer data)
{
  const Expected *expected = data;
  g_autoptr (GVariant) value =
      g_variant_lookup_value (props, expected->name, NULL);

  return value != NULL && g_variant_equal (value, expected->value);
}

static void
await_property (Fixture *f,
                const char *path,
                const char *interface,
                const char *name,
                GVariant *value)
{
  Expected expected = { name, g_variant_ref_sink (value) };

  gr_test_await_props (f->bus, path, interface, property_is, &expected, 60);
  g_variant_unref (expected.value);
}

/* The line breaks of JSON text: none on one line. */
static guint
n_lines (const char *text)
{
  guint n = 0;

  for (; *text; text++)
    n += *text == '\n';
  return n;
}

/* short is one line, pretty indented; -j and a plain --json are short
 * into a pipe; a later --json=off wins. (The texts are not compared: the
 * sandbox's other sessions may change between the calls.) */
static void
check_json_modes (Fixture *f)
{
  const char *const one_line[][2] = {
    { "--json=short", "status" },
    { "-j", "status" },
    { "status", "--json" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (one_line); i++)
    {
      g_autoptr (JsonNode) node = NULL;

      CTL_OK (f, one_line[i][0], one_line[i][1]);
      g_assert_cmpuint (n_lines (f->ctl.out), ==, 1);
      node = gr_test_parse_json (f->ctl.out);
      g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
    }
  CTL_OK (f, "status", "--json=pretty");
  g_assert_cmpuint (n_lines (f->ctl.out), >, 3);
  g_assert_true (contains (f->ctl.out, "\n  {\n    \""));
  g_assert_true (contains (f->ctl.out, "\"PrimaryVolume\" : \"" PRIMARY "\""));
  CTL_OK (f, "status", "--json=pretty", "--json=off");
  g_assert_true (contains (f->ctl.out, "PRIMARY"));
}

static void
check_status_all (Fixture *f, const char *path)
{
  g_autoptr (GVariant) props =
      gr_test_get_all (f->bus, path, GR_DBUS_INTERFACE_SESSION);
  g_autoptr (JsonNode) node = NULL;
  JsonArray *array;
  gboolean found = FALSE;

  CTL_OK (f, "status");
  g_assert_true (contains (f->ctl.out, "PRIMARY") &&
                 contains (f->ctl.out, "SECONDARY") &&
                 contains (f->ctl.out, "STATUS"));
  g_assert_true (g_regex_match_simple ("^" PRIMARY " +" SECONDARY_URL
                                       " +created ",
                                       f->ctl.out, G_REGEX_MULTILINE, 0));
  CTL_OK (f, "status", "--no-legend");
  g_assert_false (contains (f->ctl.out, "PRIMARY") ||
                  contains (f->ctl.out, "listed"));
  CTL_OK (f, "status", "--legend=no");
  g_assert_false (contains (f->ctl.out, "PRIMARY") ||
                  contains (f->ctl.out, "listed"));
  /* The columns asked for, in that order. */
  CTL_OK (f, "status", "-o", "status,primary");
  g_assert_true (
      g_regex_match_simple ("\\ASTATUS +PRIMARY\n", f->ctl.out, 0, 0));
  g_assert_true (g_regex_match_simple ("^created +" PRIMARY "$", f->ctl.out,
                                       G_REGEX_MULTILINE, 0));
  CTL_OK (f, "status", "--output=Last_Synced,SECONDARY", "--legend=no");
  g_assert_true (g_regex_match_simple ("^- +" SECONDARY_URL "$", f->ctl.out,
                                       G_REGEX_MULTILINE, 0));
  check_json_modes (f);
  CTL_OK (f, "--json", "status");
  node = gr_test_parse_json (f->ctl.out);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (
                         json_node_get_object (element), "PrimaryVolume"),
                     PRIMARY) == 0)
        {
          gr_test_assert_json_is_props (element, props);
          found = TRUE;
        }
    }
  g_assert_true (found);
}

static void
check_status_one (Fixture *f, const char *path)
{
  g_autoptr (GVariant) props =
      gr_test_get_all (f->bus, path, GR_DBUS_INTERFACE_SESSION);
  g_autoptr (GVariant) workers =
      g_variant_lookup_value (props, "Workers", G_VARIANT_TYPE ("aa{sv}"));
  g_autofree char *brick = g_build_filename (gr_test_env ("GEOREP_SANDBOX_DIR"),
                                             "bricks", PRIMARY, NULL);
  g_autoptr (JsonNode) node = NULL;

  /* PRIMARY alone names its only session. */
  CTL_OK (f, "status", PRIMARY);
  g_assert_true (g_regex_match_simple ("^Secondary: +" SECONDARY_URL "$",
                                       f->ctl.out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Status: +created$", f->ctl.out,
                                       G_REGEX_MULTILINE, 0));
  g_assert_true (contains (f->ctl.out, "NODE") &&
                 contains (f->ctl.out, "CRAWL STATUS"));
  if (workers != NULL && g_variant_n_children (workers) > 0)
    g_assert_true (contains (f->ctl.out, brick));
  CTL_OK (f, "status", PRIMARY, SECONDARY_URL, "--json");
  node = gr_test_parse_json (f->ctl.out);
  gr_test_assert_json_is_props (node, props);
}

/* Every effective option, as the service answers it. */
static GVariant *
effective_config (Fixture *f, const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = gr_test_call (
      f->bus, path, GR_DBUS_INTERFACE_SESSION, "GetEffectiveConfig",
      g_variant_new ("(a{sv})", NULL), &error);

  g_assert_no_error (error);
  return g_variant_get_child_value (reply, 0);
}

/* The options set for the session: its Config property. */
static GVariant *
set_config (Fixture *f, const char *path)
{
  g_autoptr (GVariant) props =
      gr_test_get_all (f->bus, path, GR_DBUS_INTERFACE_SESSION);
  GVariant *config =
      g_variant_lookup_value (props, "Config", G_VARIANT_TYPE ("a{ss}"));

  g_assert_nonnull (config);
  return config;
}

static char *
effective_value (Fixture *f, const char *path, const char *key)
{
  g_autoptr (GVariant) config = effective_config (f, path);
  char *value = NULL;

  g_assert_true (g_variant_lookup (config, key, "s", &value));
  return value;
}

/* The number of keys of @a and @b together. */
static guint
n_keys (GVariant *a, GVariant *b)
{
  g_autoptr (GHashTable) keys =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GVariant *both[] = { a, b };
  char *key;

  for (guint i = 0; i < G_N_ELEMENTS (both); i++)
    {
      GVariantIter iter;

      g_variant_iter_init (&iter, both[i]);
      while (g_variant_iter_next (&iter, "{s&s}", &key, NULL))
        g_hash_table_add (keys, key);
    }
  return g_hash_table_size (keys);
}

/* georepctl config --json: {"KEY": {"value": "…", "set": bool}} for
 * each key of @effective and @set; the value is the effective one. */
static void
assert_options_json (const char *text, GVariant *effective, GVariant *set)
{
  g_autoptr (JsonNode) node = gr_test_parse_json (text);
  JsonObject *object = json_node_get_object (node);
  GVariantIter iter;
  const char *key, *value;

  g_assert_cmpuint (json_object_get_size (object), ==, n_keys (effective, set));
  g_variant_iter_init (&iter, effective);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    {
      JsonObject *option = json_object_get_object_member (object, key);

      g_assert_nonnull (option);
      g_assert_cmpstr (json_object_get_string_member (option, "value"), ==,
                       value);
      g_assert_cmpint (json_object_get_boolean_member (option, "set"), ==,
                       g_variant_lookup (set, key, "&s", NULL));
    }
  g_variant_iter_init (&iter, set);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    g_assert_true (json_object_get_boolean_member (
        json_object_get_object_member (object, key), "set"));
}

/* A line of the table of georepctl config: KEY, SET, VALUE. */
static void
assert_option_row (const char *out,
                   const char *key,
                   gboolean set,
                   const char *value)
{
  g_autofree char *pattern =
      g_strdup_printf ("^%s +%s +%s$", key, set ? "yes" : "no", value);

  g_assert_true (g_regex_match_simple (pattern, out, G_REGEX_MULTILINE, 0));
}

static void
check_config_read (Fixture *f, const char *path)
{
  g_autoptr (GVariant) effective = effective_config (f, path);
  g_autoptr (GVariant) set = set_config (f, path);
  g_autofree char *sync_jobs = effective_value (f, path, "sync-jobs");
  g_autofree char *line = g_strdup_printf ("%s\n", sync_jobs);
  g_autofree char *count =
      g_strdup_printf ("\n%u options listed.\n", n_keys (effective, set));

  /* Every effective option, whether set or not. */
  g_assert_cmpuint (g_variant_n_children (effective), >,
                    g_variant_n_children (set));
  CTL_OK (f, "config", PRIMARY, SECONDARY_URL);
  g_assert_true (g_regex_match_simple ("^KEY +SET +VALUE$", f->ctl.out,
                                       G_REGEX_MULTILINE, 0));
  assert_option_row (f->ctl.out, "sync-jobs",
                     g_variant_lookup (set, "sync-jobs", "&s", NULL),
                     sync_jobs);
  g_assert_true (g_str_has_suffix (f->ctl.out, count));
  CTL_OK (f, "config", PRIMARY, SECONDARY_URL, "--json");
  assert_options_json (f->ctl.out, effective, set);
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("^%s +sync-jobs$", sync_jobs);
  CTL_OK (f, "config", PRIMARY, "--output=value,key", "--no-legend");
  g_assert_true (g_regex_match_simple (line, f->ctl.out, G_REGEX_MULTILINE, 0));
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("%s\n", sync_jobs);
  CTL_OK (f, "config", PRIMARY, "sync_jobs");
  g_assert_cmpstr (f->ctl.out, ==, line);
  g_assert_cmpint (CTL (f, "config", PRIMARY, SECONDARY_URL, "no-such-option"),
                   ==, 6);
  /* Only what is set, from the Config property. */
  CTL_OK (f, "config", PRIMARY, "--set-only", "--json");
  assert_options_json (f->ctl.out, set, set);
  g_assert_cmpint (CTL (f, "config", PRIMARY, "--set-only", "sync-jobs", "4"),
                   ==, 2);
}

static char *
gluster_config (const char *key)
{
  const char *argv[] = { gr_test_env ("GEOREP_GLUSTER"),
                         "--mode=script",
                         "volume",
                         "geo-replication",
                         PRIMARY,
                         SECONDARY_URL,
                         "config",
                         key,
                         NULL };

  return g_strstrip (gr_test_run (NULL, argv));
}

static gboolean
config_has (GVariant *props, gconstpointer data)
{
  const char *const *pair = data; /* key, value or NULL for unset */
  g_autoptr (GVariant) config =
      g_variant_lookup_value (props, "Config", G_VARIANT_TYPE ("a{ss}"));
  const char *value = NULL;

  if (config != NULL)
    g_variant_lookup (config, pair[0], "&s", &value);
  return g_strcmp0 (value, pair[1]) == 0;
}

/* A value set shows as set, with --set-only too; reset, it is gone from
 * there and the default is back. */
static void
check_config_write (Fixture *f, const char *path)
{
  g_autofree char *original = effective_value (f, path, "sync-jobs");
  g_autofree char *changed = g_strdup_printf ("%d", atoi (original) + 2);
  g_autofree char *line = g_strdup_printf ("%s\n", changed);
  const char *is_set[] = { "sync-jobs", changed };
  const char *is_unset[] = { "sync-jobs", NULL };
  g_autofree char *seen = NULL;

  CTL_OK (f, "config", PRIMARY, SECONDARY_URL, "sync-jobs", changed);
  g_assert_cmpstr (f->ctl.out, ==, "");
  seen = gluster_config ("sync-jobs");
  g_assert_cmpstr (seen, ==, changed);
  gr_test_await_props (f->bus, path, GR_DBUS_INTERFACE_SESSION, config_has,
                       is_set, 60);
  CTL_OK (f, "config", PRIMARY, "--set-only", "sync-jobs");
  g_assert_cmpstr (f->ctl.out, ==, line);
  CTL_OK (f, "config", PRIMARY, "--set-only");
  assert_option_row (f->ctl.out, "sync-jobs", TRUE, changed);
  CTL_OK (f, "config", PRIMARY, SECONDARY_URL);
  assert_option_row (f->ctl.out, "sync-jobs", TRUE, changed);
  g_clear_pointer (&seen, g_free);
  CTL_OK (f, "config", PRIMARY, SECONDARY_URL, "--reset", "sync-jobs");
  seen = gluster_config ("sync-jobs");
  g_assert_cmpstr (seen, ==, original);
  gr_test_await_props (f->bus, path, GR_DBUS_INTERFACE_SESSION, config_has,
                       is_unset, 60);
  g_assert_cmpint (CTL (f, "config", PRIMARY, "--set-only", "sync-jobs"), ==,
                   6);
  CTL_OK (f, "config", PRIMARY, SECONDARY_URL);
  assert_option_row (f->ctl.out, "sync-jobs", FALSE, original);
}

/* The monitor sees the status change a concurrent start causes. */
static void
check_monitor_start (Fixture *f, const char *path)
{
  g_autoptr (GDataInputStream) out = NULL;
  g_autoptr (GSubprocess) monitor =
      gr_test_ctl_monitor (&f->ctl, "--no-legend", &out);
  g_autofree char *line = NULL;

  CTL_OK (f, "start", PRIMARY);
  line = gr_test_read_line_with (
      out, "session " PRIMARY " " SECONDARY_URL ": status created → ", 60);
  g_assert_nonnull (line);
  g_assert_true (g_regex_match_simple (
      "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d", line, 0, 0));
  gr_test_ctl_interrupt (monitor);
}

static void
check_monitor_json_stop (Fixture *f, const char *path)
{
  g_autoptr (GDataInputStream) out = NULL;
  g_autoptr (GSubprocess) monitor =
      gr_test_ctl_monitor (&f->ctl, "--json", &out);
  g_autofree char *line = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonObject *event;

  CTL_OK (f, "stop", PRIMARY, SECONDARY_URL);
  line = gr_test_read_line_with (out, "\"property\":\"Status\"", 60);
  g_assert_nonnull (line);
  node = gr_test_parse_json (line);
  event = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (event, "event"), ==,
                   "changed");
  g_assert_cmpstr (json_object_get_string_member (event, "path"), ==, path);
  g_assert_cmpstr (json_object_get_string_member (event, "interface"), ==,
                   "Session");
  gr_test_ctl_interrupt (monitor);
}

static gboolean
has_checkpoint (GVariant *props, gconstpointer data)
{
  guint64 value = 0;

  g_variant_lookup (props, "CheckpointTime", "t", &value);
  return value >= *(const guint64 *) data;
}

/* Without --time the service's clock sets it; 'YYYY-MM-DD HH:MM:SS' is
 * local time. gluster reports a checkpoint once a worker is active. */
static void
check_checkpoint (Fixture *f, const char *path)
{
  g_autoptr (GTimeZone) local = g_time_zone_new_local ();
  g_autoptr (GDateTime) when = g_date_time_new (local, 2024, 1, 2, 3, 4, 5);
  guint64 before = g_get_real_time () / G_USEC_PER_SEC - 5;

  CTL_OK (f, "checkpoint", PRIMARY, SECONDARY_URL);
  gr_test_await_props (f->bus, path, GR_DBUS_INTERFACE_SESSION, has_checkpoint,
                       &before, 120);
  CTL_OK (f, "checkpoint", PRIMARY, "--time", "2024-01-02 03:04:05");
  await_property (f, path, GR_DBUS_INTERFACE_SESSION, "CheckpointTime",
                  g_variant_new_uint64 ((guint64) g_date_time_to_unix (when)));
  CTL_OK (f, "status", PRIMARY);
  g_assert_true (g_regex_match_simple ("^Checkpoint: +2024-01-02 03:04:05$",
                                       f->ctl.out, G_REGEX_MULTILINE, 0));
}

static gboolean
is_running (GVariant *props, gconstpointer data)
{
  const char *status = "";

  g_variant_lookup (props, "Status", "&s", &status);
  return g_str_equal (status, "active") || g_str_equal (status, "passive");
}

/* gluster pauses only a session whose workers run. */
static void
check_lifecycle (Fixture *f, const char *path)
{
  gr_test_await_props (f->bus, path, GR_DBUS_INTERFACE_SESSION, is_running,
                       NULL, 120);
  CTL_OK (f, "pause", PRIMARY);
  await_property (f, path, GR_DBUS_INTERFACE_SESSION, "Status",
                  g_variant_new_string ("paused"));
  CTL_OK (f, "resume", PRIMARY, SECONDARY_URL);
  g_assert_cmpint (CTL (f, "resume", PRIMARY), ==, 1);
  g_assert_true (
      contains (f->ctl.err, "(" GR_DBUS_ERROR_PREFIX "InvalidState)"));
  g_assert_cmpint (CTL (f, "delete", PRIMARY), ==, 1);
  g_assert_true (g_str_has_prefix (f->ctl.err,
                                   "georepctl: deleting session " PRIMARY
                                   " " SECONDARY_URL ": "));
  g_assert_false (contains (f->ctl.err, "GDBus.Error"));
}

/* PRIMARY alone is a usage error once it has two sessions. */
static void
check_ambiguous (Fixture *f)
{
  /* --progress: what it waits for, on stderr, also without a terminal. */
  CTL_OK (f, "create", PRIMARY, SECONDARY2_URL, "--progress", "--ssh-port",
          gr_test_env ("GEOREP_SSH_PORT"));
  g_assert_cmpstr (f->ctl.err, ==,
                   "Creating session " PRIMARY " " SECONDARY2_URL
                   ": gluster checks the secondary and distributes the keys "
                   "over SSH...\n");
  g_assert_cmpstr (f->ctl.out, ==, "");
  gr_test_wait_for_hooks ();
  g_assert_cmpint (CTL (f, "status", PRIMARY), ==, 2);
  g_assert_true (contains (f->ctl.err,
                           "georepctl: finding the session: " PRIMARY
                           " has 2 sessions, name one of: "));
  g_assert_true (contains (f->ctl.err, SECONDARY_URL) &&
                 contains (f->ctl.err, SECONDARY2_URL));
  g_assert_cmpint (CTL (f, "config", PRIMARY, "sync-jobs"), ==, 2);
  CTL_OK (f, "delete", PRIMARY, SECONDARY2_URL);
}

/* Creating takes seconds (gluster logs in over SSH to push the keys), so
 * --timeout 1 gives up first: exit 3. The service carries on and the
 * session appears all the same. */
static char *
create_timing_out (Fixture *f)
{
  char *path = NULL;
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  g_assert_cmpint (CTL (f, "--timeout", "1", "create", PRIMARY, SECONDARY_URL,
                        "--ssh-port", gr_test_env ("GEOREP_SSH_PORT")),
                   ==, 3);
  g_assert_true (g_str_has_prefix (f->ctl.err, "georepctl: creating session "));
  while (path == NULL && g_get_monotonic_time () < deadline)
    {
      path = gr_test_find_object (f->bus, GR_DBUS_INTERFACE_SESSION,
                                  "PrimaryVolume", PRIMARY);
      if (path == NULL)
        g_usleep (100 * 1000);
    }
  g_assert_nonnull (path);
  gr_test_wait_for_hooks ();
  return path;
}

static void
test_sessions (Fixture *f, gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autofree char *completed = NULL;
  g_autofree char *words =
      g_strdup_printf ("'%s' start " PRIMARY " " HOST " :: ''", f->ctl.program);
  g_autofree char *options =
      g_strdup_printf ("'%s' config " PRIMARY " sync-j", f->ctl.program);

  path = create_timing_out (f);
  await_property (f, path, GR_DBUS_INTERFACE_SESSION, "Status",
                  g_variant_new_string ("created"));
  check_status_all (f, path);
  check_status_one (f, path);
  check_config_read (f, path);
  check_config_write (f, path);
  check_ambiguous (f);
  /* The completion asks the service for the session's secondary. */
  completed = complete (f, words, 5);
  g_assert_cmpstr (completed, ==, SECONDARY);
  /* and for every effective option, set or not. */
  g_clear_pointer (&completed, g_free);
  completed = complete (f, options, 3);
  g_assert_cmpstr (completed, ==, "sync-jobs");
  check_monitor_start (f, path);
  check_lifecycle (f, path);
  check_checkpoint (f, path);
  check_monitor_json_stop (f, path);
  CTL_OK (f, "delete", PRIMARY, SECONDARY_URL);
  g_assert_cmpint (CTL (f, "status", PRIMARY, SECONDARY_URL), ==, 6);
}

static char *
host_key_fingerprint (void)
{
  const char *argv[] = { "ssh-keygen", "-l",
                         "-E",         "sha256",
                         "-f",         gr_test_env ("GEOREP_SSH_HOST_KEY"),
                         NULL };
  g_autofree char *out = gr_test_run (NULL, argv);
  g_auto (GStrv) fields = g_strsplit (out, " ", -1);

  g_assert_cmpuint (g_strv_length (fields), >=, 2);
  return g_strdup (fields[1]);
}

static void
remove_test_destination (Fixture *f)
{
  CTL (f, "destination", "remove", HOST, "--user",
       gr_test_env ("GEOREP_SSH_USER"), "--force");
  CTL (f, "destination", "remove", "localhost", "--user", "grsbone");
  CTL (f, "destination", "remove", "localhost", "--user", "grsbtwo");
}

static void
check_destination_list (Fixture *f, const char *path, const char *fingerprint)
{
  g_autoptr (GVariant) props =
      gr_test_get_all (f->bus, path, GR_DBUS_INTERFACE_DESTINATION);
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *row =
      g_strdup_printf ("^" HOST " +%s +%s +", gr_test_env ("GEOREP_SSH_PORT"),
                       gr_test_env ("GEOREP_SSH_USER"));
  JsonArray *array;

  CTL_OK (f, "destination", "list");
  g_assert_true (contains (f->ctl.out, "HOST") &&
                 contains (f->ctl.out, fingerprint));
  g_assert_true (g_regex_match_simple (row, f->ctl.out, G_REGEX_MULTILINE, 0));
  g_clear_pointer (&row, g_free);
  row = g_strdup_printf ("^%s +" HOST "$", gr_test_env ("GEOREP_SSH_USER"));
  CTL_OK (f, "destination", "list", "-o", "user,host", "--legend=no");
  g_assert_true (g_regex_match_simple (row, f->ctl.out, G_REGEX_MULTILINE, 0));
  CTL_OK (f, "destination", "list", "--json");
  node = gr_test_parse_json (f->ctl.out);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *fp = json_object_get_string_member (
          json_node_get_object (element), "HostKeyFingerprint");
      const char *user = json_object_get_string_member (
          json_node_get_object (element), "User");

      if (g_strcmp0 (fp, fingerprint) == 0 &&
          g_strcmp0 (user, gr_test_env ("GEOREP_SSH_USER")) == 0)
        gr_test_assert_json_is_props (element, props);
    }
}

static void
check_destination_setup (Fixture *f, const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *file = g_build_filename (
      g_get_tmp_dir (), "georepctl-test-password-XXXXXX", NULL);
  g_autofree char *contents =
      g_strdup_printf ("%s\n", gr_test_env ("GEOREP_SSH_PASSWORD"));
  int fd = g_mkstemp_full (file, O_RDWR, 0600);

  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_file_set_contents (file, contents, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (CTL (f, "destination", "setup", HOST, "--user",
                        gr_test_env ("GEOREP_SSH_USER"), "--password-file",
                        file, "--progress"),
                   ==, 0);
  g_unlink (file);
  g_assert_true (g_str_has_prefix (f->ctl.err, "Logging in to "));
  g_assert_true (contains (f->ctl.err, gr_test_env ("GEOREP_SSH_USER")));
  await_property (f, path, GR_DBUS_INTERFACE_DESTINATION, "Passwordless",
                  g_variant_new_string ("ok"));
  CTL_OK (f, "destination", "test", HOST, "--user",
          gr_test_env ("GEOREP_SSH_USER"));
  g_assert_true (g_str_has_prefix (f->ctl.out, "ok: "));
}

/* Two users on one host: HOST alone is a usage error. Adding needs no
 * login, so the users need not exist. */
static void
check_destination_ambiguous (Fixture *f, const char *fingerprint)
{
  const char *port = gr_test_env ("GEOREP_SSH_PORT");
  const char *const users[] = { "grsbone", "grsbtwo" };

  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    CTL_OK (f, "destination", "add", "localhost", "--port", port, "--user",
            users[i], "--fingerprint", fingerprint);
  g_assert_cmpint (CTL (f, "destination", "remove", "localhost"), ==, 2);
  g_assert_true (contains (f->ctl.err, "grsbone, grsbtwo") ||
                 contains (f->ctl.err, "grsbtwo, grsbone"));
  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    CTL_OK (f, "destination", "remove", "localhost", "--user", users[i]);
  g_assert_cmpint (CTL (f, "destination", "remove", "localhost"), ==, 6);
}

static void
test_destinations (Fixture *f, gconstpointer data)
{
  g_autofree char *fingerprint = host_key_fingerprint ();
  g_autofree char *path = NULL;
  const char *user = gr_test_env ("GEOREP_SSH_USER");
  const char *port = gr_test_env ("GEOREP_SSH_PORT");

  remove_test_destination (f);
  /* No terminal to confirm the key on: usage error. */
  g_assert_cmpint (
      CTL (f, "destination", "add", HOST, "--port", port, "--user", user), ==,
      2);
  g_assert_true (contains (f->ctl.err, fingerprint));
  g_assert_cmpint (CTL (f, "destination", "add", HOST, "--port", port, "--user",
                        user, "--fingerprint",
                        "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
                   ==, 1);
  g_assert_true (
      contains (f->ctl.err, "(" GR_DBUS_ERROR_PREFIX "HostKeyMismatch)"));
  CTL_OK (f, "destination", "add", HOST, "--port", port, "--user", user,
          "--fingerprint", fingerprint);
  path =
      gr_test_find_object (f->bus, GR_DBUS_INTERFACE_DESTINATION, "User", user);
  g_assert_nonnull (path);
  check_destination_list (f, path, fingerprint);
  check_destination_setup (f, path);
  CTL_OK (f, "destination", "remove", HOST, "--user", user, "--revoke-key");
  g_clear_pointer (&path, g_free);
  path =
      gr_test_find_object (f->bus, GR_DBUS_INTERFACE_DESTINATION, "User", user);
  g_assert_null (path);
  g_assert_cmpint (CTL (f, "destination", "test", HOST, "--user", user), ==, 6);
  check_destination_ambiguous (f, fingerprint);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  (void) GR_ERROR;
#define ADD(path, func)                                                        \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/georepctl/usage", test_usage);
  ADD ("/georepctl/version", test_version);
  ADD ("/georepctl/refresh", test_refresh);
  ADD ("/georepctl/not-found", test_not_found);
  ADD ("/georepctl/not-running", test_not_running);
  ADD ("/georepctl/not-authorized", test_not_authorized);
  ADD ("/georepctl/man-page", test_man_page);
  ADD ("/georepctl/completion", test_completion);
  ADD ("/georepctl/zsh-completion", test_zsh_completion);
  ADD ("/georepctl/pager", test_pager);
  /* Sessions first: gluster's own SSH logins there should not meet
   * sshd's limit on unauthenticated connections that probing hosts in
   * the destination test approaches. */
  g_test_add ("/georepctl/sessions", Fixture, NULL, session_setup,
              test_sessions, session_teardown);
  ADD ("/georepctl/destinations", test_destinations);
  return g_test_run ();
}
