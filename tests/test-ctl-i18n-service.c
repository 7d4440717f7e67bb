/* georepctl's tables and detail view in German against the sandbox's
 * service, with a real session: the headers, labels and footers are
 * translated, the values (states, yes/no, times, names) are not, so the
 * output without the legend and --json are the same in every language;
 * --output= takes the English column names; the labels of the detail
 * view line up by characters, whatever their bytes. */
#include <string.h>

#include "gr-names.h"
#include "gr-test-ctl.h"
#include "gr-test-gluster.h"
#include "gr-test-util.h"

#define PRIMARY "grsb_i18n_p"
#define SECONDARY "grsb_i18n_s"
#define HOST "127.0.0.1"
#define SECONDARY_URL HOST "::" SECONDARY

typedef struct {
  GDBusConnection *bus;
  GrTestCtl ctl;
  char **german;
  char **english;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->bus = gr_test_bus ();
  gr_test_ctl_init (&f->ctl);
  f->german = gr_test_ctl_environ ("de_DE.UTF-8");
  f->english = gr_test_ctl_environ ("C.UTF-8");
  gr_test_session_destroy (PRIMARY, HOST, SECONDARY);
  gr_test_volume_create (PRIMARY);
  gr_test_volume_create (SECONDARY);
  gr_test_refresh (f->bus);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  gr_test_session_destroy (PRIMARY, HOST, SECONDARY);
  gr_test_volume_destroy (PRIMARY);
  gr_test_volume_destroy (SECONDARY);
  gr_test_refresh (f->bus);
  g_strfreev (f->german);
  g_strfreev (f->english);
  gr_test_ctl_clear (&f->ctl);
  g_clear_object (&f->bus);
}

/* georepctl ARGS… in @env; its exit status. */
#define CTL_IN(f, env, ...)                                                    \
  gr_test_ctl_run (&(f)->ctl, NULL, (env),                                     \
                   (const char *const[]){ __VA_ARGS__, NULL })
#define GERMAN_OK(f, ...)                                                      \
  g_assert_cmpint (CTL_IN ((f), (f)->german, __VA_ARGS__), ==, 0)
#define ENGLISH_OK(f, ...)                                                     \
  g_assert_cmpint (CTL_IN ((f), (f)->english, __VA_ARGS__), ==, 0)

static void
assert_line (const char *text, const char *pattern)
{
  if (!g_regex_match_simple (pattern, text, G_REGEX_MULTILINE, 0))
    g_error ("no line /%s/ in:\n%s", pattern, text);
}

static gboolean
is_created (GVariant *props, gconstpointer data)
{
  const char *status = NULL;

  return g_variant_lookup (props, "Status", "&s", &status) &&
         g_str_equal (status, "created");
}

static void
create_session (Fixture *f)
{
  g_autofree char *path = NULL;

  GERMAN_OK (f, "create", PRIMARY, SECONDARY_URL, "--ssh-port",
             gr_test_env ("GEOREP_SSH_PORT"));
  gr_test_wait_for_hooks ();
  path = gr_test_find_object (f->bus, GR_DBUS_INTERFACE_SESSION,
                              "PrimaryVolume", PRIMARY);
  g_assert_nonnull (path);
  gr_test_await_props (f->bus, path, GR_DBUS_INTERFACE_SESSION, is_created,
                       NULL, 60);
}

/* The same output in both languages; returned. */
static char *
same_in_both (Fixture *f, const char *const *args)
{
  g_autofree char *german = NULL;

  g_assert_cmpint (gr_test_ctl_run (&f->ctl, NULL, f->german, args), ==, 0);
  german = g_strdup (f->ctl.out);
  g_assert_cmpint (gr_test_ctl_run (&f->ctl, NULL, f->english, args), ==, 0);
  g_assert_cmpstr (f->ctl.out, ==, german);
  return g_steal_pointer (&german);
}

static void
check_sessions_table (Fixture *f)
{
  const char *const no_legend[] = { "status", "--no-legend", NULL };
  const char *const json[] = { "status", PRIMARY, "--json", NULL };
  g_autofree char *rows = NULL;
  g_autofree char *props = NULL;

  GERMAN_OK (f, "status");
  assert_line (f->ctl.out, "\\APRIMÄR +SEKUNDÄR +STATUS +DATENZUSTAND +"
                           "ZULETZT SYNCHRONISIERT +FEHLER +RÜCKSTAND +"
                           "VORAUSS\\. ENDE\n");
  /* The state is data: as gluster and the JSON have it. */
  assert_line (f->ctl.out, "^" PRIMARY " +" SECONDARY_URL " +created ");
  assert_line (f->ctl.out, "^[0-9]+ Sitzung(en)? aufgeführt\\.$");
  rows = same_in_both (f, no_legend);
  assert_line (rows, "^" PRIMARY " +" SECONDARY_URL " +created ");
  props = same_in_both (f, json);
  g_assert_true (strstr (props, "\"Status\":\"created\"") != NULL);
  GERMAN_OK (f, "status", "-o", "status,primary");
  assert_line (f->ctl.out, "\\ASTATUS +PRIMÄR\n");
}

/* The longest label, "Zuletzt synchronisiert:" (23 characters, no
 * checkpoint yet), sets where the values start. */
static void
check_detail (Fixture *f)
{
  GERMAN_OK (f, "status", PRIMARY);
  assert_line (f->ctl.out, "^Primär: {17}" PRIMARY "$");
  assert_line (f->ctl.out, "^Sekundär: {15}" SECONDARY_URL "$");
  assert_line (f->ctl.out, "^Status: {17}created$");
  assert_line (f->ctl.out, "^Zuletzt synchronisiert: -$");
  assert_line (f->ctl.out, "^Prüfpunkt: {14}keiner$");
  assert_line (f->ctl.out, "^KNOTEN +BRICK +SEKUNDÄRER KNOTEN +STATUS +"
                           "CRAWL-STATUS ");
  assert_line (f->ctl.out, "^[0-9]+ Worker aufgeführt\\.$");
}

static void
check_options (Fixture *f)
{
  GERMAN_OK (f, "config", PRIMARY);
  assert_line (f->ctl.out, "\\ASCHLÜSSEL +GESETZT +WERT\n");
  assert_line (f->ctl.out, "^sync-jobs +(yes|no) ");
  assert_line (f->ctl.out, "^[0-9]+ Optionen aufgeführt\\.$");
}

static void
test_tables (Fixture *f, gconstpointer data)
{
  create_session (f);
  check_sessions_table (f);
  check_detail (f);
  check_options (f);
  GERMAN_OK (f, "destination", "list");
  assert_line (f->ctl.out, "\\AHOST +PORT +BENUTZER +SCHLÜSSELANMELDUNG +"
                           "LETZTER TEST +SITZUNGEN +SCHLÜSSELTYP +"
                           "FINGERABDRUCK\n");
  /* The service's error name stays; georepctl's words are German. */
  g_assert_cmpint (CTL_IN (f, f->german, "stop", PRIMARY, HOST "::nosuch"), ==,
                   6);
  g_assert_cmpstr (f->ctl.err, ==,
                   "georepctl: Suchen der Sitzung: Keine Sitzung " PRIMARY
                   " " HOST "::nosuch (" GR_DBUS_ERROR_PREFIX "NotFound)\n");
  ENGLISH_OK (f, "delete", PRIMARY, SECONDARY_URL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/ctl-i18n/tables", Fixture, NULL, fixture_setup, test_tables,
              fixture_teardown);
  return g_test_run ();
}
