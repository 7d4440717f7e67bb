/* Helpers of the georepctl integration test. */
#include <signal.h>
#include <string.h>

#include "gr-names.h"
#include "gr-test-ctl.h"
#include "gr-test-util.h"

void
gr_test_ctl_init (GrTestCtl *ctl)
{
  ctl->program = g_build_filename (gr_test_env ("GEOREP_BUILD_ROOT"), "clients",
                                   "georepctl", "georepctl", NULL);
  g_assert_true (g_file_test (ctl->program, G_FILE_TEST_IS_EXECUTABLE));
}

void
gr_test_ctl_clear (GrTestCtl *ctl)
{
  g_clear_pointer (&ctl->program, g_free);
  g_clear_pointer (&ctl->out, g_free);
  g_clear_pointer (&ctl->err, g_free);
}

char **
gr_test_ctl_environ (const char *lang)
{
  const char *const unset[] = { "LC_ALL", "LC_CTYPE", "LC_MESSAGES",
                                "LANGUAGE" };
  g_autofree char *po =
      g_build_filename (gr_test_env ("GEOREP_BUILD_ROOT"), "po", NULL);
  char **env = g_get_environ ();

  for (guint i = 0; i < G_N_ELEMENTS (unset); i++)
    env = g_environ_unsetenv (env, unset[i]);
  env = g_environ_setenv (env, "LANG", lang, TRUE);
  env = g_environ_setenv (env, "LOCPATH", gr_test_env ("GEOREP_TEST_LOCPATH"),
                          TRUE);
  return g_environ_setenv (env, "GEOREPCTL_TEXTDOMAINDIR", po, TRUE);
}

int
gr_test_ctl_run (GrTestCtl *ctl,
                 const char *const *prefix,
                 char **envp,
                 const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  int wait_status = 0;

  for (guint i = 0; prefix && prefix[i]; i++)
    g_ptr_array_add (argv, (gpointer) prefix[i]);
  g_ptr_array_add (argv, ctl->program);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_clear_pointer (&ctl->out, g_free);
  g_clear_pointer (&ctl->err, g_free);
  /* No terminal: no colour, no polkit agent, no questions. */
  g_spawn_sync (NULL, (char **) argv->pdata, envp,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                &ctl->out, &ctl->err, &wait_status, &error);
  g_assert_no_error (error);
  g_test_message ("georepctl %s → %d\n%s%s", args[0] ? args[0] : "",
                  wait_status, ctl->out, ctl->err);
  return WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

/* The monitor says on stderr when it follows the signals, so that what
 * the test does next cannot go unseen. */
GSubprocess *
gr_test_ctl_monitor (GrTestCtl *ctl, const char *option, GDataInputStream **out)
{
  g_autoptr (GError) error = NULL;
  GSubprocess *monitor = g_subprocess_new (
      G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
      ctl->program, "monitor", option, NULL);
  g_autoptr (GDataInputStream) err = NULL;
  g_autofree char *ready = NULL;

  g_assert_no_error (error);
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (monitor));
  ready = g_data_input_stream_read_line_utf8 (err, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (ready, "Monitoring"));
  *out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (monitor));
  return monitor;
}

void
gr_test_ctl_interrupt (GSubprocess *monitor)
{
  g_autoptr (GError) error = NULL;

  g_subprocess_send_signal (monitor, SIGINT);
  g_subprocess_wait (monitor, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (monitor));
  g_assert_cmpint (g_subprocess_get_exit_status (monitor), ==, 0);
}

typedef struct {
  char *line;
  gboolean done;
} LineRead;

static void
on_line (GObject *source, GAsyncResult *res, gpointer data)
{
  LineRead *read = data;

  read->line = g_data_input_stream_read_line_finish_utf8 (
      G_DATA_INPUT_STREAM (source), res, NULL, NULL);
  read->done = TRUE;
}

static gboolean
line_read (gpointer data)
{
  return ((LineRead *) data)->done;
}

/* One line, or NULL at the end of the output or after @deadline: the
 * read is asynchronous so that a silent monitor cannot hang the test. */
static char *
read_line_before (GDataInputStream *stream, gint64 deadline)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  gint64 left_ms = MAX (deadline - g_get_monotonic_time (), 0) / 1000;
  LineRead read = { 0 };

  g_data_input_stream_read_line_async (stream, G_PRIORITY_DEFAULT, cancellable,
                                       on_line, &read);
  if (!gr_test_wait_for (line_read, &read, (guint) left_ms))
    {
      g_cancellable_cancel (cancellable);
      while (!read.done)
        g_main_context_iteration (NULL, TRUE);
    }
  return read.line;
}

char *
gr_test_read_line_with (GDataInputStream *stream,
                        const char *needle,
                        guint seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  for (;;)
    {
      g_autofree char *line = read_line_before (stream, deadline);

      if (line == NULL)
        return NULL;
      g_test_message ("monitor: %s", line);
      if (strstr (line, needle) != NULL)
        return g_steal_pointer (&line);
    }
}

GVariant *
gr_test_get_all (GDBusConnection *bus, const char *path, const char *interface)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply =
      gr_test_call (bus, path, "org.freedesktop.DBus.Properties", "GetAll",
                    g_variant_new ("(s)", interface), &error);

  g_assert_no_error (error);
  return g_variant_get_child_value (reply, 0);
}

static gboolean
has_string (GVariant *interfaces,
            const char *interface,
            const char *property,
            const char *value)
{
  g_autoptr (GVariant) props =
      g_variant_lookup_value (interfaces, interface, G_VARIANT_TYPE_VARDICT);
  const char *this_value;

  return props != NULL &&
         g_variant_lookup (props, property, "&s", &this_value) &&
         g_str_equal (this_value, value);
}

char *
gr_test_find_object (GDBusConnection *bus,
                     const char *interface,
                     const char *property,
                     const char *value)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply =
      gr_test_call (bus, GR_DBUS_PATH, "org.freedesktop.DBus.ObjectManager",
                    "GetManagedObjects", NULL, &error);
  g_autoptr (GVariant) objects = NULL;
  GVariantIter iter;
  const char *path;
  GVariant *interfaces;

  g_assert_no_error (error);
  objects = g_variant_get_child_value (reply, 0);
  g_variant_iter_init (&iter, objects);
  while (g_variant_iter_next (&iter, "{&o@a{sa{sv}}}", &path, &interfaces))
    {
      g_autoptr (GVariant) owned = interfaces;

      if (has_string (interfaces, interface, property, value))
        return g_strdup (path);
    }
  return NULL;
}

typedef struct {
  GDBusConnection *bus;
  const char *path;
  const char *interface;
  GrTestPropsCheck check;
  gconstpointer data;
} PropsWait;

static gboolean
props_accepted (gpointer data)
{
  PropsWait *wait = data;
  g_autoptr (GVariant) props =
      gr_test_get_all (wait->bus, wait->path, wait->interface);

  return wait->check (props, wait->data);
}

void
gr_test_await_props (GDBusConnection *bus,
                     const char *path,
                     const char *interface,
                     GrTestPropsCheck check,
                     gconstpointer data,
                     guint seconds)
{
  PropsWait wait = { bus, path, interface, check, data };

  if (!gr_test_wait_for (props_accepted, &wait, seconds * 1000))
    g_error ("The properties of %s did not become as expected", path);
}

JsonNode *
gr_test_parse_json (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

void
gr_test_assert_json_is_props (JsonNode *node, GVariant *props)
{
  g_autoptr (JsonNode) expected = json_gvariant_serialize (props);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  if (!json_node_equal (node, expected))
    {
      g_autofree char *a = json_to_string (node, FALSE);
      g_autofree char *b = json_to_string (expected, FALSE);

      g_error ("JSON differs from the properties:\n%s\n%s", a, b);
    }
}
