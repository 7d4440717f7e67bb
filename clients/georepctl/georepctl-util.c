/* georepctl: option parsing, errors and exit codes, and calls to the
 * service. Every verb goes through these so that errors look and exit
 * the same everywhere. */
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "config.h"

#include "georepctl.h"
#include "gr-error.h"
#include "gr-names.h"

GQuark
ctl_error_quark (void)
{
  return g_quark_from_static_string ("georepctl-error-quark");
}

/* Translated where shown (N_: marked only). */
const char ctl_help_epilogue[] =
    N_ ("Exit status:\n"
        "  0  success\n"
        "  1  failure\n"
        "  2  wrong usage\n"
        "  3  timed out\n"
        "  4  not authorized\n"
        "  5  the service (or the system bus) is not running\n"
        "  6  session, destination or option not found\n"
        "\n"
        "See georepctl(1) for details.");

static gboolean
on_json (const char *name, const char *value, gpointer data, GError **error)
{
  CtlContext *ctx = data;

  return ctl_json_mode_parse (value, isatty (STDOUT_FILENO), &ctx->json, error);
}

static gboolean
on_legend (const char *name, const char *value, gpointer data, GError **error)
{
  CtlContext *ctx = data;
  gboolean legend;

  if (!ctl_boolean_parse (value, &legend, error))
    {
      g_prefix_error (error, "--legend: ");
      return FALSE;
    }
  ctx->no_legend = !legend;
  return TRUE;
}

/* GOption cannot give a plain --json and --json=MODE to one entry: with
 * an optional value it would take the verb after a plain --json as the
 * value. So --json=MODE is passed on as the hidden --json-mode=MODE,
 * before any parsing (ctl_split_json_option ()). */
#define JSON_MODE_OPTION "--json-mode="

/* Whether the verb's @entries (may be NULL) define --@name. */
static gboolean
verb_defines (const GOptionEntry *entries, const char *name)
{
  for (guint i = 0; entries != NULL && entries[i].long_name != NULL; i++)
    if (g_str_equal (entries[i].long_name, name))
      return TRUE;
  return FALSE;
}

void
ctl_add_global_options (GOptionContext *octx,
                        CtlContext *ctx,
                        const GOptionEntry *verb_entries)
{
  /* Accepted before and after the verb, so that "georepctl status
   * --json" works as people type it. GOption copies the entries; the
   * callbacks get @ctx from the main group (ctl_option_context_new ()). */
  const GOptionEntry entries[] = {
    { "json", 'j', G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, on_json,
      N_ ("Print JSON instead of tables, indented (pretty) or on one line "
          "(short); without a value pretty on a terminal, else short"),
      "[short|pretty]" },
    { "json-mode", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_CALLBACK, on_json,
      NULL, NULL },
    { "legend", 0, 0, G_OPTION_ARG_CALLBACK, on_legend,
      N_ ("Print the table header and footer (default yes)"), "yes|no" },
    { "no-legend", 0, 0, G_OPTION_ARG_NONE, &ctx->no_legend,
      N_ ("Print no table header and footer (--legend=no)"), NULL },
    { "no-pager", 0, 0, G_OPTION_ARG_NONE, &ctx->no_pager,
      N_ ("Do not pipe long output into a pager"), NULL },
    { "progress", 0, 0, G_OPTION_ARG_NONE, &ctx->progress,
      N_ ("Say what a long call waits for on stderr, also when it is no "
          "terminal"),
      NULL },
    { "no-ask-password", 0, 0, G_OPTION_ARG_NONE, &ctx->no_ask_password,
      N_ ("Never ask for a password to authorize an action"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &ctx->timeout_s,
      N_ ("Wait at most SECONDS for the service (default 300, 0: forever)"),
      "SECONDS" },
  };
  GOptionEntry kept[G_N_ELEMENTS (entries) + 1] = { 0 };
  guint n = 0;

  /* A verb's own option of the same name (schedule, run-window and
   * failback take --timeout for the operation) is the one it means;
   * GOption would list both in --help and fill only the first. */
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    if (!verb_defines (verb_entries, entries[i].long_name))
      kept[n++] = entries[i];
  g_option_context_add_main_entries (octx, kept, NULL);
}

/* The options' descriptions are marked with N_ () and translated by
 * GOption from our domain; the parameter strings (PRIMARY, HOST, …) and
 * the options' values stay as people type them. */
GOptionContext *
ctl_option_context_new (CtlContext *ctx, const char *parameters)
{
  GOptionContext *octx = g_option_context_new (parameters);

  g_option_context_set_main_group (
      octx, g_option_group_new (NULL, NULL, NULL, ctx, NULL));
  g_option_context_set_translation_domain (octx, GETTEXT_PACKAGE);
  return octx;
}

void
ctl_split_json_option (int argc, char **argv)
{
  static GPtrArray *rewritten; /* argv points into it until exit */

  for (int i = 1; i < argc && !g_str_equal (argv[i], "--"); i++)
    if (g_str_has_prefix (argv[i], "--json="))
      {
        if (rewritten == NULL)
          rewritten = g_ptr_array_new_with_free_func (g_free);
        argv[i] =
            g_strconcat (JSON_MODE_OPTION, argv[i] + strlen ("--json="), NULL);
        g_ptr_array_add (rewritten, argv[i]);
      }
}

/* GOption stops at "--" but leaves it in argv: drop it, so that a value
 * starting with '-' can follow it. */
static void
remove_separator (int *argc, char **argv)
{
  for (int i = 1; i < *argc; i++)
    if (g_str_equal (argv[i], "--"))
      {
        memmove (&argv[i], &argv[i + 1], (*argc - i) * sizeof (char *));
        (*argc)--;
        return;
      }
}

gboolean
ctl_parse_options (CtlContext *ctx,
                   const GOptionEntry *entries,
                   int *argc,
                   char ***argv)
{
  g_autoptr (GOptionContext) octx =
      ctl_option_context_new (ctx, ctx->verb->args);
  g_autoptr (GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("georepctl %s", ctx->verb_name);

  /* The usage line of --help is built from the program name. */
  g_set_prgname (prgname);
  g_option_context_set_summary (octx, _ (ctx->verb->summary));
  g_option_context_set_description (octx, _ (ctl_help_epilogue));
  if (entries != NULL)
    g_option_context_add_main_entries (octx, entries, NULL);
  ctl_add_global_options (octx, ctx, entries);
  if (!g_option_context_parse (octx, argc, argv, &error))
    {
      ctl_usage (ctx, "%s", error->message);
      return FALSE;
    }
  g_set_prgname ("georepctl");
  remove_separator (argc, *argv);
  if (ctx->timeout_s < 0)
    {
      ctl_usage (ctx, _ ("--timeout must not be negative"));
      return FALSE;
    }
  return TRUE;
}

int
ctl_usage (CtlContext *ctx, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: VERB: MESSAGE (see 'georepctl VERB --help'). */
  g_printerr (_ ("georepctl: %s: %s (see 'georepctl %s --help')\n"),
              ctx->verb_name, message, ctx->verb_name);
  return CTL_EXIT_USAGE;
}

/* The D-Bus name of an error, when it has one worth showing. */
static char *
error_name (const GError *error)
{
  char *name = g_dbus_error_get_remote_error (error);

  if (name != NULL)
    return name;
  if (error->domain == GR_ERROR && error->code >= 0 &&
      error->code < GR_ERROR_N_ERRORS)
    return g_strdup (gr_error_dbus_name (error->code));
  if (error->domain == G_DBUS_ERROR)
    return g_dbus_error_encode_gerror (error);
  return NULL;
}

int
ctl_fail (CtlContext *ctx, const char *what, const GError *error)
{
  g_autoptr (GError) copy = g_error_copy (error);
  g_autofree char *name = error_name (error);

  g_dbus_error_strip_remote_error (copy);
  if (name != NULL)
    g_printerr ("georepctl: %s: %s (%s)\n", what, copy->message, name);
  else
    g_printerr ("georepctl: %s: %s\n", what, copy->message);
  return ctl_exit_code (error);
}

static gboolean
is_dbus_error (const GError *error, const GDBusError *codes)
{
  if (error->domain != G_DBUS_ERROR)
    return FALSE;
  for (; *codes != G_DBUS_ERROR_FAILED; codes++)
    if (error->code == (int) *codes)
      return TRUE;
  return FALSE;
}

static gboolean
is_gr_error (const GError *error, GrError first, GrError last)
{
  return error->domain == GR_ERROR && error->code >= (int) first &&
         error->code <= (int) last;
}

/* For the errors GDBus has no code for. */
static gboolean
is_remote_error (const GError *error, const char *name)
{
  g_autofree char *remote = g_dbus_error_get_remote_error (error);

  return g_strcmp0 (remote, name) == 0;
}

int
ctl_exit_code (const GError *error)
{
  /* Each list ends with G_DBUS_ERROR_FAILED, which is never mapped. */
  static const GDBusError timed_out[] = { G_DBUS_ERROR_TIMEOUT,
                                          G_DBUS_ERROR_TIMED_OUT,
                                          G_DBUS_ERROR_FAILED };
  static const GDBusError denied[] = { G_DBUS_ERROR_ACCESS_DENIED,
                                       G_DBUS_ERROR_FAILED };
  static const GDBusError absent[] = {
    G_DBUS_ERROR_SERVICE_UNKNOWN,         G_DBUS_ERROR_NAME_HAS_NO_OWNER,
    G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND, G_DBUS_ERROR_SPAWN_CHILD_EXITED,
    G_DBUS_ERROR_SPAWN_EXEC_FAILED,       G_DBUS_ERROR_FAILED
  };

  if (g_error_matches (error, CTL_ERROR, CTL_ERROR_USAGE))
    return CTL_EXIT_USAGE;
  if (g_error_matches (error, CTL_ERROR, CTL_ERROR_NOT_RUNNING) ||
      is_dbus_error (error, absent))
    return CTL_EXIT_NOT_RUNNING;
  if (g_error_matches (error, GR_ERROR, GR_ERROR_TIMEDOUT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
      is_dbus_error (error, timed_out))
    return CTL_EXIT_TIMEDOUT;
  if (is_gr_error (error, GR_ERROR_NOT_AUTHORIZED,
                   GR_ERROR_NOT_AUTHORIZED_DISMISSED) ||
      is_dbus_error (error, denied) ||
      is_remote_error (
          error, "org.freedesktop.DBus.Error.InteractiveAuthorizationRequired"))
    return CTL_EXIT_NOT_AUTHORIZED;
  if (g_error_matches (error, GR_ERROR, GR_ERROR_NOT_FOUND) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT))
    return CTL_EXIT_NOT_FOUND;
  return CTL_EXIT_FAILURE;
}

gboolean
ctl_connect (CtlContext *ctx, GError **error)
{
  g_autoptr (GError) local = NULL;

  if (ctx->bus != NULL)
    return TRUE;
  ctx->bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &local);
  if (ctx->bus == NULL)
    {
      g_set_error (error, CTL_ERROR, CTL_ERROR_NOT_RUNNING,
                   _ ("Cannot reach the system bus: %s"), local->message);
      return FALSE;
    }
  return TRUE;
}

void
ctl_options_init (CtlContext *ctx, GVariantBuilder *builder)
{
  g_variant_builder_init (builder, G_VARIANT_TYPE_VARDICT);
  if (ctx->no_ask_password)
    g_variant_builder_add (builder, "{sv}", GR_OPTION_NO_USER_INTERACTION,
                           g_variant_new_boolean (TRUE));
}

static int
timeout_ms (CtlContext *ctx)
{
  if (ctx->timeout_s == 0 || ctx->timeout_s > G_MAXINT / 1000)
    return G_MAXINT;
  return ctx->timeout_s * 1000;
}

static GVariant *
call (CtlContext *ctx,
      const char *path,
      const char *interface,
      const char *method,
      GVariant *parameters,
      const GVariantType *reply_type,
      GDBusCallFlags flags,
      GError **error)
{
  g_autoptr (GVariant) owned =
      parameters ? g_variant_ref_sink (parameters) : NULL;

  if (!ctl_connect (ctx, error))
    return NULL;
  return g_dbus_connection_call_sync (ctx->bus, GR_DBUS_NAME, path, interface,
                                      method, owned, reply_type, flags,
                                      timeout_ms (ctx), NULL, error);
}

GVariant *
ctl_call (CtlContext *ctx,
          const char *path,
          const char *interface,
          const char *method,
          GVariant *parameters,
          const GVariantType *reply_type,
          GError **error)
{
  g_autoptr (CtlAgent) agent = NULL;
  GDBusCallFlags flags = G_DBUS_CALL_FLAGS_NONE;

  /* The agent lives exactly as long as the call that may need it. */
  if (!ctx->no_ask_password)
    {
      flags |= G_DBUS_CALL_FLAGS_ALLOW_INTERACTIVE_AUTHORIZATION;
      agent = ctl_agent_start ();
    }
  return call (ctx, path, interface, method, parameters, reply_type, flags,
               error);
}

/* A call that changes nothing the caller must be authorized for: no
 * polkit agent, no interactive authorization. */
GVariant *
ctl_read_call (CtlContext *ctx,
               const char *path,
               const char *interface,
               const char *method,
               GVariant *parameters,
               const GVariantType *reply_type,
               GError **error)
{
  return call (ctx, path, interface, method, parameters, reply_type,
               G_DBUS_CALL_FLAGS_NONE, error);
}

GVariant *
ctl_get_all (CtlContext *ctx,
             const char *path,
             const char *interface,
             GError **error)
{
  g_autoptr (GVariant) reply = ctl_read_call (
      ctx, path, "org.freedesktop.DBus.Properties", "GetAll",
      g_variant_new ("(s)", interface), G_VARIANT_TYPE ("(a{sv})"), error);

  if (reply == NULL)
    return NULL;
  return g_variant_get_child_value (reply, 0);
}

void
ctl_object_free (CtlObject *object)
{
  g_free (object->path);
  g_clear_pointer (&object->index, g_hash_table_unref);
  g_clear_pointer (&object->props, g_variant_unref);
  g_free (object);
}

static int
compare_objects (gconstpointer a, gconstpointer b)
{
  const CtlObject *x = *(CtlObject **) a;
  const CtlObject *y = *(CtlObject **) b;

  return g_strcmp0 (x->path, y->path);
}

static GPtrArray *
objects_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) ctl_object_free);
}

/* Takes @props. */
static void
add_object (GPtrArray *objects, const char *path, GVariant *props)
{
  CtlObject *object = g_new0 (CtlObject, 1);

  object->path = g_strdup (path);
  object->props = props;
  g_ptr_array_add (objects, object);
}

/* The objects implementing @interface, sorted by path (so by label). */
GPtrArray *
ctl_list_objects (CtlContext *ctx, const char *interface, GError **error)
{
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) objects = NULL;
  g_autoptr (GPtrArray) found = objects_new ();
  GVariantIter iter;
  const char *path;
  GVariant *interfaces;

  reply = ctl_read_call (
      ctx, GR_DBUS_PATH, "org.freedesktop.DBus.ObjectManager",
      "GetManagedObjects", NULL, G_VARIANT_TYPE ("(a{oa{sa{sv}}})"), error);
  if (reply == NULL)
    return NULL;
  objects = g_variant_get_child_value (reply, 0);
  g_variant_iter_init (&iter, objects);
  while (g_variant_iter_next (&iter, "{&o@a{sa{sv}}}", &path, &interfaces))
    {
      g_autoptr (GVariant) owned = interfaces;
      GVariant *props = g_variant_lookup_value (interfaces, interface,
                                                G_VARIANT_TYPE_VARDICT);

      if (props != NULL)
        add_object (found, path, props);
    }
  g_ptr_array_sort (found, compare_objects);
  return g_steal_pointer (&found);
}

static GVariant *
get_sessions (CtlContext *ctx, const char *const *properties, GError **error)
{
  GVariantBuilder options;

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  if (properties != NULL)
    g_variant_builder_add (&options, "{sv}", "properties",
                           g_variant_new_strv (properties, -1));
  return ctl_read_call (ctx, GR_DBUS_PATH, GR_DBUS_INTERFACE_MANAGER,
                        "GetSessions", g_variant_new ("(a{sv})", &options),
                        G_VARIANT_TYPE ("(a{oa{sv}})"), error);
}

/* The sessions with only @properties (NULL: all), sorted by path: one
 * GetSessions call, whose answer is a fraction of GetManagedObjects'
 * (docs/performance.md); GetManagedObjects from an older georepd. */
GPtrArray *
ctl_list_sessions (CtlContext *ctx,
                   const char *const *properties,
                   GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (GVariant) reply = get_sessions (ctx, properties, &local);
  g_autoptr (GVariant) sessions = NULL;
  g_autoptr (GPtrArray) found = objects_new ();
  GVariantIter iter;
  GVariant *entry;

  if (reply == NULL &&
      g_error_matches (local, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD))
    return ctl_list_objects (ctx, GR_DBUS_INTERFACE_SESSION, error);
  if (reply == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  sessions = g_variant_get_child_value (reply, 0);
  g_variant_iter_init (&iter, sessions);
  /* By value, as index_props reads them. */
  while ((entry = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr (GVariant) path = g_variant_get_child_value (entry, 0);

      add_object (found, g_variant_get_string (path, NULL),
                  g_variant_get_child_value (entry, 1));
      g_variant_unref (entry);
    }
  g_ptr_array_sort (found, compare_objects);
  return g_steal_pointer (&found);
}

/* Name → value, each walked once: a table of a thousand sessions reads
 * ten thousand properties, and each g_variant_lookup walks the a{sv}
 * anew. Read by value, without the '&' formats that would first flatten
 * the tree GDBus decoded (as costly as the decoding); the index holds
 * its values, so strings read from them stay valid with @object. */
static GHashTable *
index_props (GVariant *props)
{
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_variant_unref);
  GVariantIter iter;
  GVariant *entry;

  g_variant_iter_init (&iter, props);
  while ((entry = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr (GVariant) name = g_variant_get_child_value (entry, 0);
      g_autoptr (GVariant) boxed = g_variant_get_child_value (entry, 1);

      g_hash_table_insert (index, g_variant_dup_string (name, NULL),
                           g_variant_get_variant (boxed));
      g_variant_unref (entry);
    }
  return index;
}

/* The value of property @name, unboxed, or NULL; valid with @object. */
static GVariant *
prop_value (CtlObject *object, const char *name)
{
  if (object->index == NULL)
    object->index = index_props (object->props);
  return g_hash_table_lookup (object->index, name);
}

const char *
ctl_prop_string (CtlObject *object, const char *name)
{
  GVariant *value = prop_value (object, name);

  if (value != NULL &&
      (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING) ||
       g_variant_is_of_type (value, G_VARIANT_TYPE_OBJECT_PATH)))
    return g_variant_get_string (value, NULL);
  return "";
}

guint64
ctl_prop_uint64 (CtlObject *object, const char *name)
{
  GVariant *value = prop_value (object, name);

  if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64))
    return g_variant_get_uint64 (value);
  if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_UINT16))
    return g_variant_get_uint16 (value);
  return 0;
}

gint64
ctl_prop_int64 (CtlObject *object, const char *name, gint64 fallback)
{
  GVariant *value = prop_value (object, name);

  if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    return g_variant_get_int64 (value);
  return fallback;
}

gboolean
ctl_prop_boolean (CtlObject *object, const char *name)
{
  GVariant *value = prop_value (object, name);

  return value != NULL &&
         g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN) &&
         g_variant_get_boolean (value);
}
