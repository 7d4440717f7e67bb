/* georepctl destination: the SSH destinations the service knows: list,
 * add (after the admin confirmed the host key), setup of key login, test
 * and remove. */
#include <stdio.h>
#include <unistd.h>

#include "georepctl.h"
#include "gr-error.h"
#include "gr-names.h"

static void
add_destination_row (CtlTable *table, CtlObject *destination)
{
  const char *user = ctl_prop_string (destination, "User");
  guint64 port = ctl_prop_uint64 (destination, "Port");
  g_autofree char *port_text = g_strdup_printf ("%u", port ? (guint) port : 22);
  g_autofree char *tested =
      ctl_format_time_us (ctl_prop_uint64 (destination, "LastTestTime"));
  g_autoptr (GVariant) sessions = g_variant_lookup_value (
      destination->props, "Sessions", G_VARIANT_TYPE ("ao"));
  g_autofree char *n_sessions =
      ctl_format_count (sessions ? g_variant_n_children (sessions) : 0);
  const char *cells[] = {
    ctl_prop_string (destination, "Host"),
    port_text,
    *user ? user : "root",
    ctl_prop_string (destination, "Passwordless"),
    tested,
    n_sessions,
    ctl_prop_string (destination, "HostKeyType"),
    ctl_prop_string (destination, "HostKeyFingerprint"),
  };

  ctl_table_add_row (table, cells);
}

static const char *const destination_headers[] = { "HOST",      "PORT",
                                                   "USER",      "PASSWORDLESS",
                                                   "LAST TEST", "SESSIONS",
                                                   "KEY TYPE",  "FINGERPRINT" };

static int
destination_list (CtlContext *ctx, int argc, char **argv)
{
  const char *const *headers = destination_headers;
  const guint n_headers = G_N_ELEMENTS (destination_headers);
  const GOptionEntry entries[] = { CTL_COLUMNS_ENTRY (ctx),
                                   G_OPTION_ENTRY_NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) destinations = NULL;
  g_autoptr (CtlTable) table = NULL;
  int status;

  if (!ctl_parse_options (ctx, entries, &argc, &argv))
    return CTL_EXIT_USAGE;
  if (argc != 1)
    return ctl_usage (ctx, "too many arguments");
  if (!ctl_columns_ok (ctx, n_headers, headers, &status))
    return status;
  destinations = ctl_list_objects (ctx, GR_DBUS_INTERFACE_DESTINATION, &error);
  if (destinations == NULL)
    return ctl_fail (ctx, "listing destinations", error);
  ctl_output_start (ctx);
  if (ctx->json)
    {
      ctl_print_objects_json (ctx, destinations);
      return CTL_EXIT_OK;
    }
  table = ctl_table_new (n_headers, headers);
  ctl_table_align_right (table, 1);
  ctl_table_align_right (table, 5);
  ctl_table_set_colorizer (table, 3, ctl_status_color);
  for (guint i = 0; i < destinations->len; i++)
    add_destination_row (table, g_ptr_array_index (destinations, i));
  ctl_table_print (table, ctx);
  ctl_print_count (ctx, destinations->len, "destination", "destinations");
  return CTL_EXIT_OK;
}

/* The admin compares the key with one obtained out of band; anything
 * but yes refuses it. */
static gboolean
confirm_host_key (const char *host,
                  const char *key_type,
                  const char *fingerprint,
                  GError **error)
{
  char answer[16] = "";

  if (!isatty (STDIN_FILENO))
    {
      g_set_error (error, CTL_ERROR, CTL_ERROR_USAGE,
                   "%s offers the %s key %s; without a terminal to confirm it, "
                   "pass --fingerprint or --yes",
                   host, key_type, fingerprint);
      return FALSE;
    }
  g_printerr ("The host key of %s is\n  %s %s\nIs this the key of %s? [y/N] ",
              host, key_type, fingerprint, host);
  if (fgets (answer, sizeof answer, stdin) != NULL &&
      (g_ascii_strcasecmp (g_strstrip (answer), "y") == 0 ||
       g_ascii_strcasecmp (answer, "yes") == 0))
    return TRUE;
  g_set_error (error, GR_ERROR, GR_ERROR_HOST_KEY_MISMATCH,
               "The host key was not confirmed");
  return FALSE;
}

typedef struct {
  int port;
  char *user;
  char *fingerprint;
  gboolean yes;
} AddOptions;

static gboolean
probe_host (CtlContext *ctx,
            const char *host,
            const AddOptions *opts,
            char **fingerprint,
            GError **error)
{
  g_autoptr (GVariant) reply = NULL;
  g_autofree char *key_type = NULL;
  GVariantBuilder options;

  ctl_options_init (ctx, &options);
  reply = ctl_call (
      ctx, GR_DBUS_PATH, GR_DBUS_INTERFACE_MANAGER, "ProbeHost",
      g_variant_new ("(sqa{sv})", host, (guint16) opts->port, &options),
      G_VARIANT_TYPE ("(ss)"), error);
  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(ss)", fingerprint, &key_type);
  if (opts->fingerprint != NULL &&
      !g_str_equal (opts->fingerprint, *fingerprint))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_HOST_KEY_MISMATCH,
                   "%s offers the %s key %s, not %s", host, key_type,
                   *fingerprint, opts->fingerprint);
      return FALSE;
    }
  if (opts->fingerprint != NULL || opts->yes)
    return TRUE;
  return confirm_host_key (host, key_type, *fingerprint, error);
}

static int
add_destination (CtlContext *ctx, const char *host, const AddOptions *opts)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *what = g_strdup_printf ("adding destination %s", host);
  GVariantBuilder options;

  if (!probe_host (ctx, host, opts, &fingerprint, &error))
    return ctl_fail (ctx, what, error);
  ctl_options_init (ctx, &options);
  reply = ctl_call (
      ctx, GR_DBUS_PATH, GR_DBUS_INTERFACE_MANAGER, "AddDestination",
      g_variant_new ("(sqssa{sv})", host, (guint16) opts->port,
                     opts->user ? opts->user : "", fingerprint, &options),
      G_VARIANT_TYPE ("(o)"), &error);
  if (reply == NULL)
    return ctl_fail (ctx, what, error);
  return CTL_EXIT_OK;
}

static int
destination_add (CtlContext *ctx, int argc, char **argv)
{
  AddOptions opts = { 0 };
  const GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &opts.port, "The SSH port (default 22)",
      "PORT" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &opts.user,
      "The remote user (default root)", "USER" },
    { "fingerprint", 0, 0, G_OPTION_ARG_STRING, &opts.fingerprint,
      "Accept the host key only if it is FINGERPRINT (SHA256:…)",
      "FINGERPRINT" },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &opts.yes,
      "Accept the host key without asking", NULL },
    G_OPTION_ENTRY_NULL
  };
  int status = CTL_EXIT_USAGE;

  if (!ctl_parse_options (ctx, entries, &argc, &argv))
    ;
  else if (argc != 2)
    ctl_usage (ctx, "expected HOST");
  else if (opts.port < 0 || opts.port > G_MAXUINT16)
    ctl_usage (ctx, "--port must be a port number");
  else
    status = add_destination (ctx, argv[1], &opts);
  g_free (opts.user);
  g_free (opts.fingerprint);
  return status;
}

/* Parses "HOST" and --user for the verbs that act on one destination. */
static CtlObject *
parse_destination (CtlContext *ctx,
                   const GOptionEntry *entries,
                   char **user,
                   int argc,
                   char **argv,
                   int *status)
{
  g_autoptr (GError) error = NULL;
  CtlObject *destination;

  *status = CTL_EXIT_USAGE;
  if (!ctl_parse_options (ctx, entries, &argc, &argv))
    return NULL;
  if (argc != 2)
    {
      ctl_usage (ctx, "expected HOST");
      return NULL;
    }
  destination = ctl_find_destination (ctx, argv[1], *user, &error);
  if (destination == NULL)
    *status = ctl_fail (ctx, "finding the destination", error);
  return destination;
}

static int
setup_passwordless (CtlContext *ctx,
                    CtlObject *destination,
                    const char *password_file)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autofree char *name = ctl_destination_name (destination);
  g_autofree char *prompt =
      g_strdup_printf ("Password of %s@%s: ",
                       *ctl_prop_string (destination, "User")
                           ? ctl_prop_string (destination, "User")
                           : "root",
                       ctl_prop_string (destination, "Host"));
  g_autofree char *what = g_strdup_printf ("setting up key login to %s", name);
  CtlSecret *secret = ctl_secret_read (password_file, prompt, &error);
  GVariantBuilder options;

  if (secret == NULL)
    return ctl_fail (ctx, "reading the password", error);
  ctl_progress (ctx,
                "Logging in to %s with the password, installing root's key "
                "and trying key login",
                name);
  ctl_options_init (ctx, &options);
  reply = ctl_call (
      ctx, destination->path, GR_DBUS_INTERFACE_DESTINATION,
      "SetupPasswordless",
      g_variant_new ("(@sa{sv})", ctl_secret_to_variant (secret), &options),
      NULL, &error);
  if (reply == NULL)
    return ctl_fail (ctx, what, error);
  return CTL_EXIT_OK;
}

static int
destination_setup (CtlContext *ctx, int argc, char **argv)
{
  g_autofree char *user = NULL;
  g_autofree char *password_file = NULL;
  const GOptionEntry entries[] = {
    { "user", 0, 0, G_OPTION_ARG_STRING, &user,
      "The destination's remote user, when HOST has several", "USER" },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
      "Read the password from the first line of FILE", "FILE" },
    G_OPTION_ENTRY_NULL
  };
  int status;
  g_autoptr (CtlObject) destination =
      parse_destination (ctx, entries, &user, argc, argv, &status);

  if (destination == NULL)
    return status;
  return setup_passwordless (ctx, destination, password_file);
}

static int
destination_test (CtlContext *ctx, int argc, char **argv)
{
  g_autofree char *user = NULL;
  const GOptionEntry entries[] = {
    { "user", 0, 0, G_OPTION_ARG_STRING, &user,
      "The destination's remote user, when HOST has several", "USER" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autofree char *message = NULL;
  gboolean ok;
  int status;
  g_autoptr (CtlObject) destination =
      parse_destination (ctx, entries, &user, argc, argv, &status);
  GVariantBuilder options;

  if (destination == NULL)
    return status;
  ctl_options_init (ctx, &options);
  reply = ctl_call (ctx, destination->path, GR_DBUS_INTERFACE_DESTINATION,
                    "Test", g_variant_new ("(a{sv})", &options),
                    G_VARIANT_TYPE ("(bs)"), &error);
  if (reply == NULL)
    return ctl_fail (ctx, "testing the destination", error);
  g_variant_get (reply, "(bs)", &ok, &message);
  g_print ("%s: %s\n", ok ? "ok" : "failed", message);
  return ok ? CTL_EXIT_OK : CTL_EXIT_FAILURE;
}

/* Calls @method of @destination, which answers nothing; a failure is
 * reported as @what. */
static int
call_destination (CtlContext *ctx,
                  CtlObject *destination,
                  const char *method,
                  GVariant *parameters,
                  const char *what)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply =
      ctl_call (ctx, destination->path, GR_DBUS_INTERFACE_DESTINATION, method,
                parameters, NULL, &error);

  if (reply == NULL)
    return ctl_fail (ctx, what, error);
  return CTL_EXIT_OK;
}

static void
add_flag_option (GVariantBuilder *options, const char *key, gboolean set)
{
  if (set)
    g_variant_builder_add (options, "{sv}", key, g_variant_new_boolean (TRUE));
}

static int
destination_remove (CtlContext *ctx, int argc, char **argv)
{
  g_autofree char *user = NULL;
  gboolean revoke = FALSE, force = FALSE;
  const GOptionEntry entries[] = {
    { "user", 0, 0, G_OPTION_ARG_STRING, &user,
      "The destination's remote user, when HOST has several", "USER" },
    { "revoke-key", 0, 0, G_OPTION_ARG_NONE, &revoke,
      "First delete the installed key on the host", NULL },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      "Remove although sessions use it", NULL },
    G_OPTION_ENTRY_NULL
  };
  int status;
  g_autoptr (CtlObject) destination =
      parse_destination (ctx, entries, &user, argc, argv, &status);
  GVariantBuilder options;

  if (destination == NULL)
    return status;
  ctl_options_init (ctx, &options);
  add_flag_option (&options, "revoke-key", revoke);
  add_flag_option (&options, "force", force);
  return call_destination (ctx, destination, "Remove",
                           g_variant_new ("(a{sv})", &options),
                           "removing the destination");
}

static void
add_string_option (GVariantBuilder *options, const char *key, const char *value)
{
  if (value != NULL)
    g_variant_builder_add (options, "{sv}", key, g_variant_new_string (value));
}

static int
destination_mountbroker (CtlContext *ctx, int argc, char **argv)
{
  g_autofree char *user = NULL, *volume = NULL, *group = NULL, *root = NULL;
  const GOptionEntry entries[] = {
    { "user", 0, 0, G_OPTION_ARG_STRING, &user,
      "The destination's non-root user", "USER" },
    { "volume", 0, 0, G_OPTION_ARG_STRING, &volume,
      "The secondary volume the user will write to", "VOLUME" },
    { "group", 0, 0, G_OPTION_ARG_STRING, &group,
      "The user's group for gluster's logs (default: the user's own)",
      "GROUP" },
    { "mountbroker-root", 0, 0, G_OPTION_ARG_STRING, &root,
      "The mountbroker root directory (default /var/mountbroker-root)", "DIR" },
    G_OPTION_ENTRY_NULL
  };
  int status;
  g_autoptr (CtlObject) destination =
      parse_destination (ctx, entries, &user, argc, argv, &status);
  GVariantBuilder options;

  if (destination == NULL)
    return status;
  if (volume == NULL)
    return ctl_usage (ctx, "--volume is required");
  ctl_progress (ctx,
                "Setting up gluster's mountbroker on %s for %s and volume %s "
                "(over SSH as root)",
                ctl_prop_string (destination, "Host"), user ? user : "?",
                volume);
  ctl_options_init (ctx, &options);
  add_string_option (&options, "group", group);
  add_string_option (&options, "mountbroker-root", root);
  return call_destination (ctx, destination, "SetupMountbroker",
                           g_variant_new ("(sa{sv})", volume, &options),
                           "setting up the mountbroker");
}

static const CtlVerb destination_verbs[] = {
  { "list", "", "List the destinations", destination_list },
  { "add", "HOST", "Add a destination after confirming its SSH host key",
    destination_add },
  { "setup", "HOST",
    "Install root's SSH key on the destination, with the user's password",
    destination_setup },
  { "test", "HOST", "Test key login and the remote gluster", destination_test },
  { "mountbroker", "HOST --user=USER --volume=VOLUME",
    "Set up gluster's mountbroker there for a non-root user (over root's "
    "destination of HOST)",
    destination_mountbroker },
  { "remove", "HOST", "Forget a destination", destination_remove },
};

int
ctl_verb_destination (CtlContext *ctx, int argc, char **argv)
{
  const char *name = argc > 1 ? argv[1] : "list";

  for (guint i = 0; i < G_N_ELEMENTS (destination_verbs); i++)
    if (g_str_equal (destination_verbs[i].name, name))
      return ctl_run_verb (ctx, &destination_verbs[i], "destination",
                           MAX (argc - 1, 1), argc > 1 ? argv + 1 : argv);
  if (g_str_has_prefix (name, "-"))
    {
      /* "destination --help", or global options before the sub-verb. */
      if (!ctl_parse_options (ctx, NULL, &argc, &argv))
        return CTL_EXIT_USAGE;
      if (argc > 1 && g_str_has_prefix (argv[1], "-"))
        return ctl_usage (ctx, "unknown verb '%s'", argv[1]);
      return ctl_verb_destination (ctx, argc, argv);
    }
  return ctl_usage (
      ctx,
      "unknown verb '%s': expected list, add, setup, test, mountbroker or "
      "remove",
      name);
}
