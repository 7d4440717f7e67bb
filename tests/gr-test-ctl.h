/* Helpers of the georepctl integration test: running the built
 * georepctl, reading the service's properties to compare its output
 * with, and following a running monitor. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct {
  char *program; /* the georepctl of the build tree */
  char *out;     /* of the last run */
  char *err;
} GrTestCtl;

void gr_test_ctl_init (GrTestCtl *ctl);
void gr_test_ctl_clear (GrTestCtl *ctl);

/* Our environment for a georepctl in the locale @lang ("de_DE.UTF-8",
 * "C"): LANG=@lang and no other locale variable, the build tree's
 * translations (GEOREPCTL_TEXTDOMAINDIR) and the tests' own locales
 * (LOCPATH: tests/meson.build builds them), so that no locale need be
 * generated on the machine. */
char **gr_test_ctl_environ (const char *lang);

/* Runs @prefix (a command that runs another, or NULL), georepctl and
 * @args with stdin from /dev/null and @envp (NULL: ours); keeps stdout
 * and stderr in @ctl and returns the exit status. */
int gr_test_ctl_run (GrTestCtl *ctl,
                     const char *const *prefix,
                     char **envp,
                     const char *const *args);

/* Starts "georepctl monitor @option" and returns once it follows the
 * signals; *out reads its standard output. */
GSubprocess *gr_test_ctl_monitor (GrTestCtl *ctl,
                                  const char *option,
                                  GDataInputStream **out);
/* Interrupts a monitor and asserts that it exited with 0. */
void gr_test_ctl_interrupt (GSubprocess *monitor);

/* Reads lines until one contains @needle (returned) or @seconds pass
 * (NULL). */
char *gr_test_read_line_with (GDataInputStream *stream,
                              const char *needle,
                              guint seconds);

/* The properties (a{sv}) of @interface at @path. */
GVariant *
gr_test_get_all (GDBusConnection *bus, const char *path, const char *interface);

/* The path of the object of @interface whose string @property is
 * @value, or NULL. */
char *gr_test_find_object (GDBusConnection *bus,
                           const char *interface,
                           const char *property,
                           const char *value);

typedef gboolean (*GrTestPropsCheck) (GVariant *props, gconstpointer data);

/* Polls the properties until @check accepts them; fails the test after
 * @seconds. */
void gr_test_await_props (GDBusConnection *bus,
                          const char *path,
                          const char *interface,
                          GrTestPropsCheck check,
                          gconstpointer data,
                          guint seconds);

JsonNode *gr_test_parse_json (const char *text);

/* Asserts that @node has exactly the D-Bus names and values of @props. */
void gr_test_assert_json_is_props (JsonNode *node, GVariant *props);

G_END_DECLS
