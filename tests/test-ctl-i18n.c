/* georepctl in the user's language, without a service: the built
 * georepctl with LANG=de_DE.UTF-8 speaks German (po/de.po, compiled by
 * the build), in its help (its own texts and its options', through
 * GOption), its usage errors and its errors when the system bus cannot
 * be reached; LC_MESSAGES chooses the language of the messages as
 * gettext says; with LANG=C it speaks English. What scripts read stays
 * the same in every language: --output=help names the English columns.
 * The system bus is a socket that does not exist, so nothing but
 * georepctl runs. */
#include <string.h>

#include <glib/gstdio.h>

#include "gr-test-ctl.h"

typedef struct {
  GrTestCtl ctl;
  char *dir;
  char **env;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *bus = NULL;

  gr_test_ctl_init (&f->ctl);
  f->dir = g_dir_make_tmp ("gr-ctl-i18n-XXXXXX", &error);
  g_assert_no_error (error);
  bus = g_strdup_printf ("unix:path=%s/no-bus", f->dir);
  f->env = gr_test_ctl_environ ("de_DE.UTF-8");
  f->env = g_environ_setenv (f->env, "DBUS_SYSTEM_BUS_ADDRESS", bus, TRUE);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_free (f->dir);
  g_strfreev (f->env);
  gr_test_ctl_clear (&f->ctl);
}

#define CTL_IN(f, ...)                                                         \
  gr_test_ctl_run (&(f)->ctl, NULL, (f)->env,                                  \
                   (const char *const[]){ __VA_ARGS__, NULL })

static void
assert_contains (const char *text, const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("'%s' not in:\n%s", needle, text);
}

static void
set_env (Fixture *f, const char *name, const char *value)
{
  f->env = g_environ_setenv (f->env, name, value, TRUE);
}

static void
test_help (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (CTL_IN (f, "--help"), ==, 0);
  assert_contains (f->ctl.out,
                   "\nGlusterFS-Georeplikation über georepd verwalten.\n");
  assert_contains (f->ctl.out, "\n  status       Alle Sitzungen zeigen oder "
                               "eine ausführlich mit ihren Workern\n");
  assert_contains (f->ctl.out, "\n  destination  Die SSH-Ziele verwalten\n");
  /* The global options' descriptions, translated by GOption. */
  assert_contains (f->ctl.out, "Höchstens SECONDS lang auf den Dienst warten");
  assert_contains (f->ctl.out, "\nExit-Status:\n  0  Erfolg\n");
  /* A verb's summary and its own option. */
  g_assert_cmpint (CTL_IN (f, "start", "--help"), ==, 0);
  assert_contains (f->ctl.out, "\nEine Sitzung starten\n");
  assert_contains (f->ctl.out,
                   "Starten, auch wenn die Prüfungen von gluster fehlschlagen");
  g_assert_cmpint (CTL_IN (f, "help", "verify"), ==, 0);
  assert_contains (f->ctl.out,
                   "\nDateien der Primär- und der Sekundärseite vergleichen\n");
  assert_contains (f->ctl.out, "Höchstens N Dateien vergleichen");
}

static void
test_errors (Fixture *f, gconstpointer data)
{
  /* Found by georepctl itself, before any call. */
  g_assert_cmpint (CTL_IN (f, "create", "grsb_vol", "nohost"), ==, 2);
  g_assert_cmpstr (
      f->ctl.err, ==,
      "georepctl: create: »nohost« ist nicht "
      "[USER@]HOST::SECONDARY (siehe »georepctl create --help«)\n");
  g_assert_cmpint (CTL_IN (f, "--json=bogus", "status"), ==, 2);
  assert_contains (f->ctl.err, "--json nimmt short, pretty oder off, nicht "
                               "»bogus«");
  g_assert_cmpint (CTL_IN (f, "no-such-verb"), ==, 2);
  g_assert_cmpstr (f->ctl.err, ==,
                   "georepctl: unbekanntes Verb »no-such-verb« (siehe "
                   "»georepctl --help«)\n");
  /* No system bus: exit 5, our part of the message German (the rest is
   * GIO's, in GLib's own translation). */
  g_assert_cmpint (CTL_IN (f, "status"), ==, 5);
  g_assert_true (g_str_has_prefix (f->ctl.err,
                                   "georepctl: Auflisten der Sitzungen: Der "
                                   "Systembus ist nicht erreichbar: "));
}

/* --output= takes the English column names in every language, and the
 * error that lists them lists those. */
static void
test_machine_output (Fixture *f, gconstpointer data)
{
  g_autofree char *german = NULL;

  g_assert_cmpint (CTL_IN (f, "destination", "list", "--output=help"), ==, 0);
  german = g_strdup (f->ctl.out);
  g_assert_cmpstr (german, ==,
                   "host\nport\nuser\npasswordless\nlast-test\nsessions\n"
                   "key-type\nfingerprint\n");
  g_assert_cmpint (CTL_IN (f, "status", "-o", "primary,nosuch"), ==, 2);
  g_assert_cmpstr (
      f->ctl.err, ==,
      "georepctl: status: keine Spalte »nosuch«; die Spalten sind "
      "primary,secondary,status,health,last-synced,failures,lag,eta "
      "(siehe »georepctl status --help«)\n");
  set_env (f, "LANG", "C");
  g_assert_cmpint (CTL_IN (f, "destination", "list", "--output=help"), ==, 0);
  g_assert_cmpstr (f->ctl.out, ==, german);
}

static void
test_english (Fixture *f, gconstpointer data)
{
  set_env (f, "LANG", "C");
  g_assert_cmpint (CTL_IN (f, "--help"), ==, 0);
  assert_contains (f->ctl.out,
                   "\nManage GlusterFS geo-replication through georepd.\n");
  assert_contains (f->ctl.out, "\nExit status:\n  0  success\n");
  g_assert_null (strstr (f->ctl.out, "Sitzung"));
  g_assert_cmpint (CTL_IN (f, "create", "grsb_vol", "nohost"), ==, 2);
  g_assert_cmpstr (f->ctl.err, ==,
                   "georepctl: create: 'nohost' is not [USER@]HOST::SECONDARY "
                   "(see 'georepctl create --help')\n");
  g_assert_cmpint (CTL_IN (f, "status"), ==, 5);
  g_assert_true (g_str_has_prefix (
      f->ctl.err,
      "georepctl: listing sessions: Cannot reach the system bus: "));
}

static guint
count_of (const char *text, const char *needle)
{
  guint n = 0;

  for (const char *at = text; (at = strstr (at, needle)) != NULL; at++)
    n++;
  return n;
}

/* The verbs whose own --timeout bounds their operation list it once,
 * with their meaning, not georepctl's wait for the service; the others
 * keep the global one. */
static void
test_verb_timeout (Fixture *f, gconstpointer data)
{
  const char *const verbs[] = { "failback", "run-window", "schedule" };

  set_env (f, "LANG", "C");
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    {
      g_assert_cmpint (CTL_IN (f, verbs[i], "--help"), ==, 0);
      g_assert_cmpuint (count_of (f->ctl.out, "--timeout"), ==, 1);
      g_assert_null (strstr (f->ctl.out, "for the service"));
    }
  g_assert_cmpint (CTL_IN (f, "start", "--help"), ==, 0);
  g_assert_cmpuint (count_of (f->ctl.out, "--timeout"), ==, 1);
  assert_contains (f->ctl.out, "Wait at most SECONDS for the service");
}

/* LC_MESSAGES, then LANG (LC_ALL over both): gettext's order. */
static void
test_lc_messages (Fixture *f, gconstpointer data)
{
  set_env (f, "LC_MESSAGES", "C");
  g_assert_cmpint (CTL_IN (f, "status"), ==, 5);
  assert_contains (f->ctl.err, "listing sessions");
  set_env (f, "LANG", "C.UTF-8");
  set_env (f, "LC_MESSAGES", "de_DE.UTF-8");
  g_assert_cmpint (CTL_IN (f, "status"), ==, 5);
  assert_contains (f->ctl.err, "Auflisten der Sitzungen");
  set_env (f, "LC_ALL", "C");
  g_assert_cmpint (CTL_IN (f, "status"), ==, 5);
  assert_contains (f->ctl.err, "listing sessions");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func)                                                        \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/ctl-i18n/help", test_help);
  ADD ("/ctl-i18n/verb-timeout", test_verb_timeout);
  ADD ("/ctl-i18n/errors", test_errors);
  ADD ("/ctl-i18n/machine-output", test_machine_output);
  ADD ("/ctl-i18n/english", test_english);
  ADD ("/ctl-i18n/lc-messages", test_lc_messages);
  return g_test_run ();
}
